// src/model/shrink.hpp — a failing schedule with as few preemptions as possible.
//
// A failure found by DPOR or a random walk often switches threads more than the bug needs, which
// makes its timeline hard to read. Iterative context bounding (Musuvathi & Qadeer, PLDI 2007)
// says most bugs need few preemptions: search again with bounded DFS for K = 0, 1, 2, … below
// the failure's count and keep the first schedule that shows the same violation id. Each bound
// is searched up to a fixed budget of executions, and all the bounds together up to a budget of
// steps, so shrinking stays deterministic and bounded; when a budget runs out the failure as found
// is kept. The step budget is for long failures with many preemptions — a step-limit hit by two
// threads taking turns forever (a polite livelock) would otherwise cost 20,000 executions of
// max_steps steps at each of dozens of bounds; the catalogue's shrinks take at most 1.4 million
// steps (stale-teardown at 6 workers).
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/engine.hpp"

namespace racelab::model::detail {

inline constexpr std::size_t kShrinkBudgetPerBound = 20000;  // executions, at each bound
inline constexpr std::size_t kShrinkStepBudget = 5'000'000;  // steps, all bounds together

// The schedule (thread per step) of a failing execution with fewer than `preemptions`
// preemptions whose violations include `violation_id`, or nullopt.
std::optional<std::vector<int>> shrink_preemptions(Engine& engine, const std::string& violation_id,
                                                   int preemptions, std::size_t max_steps);

// Before the bounded DFS at bound K: bounded_dpor first asks bounded DPOR at K which ids exist
// within K at all (it is complete within its bound and runs far fewer executions), and the DFS
// then looks only for those — a bound where no id can be found costs the DPOR's runs instead of
// the DFS's whole budget (concurrent-add buggy: 1,560 futile DFS runs at bound 0). The DFS still
// picks each witness, so the witnesses are the same as without it, unless a budget runs out (the
// DPOR's runs count against the step budget). none: the DFS alone (tests compare the two).
enum class ShrinkPrecheck { none, bounded_dpor };

// shrink_preemptions() for several ids at once (violation id → the preemptions of its witness as
// found): one bounded DFS per K serves every id still looking, so each id gets exactly the
// schedule its own search would have found, without re-running the DFS once per id. Ids with
// nothing shorter are left out of the answer.
// step_budget: the steps all bounds may run together (tests pass a small one).
std::map<std::string, std::vector<int>> shrink_each(
    Engine& engine, const std::map<std::string, int>& preemptions, std::size_t max_steps,
    std::size_t step_budget = kShrinkStepBudget,
    ShrinkPrecheck precheck = ShrinkPrecheck::bounded_dpor);

}  // namespace racelab::model::detail
