// src/model/pct.cpp — probabilistic concurrency testing (PCT).
//
//   S. Burckhardt, P. Kothari, M. Musuvathi, S. Nagarakatte, "A Randomized Scheduler with
//   Probabilistic Guarantees of Finding Bugs", ASPLOS 2010.
//
// Each execution gives every thread a distinct random priority and picks d-1 distinct random
// "change points" among the steps [0, k); the scheduler always runs the enabled thread of
// highest priority, and at the i-th change point (in step order) lowers the thread about to run
// below every other thread (the paper's priority d-i, so later change points go lower still).
//
// What is guaranteed (the paper's Theorem 1): a bug of depth d — one that shows whenever d
// particular ordering constraints between steps hold — is found by a single execution with
// probability at least 1 / (n · k^(d-1)), for n threads and executions of at most k steps.
// Depth 1 is "B runs before A": the seed's KeyError (one worker's find after another's erase)
// is depth 1, so even d = 1 finds it; the opposite surprise, two workers both finding the key and
// both erasing it, is depth 2. Depth d needs pct_depth >= d: with fewer change points a thread
// is never preempted often enough. tests/strategies/pct_bound_test.cpp measures the bound.
//
// What is not promised: beating random scheduling everywhere. The bound is a worst case that
// falls with k; PCT's change points are uniform over all k steps, so it pays about 1/k for each
// constraint, while random pays about 1/2 for each step that must (not) interleave. On a small
// textbook program (tests/strategies/pct_programs.hpp: the lost update, about 20 steps) random
// needs fewer schedules; PCT needs fewer when a bug needs a few preemptions at the right places
// among many steps, where random's odds halve with every step (the bench's pct_over_random
// measures both cases).
//
// Threads appear while the body runs, so a thread gets its priority when first seen: it is
// inserted at a uniformly random place among the threads not lowered yet (as shuttle's pct.rs
// does); lowered threads stay below them, in the order they were lowered. A thread lowered twice
// is one lowered thread, placed lowest.
//
// How k is chosen: the paper draws the change points over the actual number of steps k, which a
// scheduler cannot know before the program has run. So the first execution of an exploration
// only measures: it runs by priorities without change points and, at its last step (one live
// thread left, about to exit), it is abandoned, so the engine neither counts nor reports it.
// From then on k is the longest execution seen so far (the paper's k bounds every execution).
// An execution that does not end with a lone exiting thread (idle workers, a deadlock, the step
// limit) cannot be abandoned in time: it is then counted as an ordinary schedule, a run without
// change points, and k is its length. A change point past the end of a shorter execution is
// simply not reached.
//
// Everything is drawn from one SplitMix64 stream seeded once: the same seed and the same body
// give the same sequence of schedules.
#include <algorithm>
#include <cstdint>
#include <vector>

#include "model/strategies/scheduler.hpp"
#include "model/strategies/splitmix64.hpp"

namespace racelab::model::detail {

namespace {

class Pct final : public Scheduler {
 public:
  Pct(std::uint64_t seed, int depth, std::size_t steps)
      : rng_(seed), depth_(std::max(depth, 1)), longest_(steps) {}

  bool next_execution() override {
    order_.clear();
    lowered_ = 0;
    steps_ = 0;
    next_change_ = 0;
    change_points_.clear();
    if (longest_ == 0) return true;  // k is unknown: this execution measures it
    // d-1 distinct change points, uniform over the steps [0, k), in step order.
    const std::size_t k = longest_;
    const std::size_t want = std::min<std::size_t>(static_cast<std::size_t>(depth_ - 1), k);
    while (change_points_.size() < want) {
      const std::size_t s = rng_.below(k);
      if (std::find(change_points_.begin(), change_points_.end(), s) == change_points_.end())
        change_points_.push_back(s);
    }
    std::sort(change_points_.begin(), change_points_.end());
    return true;  // a sampling strategy: the engine's max_schedules ends the run
  }

  int pick(const Choice& choice) override {
    for (const ThreadView& v : *choice.threads) {
      if (std::find(order_.begin(), order_.end(), v.id) != order_.end()) continue;
      // A new thread: a random place among the threads not lowered by a change point.
      const std::size_t unlowered = order_.size() - lowered_;
      order_.insert(order_.begin() + static_cast<std::ptrdiff_t>(rng_.below(unlowered + 1)), v.id);
    }
    int t = highest_enabled(choice);
    if (t < 0) return -1;  // the engine's last call, at a state where nothing is enabled
    if (longest_ == 0 && last_step(choice)) {
      longest_ = choice.step + 1;  // k measured; this execution is not a sample
      return -1;
    }
    if (next_change_ < change_points_.size() && change_points_[next_change_] == choice.step) {
      ++next_change_;
      lower(t);  // the thread about to run drops below everyone (priority d-i)
      t = highest_enabled(choice);
    }
    steps_ = choice.step + 1;
    return t;
  }

  void end_execution() override { longest_ = std::max(longest_, steps_); }

 private:
  // order_ holds the threads not lowered (highest priority first), then the lowered_ threads
  // that were lowered, the most recently lowered last.
  void lower(int t) {
    const auto it = std::find(order_.begin(), order_.end(), t);
    const bool already =
        it - order_.begin() >= static_cast<std::ptrdiff_t>(order_.size() - lowered_);
    order_.erase(it);
    order_.push_back(t);
    if (!already) ++lowered_;
  }

  int highest_enabled(const Choice& choice) const {
    if (choice.has_bits) {
      for (int id : order_)
        if ((choice.enabled >> id) & 1U) return id;
      return -1;
    }
    for (int id : order_)
      for (const ThreadView& v : *choice.threads)
        if (v.id == id && v.enabled) return id;
    return -1;
  }

  // The step about to run is the execution's last: one live thread, and it is about to exit.
  static bool last_step(const Choice& choice) {
    const auto& threads = *choice.threads;
    return threads.size() == 1 && threads.front().enabled &&
           threads.front().next.kind == OpKind::exit;
  }

  SplitMix64 rng_;
  int depth_;
  std::size_t longest_ = 0;  // k: the longest execution so far, in steps (0: not measured yet)
  // Per execution.
  std::vector<int> order_;
  std::size_t lowered_ = 0;                 // how many threads at the end of order_ were lowered
  std::vector<std::size_t> change_points_;  // ascending
  std::size_t next_change_ = 0;             // the first change point not reached yet
  std::size_t steps_ = 0;
};

}  // namespace

std::unique_ptr<Scheduler> make_pct(std::uint64_t seed, int depth, std::size_t steps) {
  return std::make_unique<Pct>(seed, depth, steps);
}

}  // namespace racelab::model::detail
