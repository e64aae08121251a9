// tests/strategies/pct_test.cpp — PCT: reproducible by seed, and finds bugs of depth d as often
// as Burckhardt et al. promise: at least 1/(n·k^(d-1)) of the runs, n threads, k steps.
#include <gtest/gtest.h>

#include <cstdint>
#include <functional>

#include "model/strategies/scheduler.hpp"
#include "program_sim.hpp"
#include "random_programs.hpp"

namespace racelab::strategy_tests {
namespace {

using model::detail::make_pct;

// How many of `runs` PCT executions show the bug, and the first one that did (-1: none).
struct Hits {
  int count = 0;
  int first = -1;
};

Hits hunt(const Program& p, std::uint64_t seed, int depth, int runs,
          const std::function<bool(const SimExecution&)>& bug) {
  auto pct = make_pct(seed, depth);
  const SimRun run = drive(*pct, p, runs);
  Hits hits;
  for (std::size_t k = 0; k < run.complete.size(); ++k) {
    if (!bug(run.complete[k])) continue;
    if (hits.first < 0) hits.first = static_cast<int>(k);
    ++hits.count;
  }
  return hits;
}

// Position of thread t's i-th step in the execution.
int position(const SimExecution& e, int t, int i) {
  for (std::size_t k = 0; k < e.steps.size(); ++k)
    if (e.steps[k].thread == t && i-- == 0) return static_cast<int>(k);
  return -1;
}

// Depth 1: T1 reads x before T0, after three yields, writes it. n = 2: p >= 1/2.
TEST(PctFindsBugs, DepthOneWithinTwentyRuns) {
  const Program p{{{yld(), yld(), yld(), wr(kCellA)}, {rd(kCellA)}}};
  const auto bug = [](const SimExecution& e) { return position(e, 1, 0) < position(e, 0, 3); };
  const Hits hits = hunt(p, 7, 1, 400, bug);
  RecordProperty("first_hit", hits.first);
  RecordProperty("hits_of_400", hits.count);
  // A miss in the first 20 runs has probability <= 2^-20; the seed is fixed, so it is a fact.
  EXPECT_GE(hits.first, 0);
  EXPECT_LT(hits.first, 20);
  EXPECT_GE(hits.count, 400 / 2 / 2) << "well below the 1/2 guarantee";
}

// Depth 2: T1's step falls strictly between T0's first and last of five steps (two ordering
// constraints). n = 2, k = 6: p >= 1/(2·6) = 1/12 per run once k is known.
TEST(PctFindsBugs, DepthTwoWithinAHundredRuns) {
  const Program p{{{wr(kCellA), yld(), yld(), yld(), wr(kCellB)}, {rd(kCellA)}}};
  const auto bug = [](const SimExecution& e) {
    const int b = position(e, 1, 0);
    return position(e, 0, 0) < b && b < position(e, 0, 4);
  };
  const Hits hits = hunt(p, 11, 2, 600, bug);
  RecordProperty("first_hit", hits.first);
  RecordProperty("hits_of_600", hits.count);
  // Missing 100 runs in a row has probability <= (11/12)^99 < 2e-4.
  EXPECT_GE(hits.first, 0);
  EXPECT_LT(hits.first, 100);
  EXPECT_GE(hits.count, 600 / 12 / 2) << "well below the 1/12 guarantee";
}

// Without a change point a thread runs until it finishes or blocks: depth 1 cannot split T0.
TEST(PctFindsBugs, DepthOneNeverFindsADepthTwoBug) {
  const Program p{{{wr(kCellA), yld(), yld(), yld(), wr(kCellB)}, {rd(kCellA)}}};
  const auto bug = [](const SimExecution& e) {
    const int b = position(e, 1, 0);
    return position(e, 0, 0) < b && b < position(e, 0, 4);
  };
  EXPECT_EQ(hunt(p, 11, 1, 300, bug).count, 0);
}

std::vector<std::vector<int>> schedules(std::uint64_t seed, int depth, const Program& p, int runs) {
  auto pct = make_pct(seed, depth);
  std::vector<std::vector<int>> out;
  for (const SimExecution& e : drive(*pct, p, runs).complete) {
    out.emplace_back();
    for (const Step& s : e.steps) out.back().push_back(s.thread);
  }
  return out;
}

TEST(PctReproducible, SameSeedSameSchedules) {
  const Program p = random_program(42, ProgramShape{3, 3, 4, true});
  EXPECT_EQ(schedules(5, 3, p, 50), schedules(5, 3, p, 50));
  EXPECT_NE(schedules(5, 3, p, 50), schedules(6, 3, p, 50));
}

TEST(PctBlockingAndSpawning, PicksOnlyEnabledThreads) {
  for (std::uint64_t seed = 0; seed < 100; ++seed) {
    const Program p = random_program(seed, ProgramShape{2, 4, 4, seed % 2 == 0});
    auto pct = make_pct(seed, 3);
    EXPECT_NO_THROW(drive(*pct, p, 30)) << p.describe();
  }
}

}  // namespace
}  // namespace racelab::strategy_tests
