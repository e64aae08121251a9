// src/model/shrink.hpp — a failing schedule with as few preemptions as possible.
//
// A failure found by DPOR or a random walk often switches threads more than the bug needs, which
// makes its timeline hard to read. Iterative context bounding (Musuvathi & Qadeer, PLDI 2007)
// says most bugs need few preemptions: search again with a bounded search (ShrinkSearch below)
// for K = 0, 1, 2, … below the failure's count and keep the first schedule that shows the same
// violation id. Each bound is searched up to a fixed budget of executions, and all the bounds
// together up to a budget of steps, so shrinking stays deterministic and bounded; when a budget
// runs out the failure as found is kept. The step budget is for long failures with many
// preemptions — a step-limit hit by two threads taking turns forever (a polite livelock) would
// otherwise cost 20,000 executions of max_steps steps at each of dozens of bounds; the
// catalogue's shrinks took at most 1.4 million steps (stale-teardown at 6 workers, when every
// bound was searched by bounded DFS).
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "model/engine.hpp"

namespace racelab::model::detail {

inline constexpr std::size_t kShrinkBudgetPerBound = 20000;  // executions, at each bound
inline constexpr std::size_t kShrinkStepBudget = 5'000'000;  // steps, all bounds together

// How shrink_each searches each bound K (every one finds the fewest preemptions that show an id):
//   dfs            bounded DFS alone; the witness is its first schedule at the fewest preemptions.
//   dpor_then_dfs  first asks bounded DPOR at K which ids exist within K at all (it is complete
//                  within its bound and runs far fewer executions), and the DFS then looks only
//                  for those: the same witnesses as dfs (unless a budget runs out: the DPOR's runs
//                  count against the step budget), and a bound where no id can be found costs the
//                  DPOR's runs instead of the DFS's whole budget (concurrent-add buggy: 1,560
//                  futile DFS runs at bound 0). For canonical witnesses (partitioned runs:
//                  the same in every part, whichever execution found the bug).
//   dpor           bounded DPOR alone; the witness is its first execution at the fewest
//                  preemptions that shows the id. Not the dfs's schedule, but as short, and it
//                  skips the DFS's walk to its first one (stale-teardown fixed: 841 DFS runs at
//                  bound 0, where the DPOR pass had shown the bug within 2).
enum class ShrinkSearch { dfs, dpor_then_dfs, dpor };

// What shrink_each found, and what it cost.
struct Shrunk {
  // Violation id → its schedule with fewer preemptions; ids with nothing shorter are left out.
  std::map<std::string, std::vector<int>> schedules;
  std::size_t runs = 0;       // executions started, bounded DPOR's and DFS's
  std::size_t dpor_runs = 0;  // of them, bounded DPOR's
};

// For each violation id (→ the preemptions of its witness as found): the schedule (thread per
// step) of an execution with fewer preemptions whose violations include the id, when one exists
// within the budgets. One search per K serves every id still looking, so each id gets exactly the
// schedule its own search would have found, without searching once per id.
// step_budget: the steps all bounds may run together (tests pass a small one).
Shrunk shrink_each(Engine& engine, const std::map<std::string, int>& preemptions,
                   std::size_t max_steps, std::size_t step_budget = kShrinkStepBudget,
                   ShrinkSearch search = ShrinkSearch::dpor);

// For each violation id (→ the preemptions of its witness, which took a spurious wake-up): the
// schedule of an execution without spurious wake-ups, with at most that many preemptions, that
// shows the id, when one exists within the budgets — a condition-variable witness reads better
// when every waiter it wakes was notified. Bounded DPOR at K = 0, 1, … with
// RunConfig::spurious_wakeups off, the first execution that shows each id. An id that needs a
// spurious wake-up (a wait under `if`) is searched for in vain and keeps its witness.
Shrunk calm_each(Engine& engine, const std::map<std::string, int>& preemptions,
                 std::size_t max_steps, std::size_t step_budget = kShrinkStepBudget);

}  // namespace racelab::model::detail
