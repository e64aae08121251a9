// tests/strategies/facade_programs.hpp — random programs written with the model facade: two
// parents started at once, each starting children of its own (so spawns race and the engine's
// thread ids depend on their order), cell reads and writes whose values steer the code, a
// critical section, a try_lock, an atomic whose old value picks a branch, and a condition
// variable with a flag. Shared by shard_dpor_test.cpp (dpor cut into parts against the whole)
// and dpor_oracle.cpp (dpor against exhaustive dfs, trace class by trace class).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "racelab/model/explore.hpp"

namespace racelab::strategy_tests {

enum class FacadeOpKind { read_a, write_a, write_b, section, try_lock, counter, signal, await };
struct FacadeOp {
  FacadeOpKind kind;
  int arg;
};
using FacadeCode = std::vector<FacadeOp>;

struct FacadeProgram {
  FacadeCode parent[2];
  std::vector<FacadeCode> children[2];
};

// Sizes: each piece of code has 1..max_ops operations; each parent 1..max_children children.
struct FacadeShape {
  int max_ops = 2;
  int max_children = 2;
};

FacadeProgram random_facade_program(std::uint64_t seed, FacadeShape shape = {});

// The program as text, one thread per line ("parent 0: write_a(1) await").
std::string describe(const FacadeProgram& p);

// The body, and an end check that names the final state ("end A=3 B=1 n=2 f=1") as a violation
// id: equal violation ids mean equal reachable end states.
struct FacadeHarness {
  model::Body body;
  model::EndCheck end_check;
};
FacadeHarness facade_harness(const FacadeProgram& p);

// Explores the harness with `o` (its on_execution sees every execution): in one run when parts
// is 0, else as parts 1..parts of a partitioned run, one after the other.
void explore_whole_or_parts(const FacadeHarness& h, model::Options o, std::size_t parts);

}  // namespace racelab::strategy_tests
