// tests/strategies/dpor_test.cpp — DPOR explores one execution per Mazurkiewicz trace, and every
// trace, on simulated programs where brute force can enumerate every interleaving.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "dpor_check.hpp"
#include "mazurkiewicz.hpp"
#include "random_programs.hpp"

namespace racelab::strategy_tests {
namespace {

constexpr int x = kCellA, y = kCellB, m = kMutexA, n = kMutexB, q = kQueue;

TEST(DporIndependentThreads, RunsExactlyOneExecution) {
  const Program p{{{wr(0), rd(0), wr(0)}, {wr(1), rd(1), yld()}, {wr(2), yld(), rd(2)}}};
  const DporOutcome out = run_dpor(p);
  EXPECT_EQ(out.complete, 1u);
  EXPECT_EQ(out.abandoned, 0u);
  EXPECT_EQ(out.reported_traces, 1u);
  EXPECT_TRUE(out.exhaustive);
}

// A program with the number of traces worked out by hand, so brute force is checked too.
struct Known {
  std::string name;
  Program program;
  std::size_t traces;
};

std::vector<Known> known_programs() {
  const std::vector<Instr> locked_increment{lk(m), rd(x), wr(x), ulk(m)};
  const std::vector<Instr> worker{yld(), rd(x), wr(x)};
  return {
      {"two writers: either goes first", {{{wr(x)}, {wr(x)}}}, 2},
      {"three readers and a writer: each read before or after it",
       {{{wr(x)}, {rd(x)}, {rd(x)}, {rd(x)}}},
       8},
      {"locked increments: one trace per lock order",
       {{locked_increment, locked_increment, locked_increment}},
       6},
      {"lock-order inversion: T0 first, T1 first, or deadlock",
       {{{lk(m), lk(n), ulk(n), ulk(m)}, {lk(n), lk(m), ulk(m), ulk(n)}}},
       3},
      {"try_lock before, during and after a critical section",
       {{{lk(m), ulk(m)}, {trylk(m), ulk(m)}}},
       3},
      {"two gets and two puts: the gets' order against the puts",
       {{{put(q), put(q)}, {get(q)}, {get(q)}}},
       4},
      {"get with nobody putting: blocked at the end", {{{get(q)}, {wr(x)}, {rd(x)}}}, 2},
      {"spawn and join: children race on x",
       {{{spawn(1), spawn(2), join(1), join(2)}, {wr(x), exit_(1)}, {wr(x), exit_(2)}}},
       2},
      {"the seed, three workers: read the map, then erase the key",
       {{worker, worker, worker}},
       0 /* brute force only */},
      {"four workers without the yield",
       {{{rd(x), wr(x)}, {rd(x), wr(x)}, {rd(x), wr(x)}, {rd(x), wr(x)}}},
       0},
      {"two cells, crossed writes and reads: never both reads first",
       {{{wr(x), rd(y)}, {wr(y), rd(x)}}},
       3},
  };
}

TEST(DporKnownPrograms, ExploreEveryTraceExactlyOnce) {
  for (const Known& k : known_programs()) {
    SCOPED_TRACE(k.name);
    if (k.traces > 0) {
      EXPECT_EQ(brute_force(k.program).traces.size(), k.traces);
    }
    EXPECT_TRUE(dpor_matches_brute_force(k.program));
  }
}

TEST(DporKnownPrograms, PruneTheSeedsInterleavings) {
  const std::vector<Instr> worker{yld(), rd(x), wr(x)};
  const Program seed{{worker, worker, worker}};
  const TraceCensus census = brute_force(seed);
  const DporOutcome out = run_dpor(seed);
  EXPECT_EQ(out.complete, census.traces.size());
  // 9!/(3!^3) = 1680 interleavings; the yields and the reads commute, most are equivalent.
  EXPECT_EQ(census.interleavings, 1680u);
  EXPECT_LT(out.complete + out.abandoned, census.interleavings / 10);
}

// Hundreds of random programs per shape; the seed list is fixed, so the test is deterministic.
void check_random(const ProgramShape& shape, std::uint64_t first_seed, int count) {
  for (int k = 0; k < count; ++k) {
    const Program p = random_program(first_seed + k, shape);
    ASSERT_TRUE(dpor_matches_brute_force(p)) << "seed " << first_seed + k;
  }
}

TEST(DporRandomPrograms, MatchBruteForceWithTwoOrThreeThreads) {
  check_random(ProgramShape{2, 3, 4, false}, 1000, 300);
}

TEST(DporRandomPrograms, MatchBruteForceWithFourThreads) {
  check_random(ProgramShape{4, 4, 3, false}, 5000, 30);
}

TEST(DporRandomPrograms, MatchBruteForceWithSpawnAndJoin) {
  check_random(ProgramShape{2, 3, 3, true}, 9000, 150);
}

TEST(DporSleepSets, NeverRunTwoEquivalentExecutions) {
  std::size_t abandoned = 0;
  for (std::uint64_t seed = 20000; seed < 20200; ++seed) {
    const Program p = random_program(seed, ProgramShape{3, 3, 4, false});
    const DporOutcome out = run_dpor(p);
    ASSERT_EQ(out.traces.size(), out.complete) << p.describe();
    abandoned += out.abandoned;
  }
  // Unbounded DPOR follows wakeup trees (Optimal DPOR): no execution of these programs (cells,
  // mutexes, try_lock, a queue) ends sleep-set blocked. Source-DPOR abandoned 48 here.
  RecordProperty("sleep_set_blocked", std::to_string(abandoned));
  EXPECT_EQ(abandoned, 0u);
}

}  // namespace
}  // namespace racelab::strategy_tests
