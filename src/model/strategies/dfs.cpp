// src/model/dfs.cpp — plain exhaustive depth-first search over every scheduling choice.
//
// The baseline every reduction is measured against (and checked against in tests): each
// execution is a path in the tree whose nodes are the states before a step and whose branches
// are the enabled threads there; DFS runs every path once, so it explores every interleaving,
// n independent threads of k steps each giving (n·k)!/(k!)^n schedules. Stateless, as
// VeriSoft (Godefroid, POPL 1997) and CHESS: the engine re-runs the body from the start and
// this strategy replays the path's prefix, then branches at the deepest node with a choice left.
//
// Preemption bound (CHESS's iterative context bounding, Musuvathi & Qadeer, PLDI 2007): a
// preemption is running another thread while the one that ran the previous step is still
// enabled; with bound K, once a path has K preemptions only that thread may continue (until it
// blocks or finishes). At each node the running thread is tried first, then the others by id,
// so schedules with few preemptions come early.
#include <bit>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "model/strategies/scheduler.hpp"
#include "model/strategies/thread_mask.hpp"

namespace racelab::model::detail {

namespace {

class Dfs final : public Scheduler {
 public:
  Dfs(std::optional<int> bound, std::vector<int> prefix)
      : bound_(bound), prefix_(std::move(prefix)) {}

  bool next_execution() override {
    depth_ = 0;
    path_preemptions_ = 0;
    if (!started_) {
      started_ = true;
      return true;
    }
    while (!path_.empty()) {
      Node& n = path_.back();
      const Mask left = n.allowed & ~n.tried;
      if (left != 0) {
        n.chosen = lowest(left);
        n.tried |= bit(n.chosen);
        return true;
      }
      path_.pop_back();
    }
    return false;
  }

  int pick(const Choice& choice) override {
    Mask enabled = choice.enabled;  // the engine's bits; a pass over the view otherwise
    if (!choice.has_bits) {
      enabled = 0;
      for (const ThreadView& v : *choice.threads) enabled |= v.enabled ? bit(v.id) : 0;
    }
    if (enabled == 0) return -1;  // the end-of-execution call
    // A waiter whose only way on is a spurious wake-up is not "running on": leaving it is no
    // preemption (Choice::spurious_only), and the others go first.
    const Mask waiting = choice.spurious_only & enabled;
    const bool current_on = choice.current >= 0 && ((enabled & ~waiting) & bit(choice.current));
    int chosen;
    if (depth_ < prefix_.size()) {  // the forced prefix: no branch is explored here
      chosen = prefix_[depth_];
      if (chosen < 0 || chosen >= 64 || (enabled & bit(chosen)) == 0) {  // 64: a Mask's bits
        throw std::invalid_argument("racelab::model dfs: the prefix does not fit: step " +
                                    std::to_string(depth_ + 1) + " chooses thread " +
                                    std::to_string(chosen) + ", which cannot run there");
      }
    } else if (depth_ - prefix_.size() < path_.size()) {  // replaying the path up to the branch
      const Node& n = path_[depth_ - prefix_.size()];
      if (n.enabled != enabled) throw prefix_diverged(depth_, n.enabled, enabled);
      chosen = n.chosen;
    } else {
      Mask allowed = enabled;
      if (bound_ && current_on && path_preemptions_ >= *bound_) allowed = bit(choice.current);
      chosen = current_on                  ? choice.current
               : (allowed & ~waiting) != 0 ? lowest(allowed & ~waiting)
                                           : lowest(allowed);
      path_.push_back(Node{enabled, allowed, bit(chosen), chosen});
    }
    ++depth_;
    if (current_on && chosen != choice.current) ++path_preemptions_;
    return chosen;
  }

  bool exhaustive() const override { return true; }

 private:
  // The state before one step of the current path. Invariant: chosen ∈ tried ⊆ allowed ⊆ enabled.
  struct Node {
    Mask enabled;
    Mask allowed;  // enabled, or only the running thread once the bound is used up
    Mask tried;    // branches explored or being explored
    int chosen;
  };

  std::optional<int> bound_;
  std::vector<int> prefix_;  // forced choices before the explored tree
  std::vector<Node> path_;   // the explored tree's current path, below the prefix
  std::size_t depth_ = 0;
  int path_preemptions_ = 0;
  bool started_ = false;
};

}  // namespace

std::unique_ptr<Scheduler> make_dfs(std::optional<int> preemption_bound, std::vector<int> prefix) {
  return std::make_unique<Dfs>(preemption_bound, std::move(prefix));
}

}  // namespace racelab::model::detail
