// tests/strategies/dpor_check.hpp — runs DPOR over a simulated program and compares what it
// explored with the brute-force set of Mazurkiewicz traces.
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <optional>
#include <set>
#include <string>

#include "mazurkiewicz.hpp"
#include "program_sim.hpp"

namespace racelab::strategy_tests {

struct DporOutcome {
  std::set<std::string> traces;     // canonical forms of the complete executions
  std::size_t complete = 0;         // complete executions
  std::size_t abandoned = 0;        // sleep-set (or bound) blocked executions
  std::size_t reported_traces = 0;  // Strategy::traces()
  bool exhaustive = false;          // Strategy::exhaustive()
  int max_preemptions = 0;
};

DporOutcome run_dpor(const Program& program, std::optional<int> preemption_bound = std::nullopt);

// DPOR (with the bound, if any) explored exactly one execution per trace, reported that count,
// finished, stayed within the bound, and covered every trace brute force finds (every trace
// with at most `bound` preemptions, when bounded).
::testing::AssertionResult dpor_matches_brute_force(
    const Program& program, std::optional<int> preemption_bound = std::nullopt);
// The same, with the program's brute-force census already computed.
::testing::AssertionResult dpor_matches_brute_force(const Program& program,
                                                    const TraceCensus& census,
                                                    std::optional<int> preemption_bound);

}  // namespace racelab::strategy_tests
