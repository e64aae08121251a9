// Options::on_violations sees every run that ended, in order, with the violations on_execution
// sees in the Execution of the same run, under every strategy; it runs without on_execution.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "programs.hpp"

namespace racelab::model::testing {
namespace {

using Ids = std::vector<std::string>;

Ids ids_of(const std::vector<Violation>& vs) {
  Ids ids;
  for (const Violation& v : vs) ids.push_back(v.id);
  return ids;
}

Options counting(Strategy strategy) {
  Options o;
  o.strategy = strategy;
  o.stop_on_first_violation = false;
  o.shrink = false;
  o.seed = 3;
  o.max_schedules = strategy == Strategy::random || strategy == Strategy::pct ? 40 : 0;
  return o;
}

TEST(OnViolations, SeesWhatOnExecutionSeesRunByRun) {
  for (Strategy s : {Strategy::dfs, Strategy::dpor, Strategy::random, Strategy::pct}) {
    SCOPED_TRACE(to_string(s));
    Options o = counting(s);
    std::vector<Ids> from_violations;
    std::vector<Ids> from_executions;
    o.on_violations = [&](const std::vector<Violation>& vs) {
      from_violations.push_back(ids_of(vs));
    };
    o.on_execution = [&](const Execution& e) {
      ASSERT_EQ(from_violations.size(), from_executions.size() + 1) << "on_violations first";
      from_executions.push_back(ids_of(e.violations));
    };
    const Report r = explore(o, lost_update_counter(CounterLocking::none));
    EXPECT_EQ(from_violations.size(), r.schedules);
    EXPECT_EQ(from_violations, from_executions);
    std::size_t failing = 0;
    for (const Ids& ids : from_violations) failing += ids.empty() ? 0 : 1;
    EXPECT_EQ(failing, r.failing_schedules);
    EXPECT_GT(failing, 0u) << "the unlocked counter loses updates";
  }
}

TEST(OnViolations, RunsAloneAndInReplay) {
  Options o = counting(Strategy::dpor);
  std::size_t calls = 0;
  o.on_violations = [&](const std::vector<Violation>&) { ++calls; };
  const Report r = explore(o, lost_update_counter(CounterLocking::none));
  EXPECT_EQ(calls, r.schedules);
  ASSERT_TRUE(r.failure) << "the unlocked counter loses updates: a failing schedule to replay";

  Options replay;
  replay.strategy = Strategy::replay;
  replay.schedule = r.failure->schedule;
  std::vector<Ids> seen;
  replay.on_violations = [&](const std::vector<Violation>& vs) { seen.push_back(ids_of(vs)); };
  explore(replay, lost_update_counter(CounterLocking::none));
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen.front(), ids_of(r.failure->violations));
}

}  // namespace
}  // namespace racelab::model::testing
