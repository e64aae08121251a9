// The split of an execution tree into subtrees (shard.hpp): a stateless depth-first walk of the
// tree above the split depth, full expansion, with sleep sets for dpor.
#include "model/shard.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "model/strategies/scheduler.hpp"
#include "model/strategies/splitmix64.hpp"
#include "model/strategies/thread_mask.hpp"

namespace racelab::model::detail {

namespace {

// Whether a sleeping thread's next operation `asleep` stays asleep past `op`. As dependent(),
// except for two spawns: DPOR's steps name the thread a spawn creates (the next free id), so two
// spawns at different times never conflict there, and swapping them only renames the threads it
// created; dpor counts such executions as one trace, and so must the split, or its subtrees would
// hold executions that differ from one another only by those names.
bool commute(const OpDesc& asleep, const OpDesc& op) {
  if (asleep.kind == OpKind::spawn && op.kind == OpKind::spawn) return true;
  return !dependent(asleep, op);
}

// Walks every path of the tree down to `depth` steps, each once; a path that reaches it is cut
// there (the run is abandoned) and recorded as a subtree, and so is an execution that ends
// before it. With sleep sets, a node runs its awake enabled threads only, and a path whose
// enabled threads are all asleep is dropped: its executions are explored below an earlier
// sibling.
class Splitter final : public Scheduler {
 public:
  Splitter(std::size_t depth, bool sleep_sets, std::optional<int> bound)
      : depth_(depth), sleep_sets_(sleep_sets), bound_(bound) {}

  bool next_execution() override {
    at_ = 0;
    abandoned_ = false;
    if (!started_) {
      started_ = true;
      return true;
    }
    while (!path_.empty()) {
      Node& n = path_.back();
      const Mask left = n.allowed & ~n.sleep & ~n.done;
      if (left != 0) {
        n.chosen = lowest(left);
        n.done |= bit(n.chosen);
        return true;
      }
      path_.pop_back();
    }
    return false;
  }

  int pick(const Choice& choice) override {
    Mask live = 0, enabled = 0;
    for (const ThreadView& v : *choice.threads) {
      if (v.id >= 64) throw std::logic_error("racelab::model: more than 64 threads to split");
      live |= bit(v.id);
      enabled |= v.enabled ? bit(v.id) : 0;
    }
    if (enabled == 0) return -1;  // the end-of-execution call: end_execution() records it
    if (at_ < path_.size()) {     // replaying the path to the branch
      if (path_[at_].enabled != enabled) throw prefix_diverged(at_, path_[at_].enabled, enabled);
      return path_[at_].chosen;
    }
    Node n;
    n.enabled = enabled;
    n.next.resize(64);
    for (const ThreadView& v : *choice.threads) n.next[v.id] = v.next;
    const bool current_on = choice.current >= 0 && (enabled & bit(choice.current)) != 0;
    n.current = current_on ? choice.current : -1;
    if (!path_.empty()) {
      const Node& parent = path_.back();
      n.preemptions =
          parent.preemptions + (parent.current >= 0 && parent.chosen != parent.current ? 1 : 0);
      if (sleep_sets_) {  // Sleep' = {r ∈ Sleep ∪ explored before | next(r) independent of op}
        const Mask asleep = (parent.sleep | (parent.done & ~bit(parent.chosen))) & live;
        for (Mask s = asleep; s; s &= s - 1)
          if (commute(parent.next[lowest(s)], parent.op)) n.sleep |= bit(lowest(s));
      }
    }
    // A thread asleep before an operation that commutes with every other (a yield) is never
    // woken, and every complete execution runs it: each one below is explored under an earlier
    // sibling, so this subtree holds no trace of its own (it would only cost runs, all of them
    // sleep-set blocked).
    for (Mask s = n.sleep; s; s &= s - 1) {
      const OpDesc& op = n.next[lowest(s)];
      if (!dependent(op, op) && !dependent(op, OpDesc{op.object, OpKind::write, kOpPhaseEnd})) {
        abandoned_ = true;
        return -1;
      }
    }
    if (path_.size() == depth_) {  // the split depth: a subtree starts here
      if ((enabled & ~n.sleep) != 0) subtrees_.push_back(Subtree{chosen_path(), n.sleep});
      cut_ = true;
      abandoned_ = true;
      return -1;
    }
    n.allowed = enabled;
    if (bound_ && current_on && n.preemptions >= *bound_) n.allowed = bit(choice.current);
    const Mask awake = n.allowed & ~n.sleep;
    if (awake == 0) {  // every thread that may run is asleep: explored elsewhere
      abandoned_ = true;
      return -1;
    }
    n.chosen = current_on && (awake & bit(choice.current)) ? choice.current : lowest(awake);
    n.done = bit(n.chosen);
    path_.push_back(std::move(n));
    return path_.back().chosen;
  }

  void executed(int thread, const OpDesc& op) override {
    if (at_ >= path_.size() || path_[at_].chosen != thread)
      throw std::logic_error("racelab::model: split: executed() for a thread not picked");
    path_[at_].op = op;
    ++at_;
  }

  // An execution that ended above the split depth is a subtree of its own: one execution.
  void end_execution() override {
    if (!abandoned_) subtrees_.push_back(Subtree{chosen_path(), 0});
  }

  std::vector<Subtree> take() { return std::move(subtrees_); }
  bool cut() const { return cut_; }

 private:
  struct Node {
    Mask enabled = 0;
    Mask allowed = 0;  // enabled, or only the running thread once the bound is used up
    Mask sleep = 0;
    Mask done = 0;
    int current = -1;  // the thread that ran the previous step, when it still may run
    int chosen = -1;
    int preemptions = 0;  // before this node
    std::vector<OpDesc> next;
    OpDesc op;
  };

  std::vector<int> chosen_path() const {
    std::vector<int> p;
    for (std::size_t k = 0; k < at_; ++k) p.push_back(path_[k].chosen);
    return p;
  }

  std::size_t depth_;
  bool sleep_sets_;
  std::optional<int> bound_;
  std::vector<Node> path_;
  std::size_t at_ = 0;  // steps run in the current execution
  bool started_ = false;
  bool abandoned_ = false;
  bool cut_ = false;  // some path reached the split depth with threads left to run
  std::vector<Subtree> subtrees_;
};

}  // namespace

std::vector<Subtree> split_tree(Engine& engine, bool sleep_sets, std::optional<int> bound,
                                std::size_t max_steps, std::size_t& runs) {
  RunConfig config;
  config.max_steps = max_steps;
  // Deepen by about a third each time: a level costs one run per prefix, so the levels before
  // the last cost about as much as the last one, and a long stretch of forced steps (a narrow
  // tree) takes a few levels, not one per step.
  for (std::size_t depth = 0;; depth += std::max<std::size_t>(1, depth / 3)) {
    Splitter split(depth, sleep_sets, bound);
    while (split.next_execution()) {
      ++runs;
      engine.run(split, config);
    }
    std::vector<Subtree> subtrees = split.take();
    if (!split.cut() || depth >= max_steps || subtrees.size() >= kMinSubtrees) return subtrees;
  }
}

std::size_t part_of(std::size_t unit, std::size_t count) {
  SplitMix64 mix(static_cast<std::uint64_t>(unit));
  return static_cast<std::size_t>(mix.next() % count);
}

std::uint64_t sample_seed(std::uint64_t seed, std::size_t i) {
  SplitMix64 mix(seed ^ (0xd1b54a32d192ed03ULL * (static_cast<std::uint64_t>(i) + 1)));
  return mix.next();
}

}  // namespace racelab::model::detail
