// tests/strategies/symmetric_programs.hpp — random facade programs with groups of
// interchangeable threads, and the class of an execution up to renaming them; shared by
// symmetry_test.cpp (the reduced search against the unreduced one) and symmetry_rule_test.cpp
// (the turn rule, apart from DPOR).
//
// A program: MainThread starts a group of 2-4 identical workers (tagged interchangeable), maybe a
// second group of 2 running other code, maybe one thread of its own, and joins them all at the
// end (the promise: nothing tells the members apart). Worker code is a random sequence of cell
// reads and writes whose values steer it, critical sections on two mutexes (a second group may
// take them in the other order: deadlocks), try_locks and an atomic counter whose old value picks
// a branch. The end check turns the final state into a violation id ("end A=3 B=1 n=2"), so
// comparing the sets of violation ids compares the reachable end states too, beside data races,
// deadlocks and exceptions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "racelab/model/explore.hpp"

namespace racelab::strategy_tests::symmetric_programs {

enum class Kind { read_a, write_a, read_b, write_b, section_1, section_2, try_2, counter };
struct Op {
  Kind kind;
  int arg;
};
using Code = std::vector<Op>;

struct Program {
  Code group;                 // the interchangeable workers' code
  int members = 2;            // how many of them
  Code second;                // a second group of 2 (empty: none), reversed lock order
  Code loner;                 // one thread of its own (empty: none)
  bool loner_tagged = false;  // the loner is tagged too, alone in its group: no effect
};

// A random program; small: 2 or 3 workers of 1-2 operations and at most a loner of 1, for plain
// dfs to cover.
Program random_program(std::uint64_t seed, bool small = false);

struct Harness {
  model::Body body;
  model::EndCheck end_check;
};

Harness harness(const Program& p);

// The class of an execution up to renaming interchangeable threads, as a string. Each thread's
// history lists its accesses with the object's version when it made them (the changes of that
// object before it): equal in every execution of one Mazurkiewicz trace, since dependent steps
// keep their order; and, since a failed try_lock changes nothing, equal too when two of them
// swap (the same state either way, which the dependence relation does not know). Thread
// operations (start, spawn, join, exit) and yields and fences are left out: the programs start
// and join their threads in program order, and a yield or a fence touches no object. The members of a group ("Thread-3 (worker)": the name in
// parentheses) give their histories sorted, so renaming them changes nothing.
std::string orbit_of(const model::Trace& t);

// How many programs a test runs: RACELAB_SYMMETRY_PROGRAMS (set by CMake: 30, 12 under the
// sanitizers; kept small, the tests run in every CI preset), default 30.
std::uint64_t programs();

}  // namespace racelab::strategy_tests::symmetric_programs
