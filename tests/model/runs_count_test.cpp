// Report::runs counts every execution the engine started, the ones a strategy abandoned
// included; Report::schedules only those that ran to their end. DPOR abandons a sleep-set-blocked
// run (it leads to a trace already explored) and PCT its first run (which only measures the
// length k); dfs and random abandon none.
#include <gtest/gtest.h>

#include "programs.hpp"

namespace racelab::model::testing {
namespace {

Report explore_all(Strategy strategy, const Body& body, std::size_t& ended) {
  Options opts;
  opts.strategy = strategy;
  opts.stop_on_first_violation = false;
  opts.shrink = false;
  opts.max_schedules = strategy == Strategy::random || strategy == Strategy::pct ? 50 : 0;
  ended = 0;
  opts.on_execution = [&ended](const Execution&) { ++ended; };
  return explore(opts, body);
}

TEST(RunsCount, EqualsSchedulesWhenNothingIsAbandoned) {
  for (Strategy s : {Strategy::dfs, Strategy::random}) {
    std::size_t ended = 0;
    const Report r = explore_all(s, lost_update_counter(CounterLocking::whole_update), ended);
    EXPECT_EQ(r.runs, r.schedules) << to_string(s);
    EXPECT_EQ(ended, r.schedules) << to_string(s);
    EXPECT_GT(r.runs, 0u) << to_string(s);
  }
}

TEST(RunsCount, PctsMeasuringRunIsCounted) {
  std::size_t ended = 0;
  const Report r =
      explore_all(Strategy::pct, lost_update_counter(CounterLocking::whole_update), ended);
  EXPECT_EQ(r.schedules, 50u);
  EXPECT_EQ(ended, r.schedules);
  EXPECT_EQ(r.runs, r.schedules + 1);
}

TEST(RunsCount, DporCountsAbandonedRunsBesideSchedules) {
  for (CounterLocking locking :
       {CounterLocking::none, CounterLocking::each_access, CounterLocking::whole_update}) {
    std::size_t ended = 0;
    const Report r = explore_all(Strategy::dpor, lost_update_counter(locking), ended);
    EXPECT_TRUE(r.complete);
    EXPECT_EQ(ended, r.schedules);  // on_execution sees the runs that ended, and only those
    EXPECT_EQ(r.traces, r.schedules);
    EXPECT_GE(r.runs, r.schedules);
  }
}

TEST(RunsCount, ReplayIsOneRun) {
  Options opts;
  opts.strategy = Strategy::replay;
  opts.schedule = "0";
  opts.shrink = false;
  const Report r = explore(opts, [] {});
  EXPECT_EQ(r.runs, 1u);
  EXPECT_EQ(r.schedules, 1u);
}

}  // namespace
}  // namespace racelab::model::testing
