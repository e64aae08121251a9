// tests/strategies/dpor_bound_test.cpp — DPOR under a preemption bound: never more preemptions
// than the bound, and every trace reachable within the bound is explored (BPOR).
#include <gtest/gtest.h>

#include <cstdint>

#include "dpor_check.hpp"
#include "random_programs.hpp"

namespace racelab::strategy_tests {
namespace {

TEST(DporPreemptionBound, ZeroBoundRunsNoPreemption) {
  const std::vector<Instr> locked_increment{lk(kMutexA), rd(kCellA), wr(kCellA), ulk(kMutexA)};
  const Program p{{locked_increment, locked_increment, locked_increment}};
  const DporOutcome out = run_dpor(p, 0);
  EXPECT_EQ(out.max_preemptions, 0);
  // Without preemptions a thread runs until it finishes or blocks: one trace per lock order.
  EXPECT_EQ(out.complete, 6u);
  EXPECT_TRUE(out.exhaustive);
}

void check_bounds(const ProgramShape& shape, std::uint64_t first_seed, int count, int max_bound) {
  for (std::uint64_t seed = first_seed; seed < first_seed + count; ++seed) {
    const Program p = random_program(seed, shape);
    const TraceCensus census = brute_force(p);
    for (int bound = 0; bound <= max_bound; ++bound)
      ASSERT_TRUE(dpor_matches_brute_force(p, census, bound)) << "seed " << seed;
  }
}

TEST(DporPreemptionBound, CoversEveryTraceWithinTheBound) {
  check_bounds(ProgramShape{2, 3, 4, false}, 30000, 100, 2);
}

TEST(DporPreemptionBound, CoversEveryTraceWithinTheBoundWithSpawnAndJoin) {
  check_bounds(ProgramShape{2, 3, 3, true}, 31000, 60, 1);
}

TEST(DporPreemptionBound, LargeBoundIsTheUnboundedSearch) {
  for (std::uint64_t seed = 32000; seed < 32050; ++seed) {
    const Program p = random_program(seed, ProgramShape{2, 3, 4, false});
    EXPECT_EQ(run_dpor(p, 1000).traces, run_dpor(p).traces) << p.describe();
  }
}

}  // namespace
}  // namespace racelab::strategy_tests
