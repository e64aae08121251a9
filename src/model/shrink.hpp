// src/model/shrink.hpp — a failing schedule with as few preemptions as possible.
//
// A failure found by DPOR or a random walk often switches threads more than the bug needs, which
// makes its timeline hard to read. Iterative context bounding (Musuvathi & Qadeer, PLDI 2007)
// says most bugs need few preemptions: search again with bounded DFS for K = 0, 1, 2, … below
// the failure's count and keep the first schedule that shows the same violation id. Each bound
// is searched up to a fixed budget of executions, so shrinking stays deterministic and bounded;
// when the budget runs out the failure as found is kept.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/engine.hpp"

namespace racelab::model::detail {

inline constexpr std::size_t kShrinkBudgetPerBound = 20000;

// The schedule (thread per step) of a failing execution with fewer than `preemptions`
// preemptions whose violations include `violation_id`, or nullopt.
std::optional<std::vector<int>> shrink_preemptions(Engine& engine, const std::string& violation_id,
                                                   int preemptions, std::size_t max_steps);

// shrink_preemptions() for several ids at once (violation id → the preemptions of its witness as
// found): one bounded DFS per K serves every id still looking, so each id gets exactly the
// schedule its own search would have found, without re-running the DFS once per id. Ids with
// nothing shorter are left out of the answer.
std::map<std::string, std::vector<int>> shrink_each(Engine& engine,
                                                    const std::map<std::string, int>& preemptions,
                                                    std::size_t max_steps);

}  // namespace racelab::model::detail
