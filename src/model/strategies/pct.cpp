// src/model/pct.cpp — probabilistic concurrency testing (PCT).
//
//   S. Burckhardt, P. Kothari, M. Musuvathi, S. Nagarakatte, "A Randomized Scheduler with
//   Probabilistic Guarantees of Finding Bugs", ASPLOS 2010.
//
// Each execution gives every thread a distinct random priority and picks d-1 random "change
// points" among the steps; the scheduler always runs the enabled thread of highest priority,
// and at the i-th change point lowers the thread about to run below every other thread (the
// paper's priority d-i, so later change points go lower still).
//
// Guarantee (the paper's Theorem 1): a bug of depth d — one that shows whenever d particular
// ordering constraints between steps hold — is found by a single execution with probability
// at least 1 / (n · k^(d-1)), for n threads and k steps. Depth 1 is "B runs before A": the
// seed's KeyError (one worker's find after another's erase) is depth 1, so even d = 1 finds it;
// the opposite surprise, two workers both finding the key and both erasing it, is depth 2.
//
// Threads appear while the body runs, so a thread gets its priority when first seen: it is
// inserted at a uniformly random place among the threads not yet lowered (as shuttle's pct.rs
// does). k is estimated as the longest execution seen so far (a default before the first one
// ends). Everything is drawn from one SplitMix64 stream seeded once: the same seed and the same
// body give the same sequence of schedules.
#include <algorithm>
#include <cstdint>
#include <vector>

#include "model/strategies/scheduler.hpp"
#include "model/strategies/splitmix64.hpp"

namespace racelab::model::detail {

namespace {

class Pct final : public Scheduler {
 public:
  Pct(std::uint64_t seed, int depth) : rng_(seed), depth_(std::max(depth, 1)) {}

  bool next_execution() override {
    order_.clear();
    lowered_ = 0;
    steps_ = 0;
    // d-1 distinct change points, uniform over the steps [0, k).
    change_points_.clear();
    const std::size_t k = longest_ > 0 ? longest_ : kDefaultSteps;
    const std::size_t want = std::min<std::size_t>(static_cast<std::size_t>(depth_ - 1), k);
    while (change_points_.size() < want) {
      const std::size_t s = rng_.below(k);
      if (std::find(change_points_.begin(), change_points_.end(), s) == change_points_.end())
        change_points_.push_back(s);
    }
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
    if (t >= 0 && std::find(change_points_.begin(), change_points_.end(), choice.step) !=
                      change_points_.end()) {
      // Change point: the thread about to run drops below everyone (priority d-i).
      order_.erase(std::find(order_.begin(), order_.end(), t));
      order_.push_back(t);
      ++lowered_;
      t = highest_enabled(choice);
    }
    if (t >= 0) steps_ = choice.step + 1;
    return t;  // -1 only for the engine's last call, at a state where nothing is enabled
  }

  void end_execution() override { longest_ = std::max(longest_, steps_); }

 private:
  int highest_enabled(const Choice& choice) const {
    for (int id : order_)
      for (const ThreadView& v : *choice.threads)
        if (v.id == id && v.enabled) return id;
    return -1;
  }

  static constexpr std::size_t kDefaultSteps = 64;  // k before any execution has ended

  SplitMix64 rng_;
  int depth_;
  std::size_t longest_ = 0;  // k: the longest execution so far, in steps
  // Per execution.
  std::vector<int> order_;  // thread ids, highest priority first; the last lowered_ were lowered
  std::size_t lowered_ = 0;
  std::vector<std::size_t> change_points_;
  std::size_t steps_ = 0;
};

}  // namespace

std::unique_ptr<Scheduler> make_pct(std::uint64_t seed, int depth) {
  return std::make_unique<Pct>(seed, depth);
}

}  // namespace racelab::model::detail
