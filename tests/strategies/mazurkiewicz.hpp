// tests/strategies/mazurkiewicz.hpp — Mazurkiewicz traces by brute force, the ground truth DPOR
// is checked against.
//
// Two executions are equivalent when one becomes the other by swapping adjacent independent
// steps of different threads (dependence.cpp's relation). A trace is named by its
// lexicographic normal form (Anisimov & Knuth 1979): among all executions of the class, the one
// whose sequence of thread ids is smallest, built greedily — repeatedly take the lowest thread
// whose next step has all its predecessors (program order, dependent earlier steps) taken.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "program_sim.hpp"

namespace racelab::strategy_tests {

// The lexicographic normal form of the execution's trace, as a byte string.
std::string canonical_form(const std::vector<Step>& steps);

struct TraceCensus {
  std::size_t interleavings = 0;      // maximal executions, all of them
  std::map<std::string, int> traces;  // canonical form → fewest preemptions of any member
};

// Enumerates every interleaving of the program and groups them into traces.
TraceCensus brute_force(const Program& program);

}  // namespace racelab::strategy_tests
