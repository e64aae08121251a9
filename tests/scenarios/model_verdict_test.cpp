// Every scenario × implementation under the model: the measured verdict must be the declared
// one, every declared finding must be found, and "safe" must be proved by an exhaustive search
// (dpor finished: every Mazurkiewicz trace explored), not by a sample.
#include <gtest/gtest.h>

#include "pairs.hpp"
#include "racelab/scenarios/check.hpp"

namespace racelab::scenarios {
namespace {

class DeclaredVerdict : public testing::TestWithParam<Pair> {};

TEST_P(DeclaredVerdict, HoldsUnderExhaustiveDpor) {
  const Scenario& s = *find_scenario(GetParam().scenario);
  const CheckResult r = check(s, GetParam().impl, every_trace());
  EXPECT_EQ(to_string(r.verdict()), std::string(to_string(r.expected.verdict)));
  for (const auto& id : r.expected.finds) {
    EXPECT_TRUE(r.found.count(id)) << "declared finding '" << id << "' was not found";
  }
  EXPECT_TRUE(r.as_declared());
  EXPECT_TRUE(r.report.complete) << "dpor did not finish: a verdict must rest on every trace";
  EXPECT_GT(r.report.traces, 0u);
  std::size_t counted = 0;
  for (const auto& [label, n] : r.outcomes) counted += n;
  EXPECT_EQ(counted, r.report.schedules) << "every execution is counted by its outcome";
  if (r.verdict() == Verdict::violation) {
    ASSERT_TRUE(r.report.failure.has_value());
    EXPECT_FALSE(r.report.failure->schedule.empty());
    // The reported schedule is replayable and fails again the same way.
    const auto run = model_run(s, GetParam().impl);
    const auto again = model::replay(r.report.failure->schedule, run.body, run.end_check);
    ASSERT_FALSE(again.violations.empty());
    EXPECT_EQ(again.violations.front().id, r.report.failure->violations.front().id);
  } else {
    EXPECT_EQ(r.report.failing_schedules, 0u);
    EXPECT_EQ(r.outcomes.count("ok"), 1u);
  }
}

INSTANTIATE_TEST_SUITE_P(Catalogue, DeclaredVerdict, testing::ValuesIn(all_pairs()), pair_name);

// The witness shrink searches each bound with bounded DPOR (src/model/shrink.hpp, ShrinkSearch):
// concurrent-add buggy's duplicate-workers needs one preemption, so a bounded DFS searched every
// schedule with none (all of them: the bug is not there) before trying one. Now the shrink runs
// fewer executions than that search has schedules, and still finds the 1-preemption witness.
TEST(WitnessShrink, SkipsTheBoundsWhereABugCannotBe) {
  const Scenario& s = *find_scenario("concurrent-add");
  const CheckResult r = check(s, "buggy", every_trace());
  ASSERT_EQ(r.report.witnesses.count("duplicate-workers"), 1u);
  EXPECT_EQ(r.report.witnesses.at("duplicate-workers").preemptions, 1);
  EXPECT_GT(r.report.shrink_runs, 0u);

  model::Options bound0 = every_trace();
  bound0.strategy = model::Strategy::dfs;
  bound0.preemption_bound = 0;
  const CheckResult none = check(s, "buggy", bound0);
  ASSERT_TRUE(none.report.complete);
  EXPECT_EQ(none.found.count("duplicate-workers"), 0u) << "the bug needs a preemption";
  EXPECT_LT(r.report.shrink_runs, none.report.schedules);

  EXPECT_EQ(check(s, "fixed", every_trace()).report.shrink_runs, 0u) << "nothing to shrink";
}

model::Violation violation(const std::string& id) {
  model::Violation v;
  v.id = id;
  return v;
}

TEST(OutcomeLabel, CountsIdsInOrderOfFirstAppearance) {
  EXPECT_EQ(outcome_label({}), "ok");
  EXPECT_EQ(outcome_label({violation("data-race"), violation("KeyError"), violation("data-race")}),
            "data-race ×2 + KeyError");
  EXPECT_EQ(outcome_label({violation("KeyError"), violation("KeyError"), violation("KeyError"),
                           violation("data-race")}),
            "KeyError ×3 + data-race");
}

TEST(Coverage, SaysWhatTheVerdictRestsOn) {
  CheckResult r;
  r.report.complete = true;
  r.report.traces = 148;
  r.report.schedules = 150;
  EXPECT_EQ(coverage(r), "exhaustive: all 148 traces");
  EXPECT_EQ(coverage(r, "87 ms"), "exhaustive: all 148 traces explored (150 schedules) in 87 ms");
  r.options.preemption_bound = 2;
  EXPECT_EQ(coverage(r), "exhaustive with ≤2 preemptions: all 148 traces");
  r = {};
  r.options.strategy = model::Strategy::pct;
  r.options.seed = 7;
  r.report.schedules = 1;
  EXPECT_EQ(coverage(r, "4 ms"), "sampled 1 schedule (seed 7, depth 3) in 4 ms — not exhaustive");
  // dpor cut by a schedule count: its first schedules, not a sample (new-user trial 7).
  r.options.strategy = model::Strategy::dpor;
  r.report.schedules = 200;
  EXPECT_EQ(coverage(r, "9 ms"),
            "the first 200 schedules of a dpor search in 9 ms — not exhaustive");
  r.report.schedules = 1;
  r.report.failure = model::Execution{};
  r.options.every_witness = false;  // racelab check --first
  EXPECT_EQ(coverage(r), "stopped at the first violation, after 1 schedule");
  r.options.every_witness = true;  // the default: on to the witness bound
  r.report.first_seen = {{"data-race", 1}, {"assertion", 3}};
  r.report.schedules = model::witness_limit(1);
  EXPECT_EQ(coverage(r), "stopped at the witness bound, after " +
                             std::to_string(model::witness_limit(1)) +
                             " schedules (first violation at schedule 1)");
}

}  // namespace
}  // namespace racelab::scenarios
