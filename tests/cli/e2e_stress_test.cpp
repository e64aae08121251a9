// racelab stress: real threads, one child process per trial, every trial accounted for.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "run_command.hpp"

namespace racelab::cli::testing {
namespace {

nlohmann::json stress(const std::string& impl, int trials, int expected_exit) {
  const auto r = run_racelab({"stress", "no-proxies", "--impl", impl, "--trials",
                              std::to_string(trials), "--jobs", "2", "--json"});
  EXPECT_EQ(r.exit_code, expected_exit) << r.out << r.err;
  EXPECT_EQ(r.err, "");
  return nlohmann::json::parse(r.out);
}

int total(const nlohmann::json& j) {
  int n = 0;
  for (const auto& row : j["outcomes"]) n += row["count"].get<int>();
  return n;
}

TEST(Stress, FixedRegistryRunsCleanOnRealThreads) {
  const auto j = stress("fixed", 20, 0);
  EXPECT_EQ(j["trials"], 20);
  EXPECT_EQ(total(j), 20);
  ASSERT_EQ(j["outcomes"].size(), 1u);
  EXPECT_EQ(j["outcomes"][0]["outcome"], "ok");
  EXPECT_EQ(j["model"]["failing_schedules"], 0);
}

TEST(Stress, BuggyRegistryRaisesKeyErrorsOnRealThreads) {
  // A trial is clean only if all four workers pass their lookup before any of them erases; with
  // threads started one after another that is rare, and 20 clean trials in a row are not seen.
  const auto j = stress("buggy", 20, 1);
  EXPECT_EQ(total(j), 20);
  EXPECT_GT(j["violating_trials"].get<int>(), 0);
  bool keyerror = false;
  for (const auto& row : j["outcomes"]) {
    keyerror |= row["outcome"].get<std::string>().find("KeyError") != std::string::npos;
  }
  EXPECT_TRUE(keyerror) << j.dump(2);
  EXPECT_GT(j["model"]["hit_rate"].get<double>(), 0.0);
}

TEST(Stress, TextShowsTheHistogramAndTheModelsHitRate) {
  const auto r = run_racelab({"stress", "no-proxies", "--impl", "buggy", "--trials", "10"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("outcome"), std::string::npos);
  EXPECT_NE(r.out.find("model: "), std::string::npos) << r.out;
}

TEST(Stress, NoiseShakesTheFixWithoutBreakingIt) {
  const auto r = run_racelab(
      {"stress", "no-proxies", "--impl", "fixed", "--trials", "20", "--noise", "50", "--json"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["noise_percent"], 50);
  EXPECT_EQ(j["violating_trials"], 0);
}

}  // namespace
}  // namespace racelab::cli::testing
