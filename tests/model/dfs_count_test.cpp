// Plain DFS runs every interleaving exactly once: for n independent threads of k steps each,
// (n·k)!/(k!)^n schedules (see independent_threads() for what is counted).
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <tuple>

#include "programs.hpp"

namespace racelab::model::testing {
namespace {

// (n·k)! / (k!)^n, exactly, for the small n and k used here.
std::size_t multinomial(int n, int k) {
  // Product of binomials C(i·k, k) for i = 1..n.
  std::size_t result = 1;
  for (int i = 1; i <= n; ++i) {
    std::size_t c = 1;
    for (int j = 1; j <= k; ++j) c = c * static_cast<std::size_t>((i - 1) * k + j) / j;
    result *= c;
  }
  return result;
}

class DfsCount : public ::testing::TestWithParam<std::tuple<int, int>> {};

TEST_P(DfsCount, ExploresEveryInterleavingOnce) {
  const auto [n, k] = GetParam();
  Options opts;
  opts.strategy = Strategy::dfs;
  opts.stop_on_first_violation = false;
  std::set<std::string> schedules;
  opts.on_execution = [&](const Execution& e) {
    EXPECT_TRUE(e.ok()) << e.violations.front().message;
    schedules.insert(e.schedule);
  };
  const Report r = explore(opts, independent_threads(n, k));
  EXPECT_EQ(r.schedules, multinomial(n, k));
  EXPECT_EQ(schedules.size(), r.schedules) << "a schedule was run twice";
  EXPECT_TRUE(r.complete);
  EXPECT_FALSE(r.failure);
}

INSTANTIATE_TEST_SUITE_P(Formula, DfsCount,
                         ::testing::Values(std::make_tuple(1, 3),   // 1
                                           std::make_tuple(2, 2),   // 6
                                           std::make_tuple(2, 3),   // 20
                                           std::make_tuple(2, 5),   // 252
                                           std::make_tuple(3, 2),   // 90
                                           std::make_tuple(3, 3),   // 1680
                                           std::make_tuple(4, 2)),  // 2520
                         [](const auto& info) {
                           return "n" + std::to_string(std::get<0>(info.param)) + "k" +
                                  std::to_string(std::get<1>(info.param));
                         });

TEST(DfsCountFormula, MatchesHandComputedValues) {
  EXPECT_EQ(multinomial(2, 2), 6u);
  EXPECT_EQ(multinomial(3, 3), 1680u);
  EXPECT_EQ(multinomial(4, 2), 2520u);
}

TEST(DfsCount, ForcedPrefixIsTheSameInEverySchedule) {
  // MainThread's n steps (n-1 starts and the close) come first in every schedule.
  Options opts;
  opts.strategy = Strategy::dfs;
  std::size_t runs = 0;
  opts.on_execution = [&](const Execution& e) {
    ++runs;
    ASSERT_EQ(e.schedule.rfind("0x", 0), 0u) << e.schedule;
    EXPECT_GE(std::stoi(e.schedule.substr(2)), 3) << e.schedule;
  };
  explore(opts, independent_threads(3, 2));
  EXPECT_EQ(runs, 90u);
}

TEST(DfsCount, MaxSchedulesCutsAndSaysIncomplete) {
  Options opts;
  opts.strategy = Strategy::dfs;
  opts.max_schedules = 10;
  const Report r = explore(opts, independent_threads(3, 3));
  EXPECT_EQ(r.schedules, 10u);
  EXPECT_FALSE(r.complete);
}

TEST(DfsCount, PreemptionBoundZeroRunsEachThreadToTheEnd) {
  // Without preemptions a thread runs until it finishes: MainThread first (it holds the
  // processor when the gate opens), then the order of the n-1 others, (n-1)! schedules.
  Options opts;
  opts.strategy = Strategy::dfs;
  opts.preemption_bound = 0;
  std::set<int> preemptions;
  opts.on_execution = [&](const Execution& e) { preemptions.insert(e.preemptions); };
  const Report r = explore(opts, independent_threads(3, 3));
  EXPECT_EQ(r.schedules, 2u);
  EXPECT_EQ(preemptions, (std::set<int>{0}));
  opts.preemption_bound = 1;
  const Report one = explore(opts, independent_threads(3, 3));
  EXPECT_GT(one.schedules, r.schedules);
  EXPECT_LT(one.schedules, multinomial(3, 3));
}

}  // namespace
}  // namespace racelab::model::testing
