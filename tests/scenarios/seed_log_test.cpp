// The seed's log, reproduced deterministically, and what every other interleaving does.
//
// Python (under the GIL) fails the same way every time: Thread-2 deletes the key, Threads 3, 4
// and 5 raise KeyError. The C++ port has no GIL: its lookup and erase are separate accesses, so
// some interleavings raise fewer KeyErrors, and every one of them is a data race.
#include <gtest/gtest.h>

#include <map>

#include "no_proxies.hpp"
#include "racelab/scenarios/catalogue.hpp"
#include "racelab/scenarios/check.hpp"

namespace racelab::scenarios {
namespace {

const Scenario& seed() { return *find_scenario("no-proxies"); }

TEST(SeedLog, NamedScheduleGivesExactlyTheSeedsThreeKeyErrors) {
  const auto run = model_run(seed(), "buggy");
  const auto e = model::replay(no_proxies::kSeedLogSchedule, run.body, run.end_check);
  std::vector<std::string> raised;
  for (const auto& v : e.violations) {
    if (v.id == "KeyError") {
      EXPECT_EQ(v.message, "KeyError: 'GCCDianaramirez'");
      raised.push_back(v.thread);
    }
  }
  EXPECT_EQ(raised, (std::vector<std::string>{"Thread-3 (worker)", "Thread-4 (worker)",
                                              "Thread-5 (worker)"}));
  // ... and Thread-2 is the one that deleted the key.
  int thread2 = -1;
  for (std::size_t t = 0; t < e.trace.threads.size(); ++t) {
    if (e.trace.threads[t] == "Thread-2 (worker)") thread2 = static_cast<int>(t);
  }
  ASSERT_GE(thread2, 0);
  bool thread2_erased = false;
  for (const auto& step : e.trace.steps) {
    thread2_erased |=
        step.thread == thread2 && step.kind == model::OpKind::write && step.detail == "erase user";
  }
  EXPECT_TRUE(thread2_erased);
}

TEST(SeedLog, FixedRaisesNothingOnTheSameSchedulePrefix) {
  // The same story under the seed's fix: exhaustive, no KeyError, no race.
  const auto r = check(seed(), "fixed", every_trace());
  EXPECT_TRUE(r.report.complete);
  EXPECT_FALSE(r.report.failure.has_value());
  EXPECT_EQ(r.outcomes, (std::map<std::string, std::size_t>{{"ok", r.report.schedules}}));
}

TEST(SeedLog, EveryInterleavingOfBuggyRacesAndKeyErrorsVaryFromZeroToThree) {
  std::map<int, std::size_t> by_key_errors;
  std::size_t racy = 0;
  std::size_t executions = 0;
  model::Options opts = every_trace();
  opts.on_execution = [&](const model::Execution& e) {
    int key_errors = 0;
    bool race = false;
    for (const auto& v : e.violations) {
      key_errors += v.id == "KeyError";
      race |= v.id == "data-race";
    }
    ++by_key_errors[key_errors];
    racy += race;
    ++executions;
  };
  const auto r = check(seed(), "buggy", opts);
  ASSERT_TRUE(r.report.complete);
  EXPECT_EQ(executions, r.report.traces);
  EXPECT_EQ(r.outcomes.at("data-race + KeyError ×3"), by_key_errors[3])
      << "the seed's outcome, as racelab check counts it";
  EXPECT_EQ(racy, executions) << "four unsynchronised workers race in every interleaving";
  EXPECT_GT(by_key_errors[3], 0u) << "the seed's outcome is reachable";
  EXPECT_GT(by_key_errors[0], 0u) << "without a GIL, every worker can pass the lookup first";
  EXPECT_EQ(by_key_errors.count(4), 0u) << "the first erase always finds the key";
  for (const auto& [k, n] : by_key_errors) {
    std::printf("  %d KeyErrors: %zu traces\n", k, n);
  }
}

}  // namespace
}  // namespace racelab::scenarios
