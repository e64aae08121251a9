// ThreadSanitizer on the seed scenario, no-proxies (built only by the tsan preset).
//
// buggy: four workers run `del QUEUE_USER[user]` with no lock. Whether that is a data race in a
// given run depends on the run: TSan reports a race only between accesses that happen and are not
// ordered by happens-before. On real threads the port's workers rarely overlap, and when they do
// not, the queue's shared_ptr reference count orders them; measured without help, 0.2–0.9% of
// runs race (docs/stress-baseline.md). So the test makes the workers meet where the seed's did —
// all four inside DigiPhone (see meeting_point.hpp) — and then the race is in every run.
//
// fixed: every access to the map is under QUEUE_USER_LOCK; 200 runs in one process (one TSan
// history), with the workers meeting the same way, must produce no report at all.
#include <gtest/gtest.h>

#include "catalogue.hpp"
#include "meeting_point.hpp"
#include "racelab/harness/run_trials.hpp"
#include "racelab/sync.hpp"

namespace racelab::harness {
namespace {

constexpr int kWorkers = 4;  // scenario no-proxies: 4 workers per user

// Runs no-proxies `runs` times with the workers meeting at "read proxy pool"; reports every
// exception, and a "did-not-meet" violation if some run's workers never all met.
TrialReport seed_runs_with_overlap(const char* impl, int runs) {
  TrialReport all;
  for (int i = 0; i < runs; ++i) {
#ifdef RACELAB_SYNC_SCHEDULING_POINT_HOOK
    static testing::MeetingPoint* meeting = nullptr;
    testing::MeetingPoint point("read proxy pool", kWorkers);
    meeting = &point;
    sync::set_scheduling_point_hook([](const char* what) { meeting->reached(what); });
#endif
    TrialReport one =
        to_trial_report(scenarios::real_run(*scenarios::find_scenario("no-proxies"), impl));
#ifdef RACELAB_SYNC_SCHEDULING_POINT_HOOK
    sync::set_scheduling_point_hook(nullptr);
    if (point.arrived() != kWorkers)
      all.violations.push_back({"did-not-meet", std::to_string(point.arrived())});
#endif
    all.exceptions.insert(all.exceptions.end(), one.exceptions.begin(), one.exceptions.end());
    all.violations.insert(all.violations.end(), one.violations.begin(), one.violations.end());
  }
  return all;
}

TEST(NoProxiesUnderTsan, BuggyDataRaceIsReportedOnTheRegistryMap) {
#ifndef RACELAB_SYNC_SCHEDULING_POINT_HOOK
  GTEST_SKIP() << "needs sync::set_scheduling_point_hook in racelab/sync/real.hpp to make the "
                  "workers overlap; without it 0.2–0.9% of runs race (docs/stress-baseline.md)";
#endif
  // With the meeting, every run races; 5 trials only guard against a lost report.
  RunOptions options;
  options.trials = 5;
  options.timeout = std::chrono::seconds(60);
  options.stop_when = [](const TrialResult& r) { return r.outcome().has_tsan_report(); };
  const Histogram h = run_trials(options, [] { return seed_runs_with_overlap("buggy", 1); });
  const TrialResult* hit = h.first_where([](const Outcome& o) { return o.has_tsan_report(); });
  ASSERT_NE(hit, nullptr) << "no ThreadSanitizer report in " << h.trials
                          << " trials: " << h.summary();
  EXPECT_EQ(hit->index, 0) << "the first trial should already race: " << h.summary();

  const SanitizerReport* race = nullptr;
  for (const auto& rep : hit->sanitizer_reports) {
    if (rep.tool == "ThreadSanitizer" && rep.kind == "data race") race = &rep;
  }
  ASSERT_NE(race, nullptr) << hit->output;
  // Both stacks are the workers' teardown of the seed's map: `del QUEUE_USER[user]`.
  EXPECT_NE(race->text.find("Registry::tear_down"), std::string::npos) << race->text;
  EXPECT_NE(race->text.find("buggy/registry.cpp"), std::string::npos) << race->text;
  EXPECT_NE(race->text.find("_Hashtable"), std::string::npos) << race->text;
}

TEST(NoProxiesUnderTsan, FixedIsSilentOverTwoHundredRunsInOneProcess) {
  const TrialResult r =
      run_trial([] { return seed_runs_with_overlap("fixed", 200); }, std::chrono::seconds(300));
  ASSERT_EQ(r.ending, Ending::completed) << r.output;
  EXPECT_TRUE(r.sanitizer_reports.empty()) << r.output;
  EXPECT_TRUE(r.report->exceptions.empty());
  EXPECT_TRUE(r.report->violations.empty()) << r.report->violations.front().id;
  // TSan exits 66 when it reported anything during the process's life.
  EXPECT_EQ(r.exit_code, 0);
}

}  // namespace
}  // namespace racelab::harness
