// The workload's size as a parameter (scenarios::sized, --workers/--requests) and knowing the
// cost of an exhaustive check before running it (model::estimate, extrapolate, check_within).
//
// The declared verdicts are written once for every size: they must hold at 2-5 workers, every
// declared finding found, and "safe" proved by an exhaustive search.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "pairs.hpp"
#include "racelab/model/estimate.hpp"
#include "racelab/scenarios/check.hpp"

namespace racelab::scenarios {
namespace {

struct Sized {
  Pair pair;
  int workers;
};

void PrintTo(const Sized& s, std::ostream* os) {
  *os << s.pair.scenario << " --impl " << s.pair.impl << " --workers " << s.workers;
}

std::vector<Sized> sized_pairs() {
  std::vector<Sized> out;
  for (const auto& p : all_pairs()) {
    for (int w = 2; w <= 5; ++w) out.push_back({p, w});
  }
  return out;
}

std::string sized_name(const testing::TestParamInfo<Sized>& info) {
  return pair_name(testing::TestParamInfo<Pair>(info.param.pair, info.index)) + "Workers" +
         std::to_string(info.param.workers);
}

class DeclaredVerdictAtSize : public testing::TestWithParam<Sized> {};

TEST_P(DeclaredVerdictAtSize, Holds) {
  const Scenario s = sized(GetParam().pair.scenario, Size{GetParam().workers, 0});
  ASSERT_EQ(s.workers_per_user, GetParam().workers);
  const auto& impl = GetParam().pair.impl;
  // A violation needs a witness of every declared finding: the default exploration (dpor up to
  // the witness bound) finds them; "safe" must rest on every trace.
  const bool safe = s.expected.at(impl).verdict == Verdict::safe;
  model::Options o = safe ? every_trace() : model::Options{};
  o.shrink = false;  // the verdict, not the shortest witness
  const CheckResult r = check(s, impl, o);
  EXPECT_TRUE(r.as_declared()) << to_string(r.verdict()) << ", found " << r.found.size()
                               << " of the declared ids";
  if (safe) {
    EXPECT_TRUE(r.report.complete) << "a safe verdict must rest on every trace";
  }
  if (r.report.failure) {
    // The witness replays at that size (its token names that many threads) and fails again.
    const auto run = model_run(s, impl);
    const auto again = model::replay(r.report.failure->schedule, run.body, run.end_check);
    EXPECT_FALSE(again.violations.empty());
  }
}

INSTANTIATE_TEST_SUITE_P(Catalogue, DeclaredVerdictAtSize, testing::ValuesIn(sized_pairs()),
                         sized_name);

TEST(Sized, AtTheDefaultSizeIsTheCatalogueEntry) {
  for (const auto& c : catalogue()) {
    const Scenario s = sized(c.id, Size{});
    EXPECT_EQ(s.title, c.title);
    EXPECT_EQ(s.story, c.story);
    EXPECT_EQ(s.workers_per_user, 4) << "the seed's 4 workers";
    EXPECT_EQ(s.requests, c.requests);
    EXPECT_EQ(s.proxies_per_group, c.proxies_per_group);
    EXPECT_EQ(s.expected.size(), c.expected.size());
    EXPECT_EQ(size_flags(s), "") << "the catalogue's size needs no flag in a replay command";
  }
}

TEST(Sized, TextsSayTheNewNumbers) {
  const Scenario s = sized("no-proxies", Size{6, 0});
  EXPECT_EQ(s.title, "1 request, 6 workers, 0 proxies");
  EXPECT_NE(s.story.find("5 raise KeyError"), std::string::npos) << s.story;
  EXPECT_NE(s.goal.find("make 5 workers raise KeyError"), std::string::npos) << s.goal;
  EXPECT_EQ(size_flags(s), " --workers 6");
  const Scenario add = sized("concurrent-add", Size{3, 3});
  EXPECT_EQ(add.title, "3 requests for one user at once, proxies available");
  EXPECT_EQ(add.requests, 3);
  EXPECT_EQ(size_flags(add), " --workers 3 --requests 3");
}

TEST(Sized, TheGoalOfPlayScalesWithTheWorkers) {
  const Scenario s = sized("no-proxies", Size{2, 0});
  std::vector<model::Violation> one(1);
  one[0].id = "KeyError";
  EXPECT_TRUE(s.goal_reached(one)) << "with 2 workers, one KeyError is all there can be";
}

TEST(Sized, RefusesWhatItCannotRunInOneLine) {
  const auto message = [](const std::string& id, Size z) -> std::string {
    try {
      (void)sized(id, z);
    } catch (const std::invalid_argument& e) {
      return e.what();
    }
    return "(accepted)";
  };
  EXPECT_EQ(message("no-proxies", Size{1, 0}), "--workers 1 is out of range (accepted: 2..16)");
  EXPECT_EQ(message("no-proxies", Size{17, 0}), "--workers 17 is out of range (accepted: 2..16)");
  EXPECT_EQ(message("no-proxies", Size{4, 3}),
            "--requests applies to concurrent-add only ('no-proxies' has a fixed sequence of "
            "requests)");
  EXPECT_EQ(message("concurrent-add", Size{4, 9}), "--requests 9 is out of range (accepted: 2..8)");
  EXPECT_EQ(message("concurrent-add", Size{16, 8}),
            "concurrent-add with --workers 16 --requests 8 starts up to 137 threads (accepted: "
            "at most 64, the model's limit)");
  EXPECT_EQ(message("concurrent-add", Size{16, 3}), "(accepted)");  // 52 threads
  EXPECT_EQ(message("stale-teardown", Size{16, 0}), "(accepted)");  // 52 threads
}

// More requests at once: more groups can start, and the buggy registry still lets them.
TEST(Sized, ThreeConcurrentRequestsStillDuplicateTheGroup) {
  const Scenario s = sized("concurrent-add", Size{2, 3});
  const CheckResult r = check(s, "buggy", model::Options{});
  EXPECT_TRUE(r.found.count("duplicate-workers"));
  const CheckResult fixed = check(s, "fixed", every_trace());
  EXPECT_EQ(fixed.verdict(), Verdict::safe);
  EXPECT_TRUE(fixed.report.complete);
}

// --- knowing the cost before the run ------------------------------------------------------

TEST(Extrapolate, FactorialGrowthIsExact) {
  // A lock taken once by each of n workers: n! traces (no-proxies fixed counts 2, 6, 24).
  EXPECT_DOUBLE_EQ(extrapolate({2, 6, 24}, 5), 120);
  EXPECT_DOUBLE_EQ(extrapolate({2, 6, 24}, 8), 40320);
  EXPECT_DOUBLE_EQ(extrapolate({2, 6, 24}, 3), 6) << "a counted size is its count";
  EXPECT_DOUBLE_EQ(extrapolate({4, 4, 4}, 16), 4) << "no growth stays flat";
  // Ratios 2.5, 1.87: next 1.23 (56 × 1.23 = 69.07), then it would fall below 1: flat.
  EXPECT_NEAR(extrapolate({12, 30, 56}, 9), 69.07, 0.01) << "a falling ratio stops at 1";
  EXPECT_DOUBLE_EQ(extrapolate({7}, 5), 0) << "one count says nothing about growth";
}

TEST(Extrapolate, SeedScenarioAtEightWorkersIsWithinThreePercent) {
  // no-proxies buggy: 4, 21, 148 traces at 2-4 workers; dpor explores 2,403,640 at 8 (measured
  // on the release build, docs/performance.md; too long for a test).
  const double e = extrapolate({4, 21, 148}, 8);
  EXPECT_NEAR(e / 2'403'640, 1.0, 0.03) << e;  // 2,467,848: +2.7%
}

// The estimator is Knuth's: unbiased, so on a small tree its mean over many probes is near the
// exhaustive count — how near, its own standard error says. A fixed seed makes the test
// deterministic; 4 standard errors is where a wrong estimator (a biased one) shows.
TEST(Estimate, SchedulesMatchAnExhaustiveDfsWithinItsError) {
  const Scenario s = sized("no-proxies", Size{2, 0});
  for (const std::string impl : {"buggy", "fixed"}) {
    const auto run = model_run(s, impl);
    model::Options dfs = every_trace();
    dfs.strategy = model::Strategy::dfs;
    const auto exact = model::explore(dfs, run.body, run.end_check);
    ASSERT_TRUE(exact.complete);
    model::EstimateOptions eo = model::estimate_options(dfs, 4000);
    eo.seed = 7;
    const model::Estimate e = model::estimate(eo, run.body, run.end_check);
    const double n = static_cast<double>(exact.schedules);
    EXPECT_GT(e.schedules_error, 0) << impl;
    EXPECT_LE(std::abs(e.schedules - n), 4 * e.schedules_error)
        << impl << ": estimated " << e.schedules << " ± " << e.schedules_error << ", exact " << n;
    EXPECT_LT(e.schedules_error, 0.1 * n) << impl << ": 4000 probes pin it to 10%";
    // Same seed, same estimate.
    const model::Estimate again = model::estimate(eo, run.body, run.end_check);
    EXPECT_EQ(again.schedules, e.schedules);
  }
}

TEST(Estimate, OneThreadIsOneScheduleExactly) {
  model::EstimateOptions eo;
  eo.probes = 10;
  const model::Estimate e = model::estimate(eo, [] {});
  EXPECT_EQ(e.schedules, 1);
  EXPECT_EQ(e.schedules_error, 0);
}

TEST(CheckWithin, OverTheBudgetSamplesAndSaysItIsNotAProof) {
  const Scenario s = sized("no-proxies", Size{8, 0});
  model::Options o = every_trace();
  o.max_schedules = 50;
  Budget b;
  b.max_schedules = 50;
  const CheckResult r = check_within(s, "buggy", o, b);
  EXPECT_TRUE(r.fell_back);
  EXPECT_EQ(r.asked, model::Strategy::dpor);
  EXPECT_EQ(r.options.strategy, model::Strategy::random);
  EXPECT_EQ(r.report.schedules, 50u);
  EXPECT_FALSE(r.report.complete);
  EXPECT_EQ(r.counted, (std::vector<std::size_t>{4, 21, 148}));
  const std::string c = coverage(r);
  EXPECT_EQ(c.rfind("sampled 50 schedules (estimated ≈2,500,000 traces; not a proof)", 0), 0u) << c;
  EXPECT_EQ(r.verdict(), Verdict::violation) << "the seed's bug is everywhere: 50 samples see it";
}

TEST(CheckWithin, WithinTheBudgetProvesAndKeepsTheEstimate) {
  const Scenario s = sized("no-proxies", Size{5, 0});
  Budget b;
  b.max_schedules = 1000;
  const CheckResult r = check_within(s, "fixed", every_trace(), b);
  EXPECT_FALSE(r.fell_back);
  EXPECT_TRUE(r.report.complete);
  EXPECT_FALSE(r.estimate.has_value()) << "no probes for dpor without a time budget";
  EXPECT_DOUBLE_EQ(r.extrapolated, 120);
  EXPECT_EQ(r.report.traces, 120u) << "5 workers taking one lock each: 5! traces";
  EXPECT_EQ(coverage(r), "exhaustive: all 120 traces");
}

TEST(CheckWithin, ABoundedOrSampledRunIsNotEstimated) {
  const Scenario& s = *find_scenario("no-proxies");
  model::Options bounded = every_trace();
  bounded.preemption_bound = 1;
  EXPECT_FALSE(check_within(s, "fixed", bounded, Budget{}).estimate.has_value());
  EXPECT_TRUE(check_within(s, "fixed", bounded, Budget{}).counted.empty());
  model::Options sampled = every_trace();
  sampled.strategy = model::Strategy::random;
  sampled.max_schedules = 10;
  EXPECT_FALSE(check_within(s, "fixed", sampled, Budget{}).estimate.has_value());
}

}  // namespace
}  // namespace racelab::scenarios
