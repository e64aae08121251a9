// racelab check --symmetry, run as a person or a script would: what it says it reduced, the
// verdict and bugs of the unreduced check, witnesses that replay without the flag, and the CLI's
// rules for a value given to a flag.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>
#include <string>

#include "run_command.hpp"

namespace racelab::cli::testing {
namespace {

using Json = nlohmann::json;

std::set<std::string> witness_ids(const Json& j) {
  std::set<std::string> ids;
  for (const auto& w : j["witnesses"]) ids.insert(w["kind"].get<std::string>());
  return ids;
}

TEST(Symmetry, FixedSeedIsOneTraceAndSaysWhatWasReduced) {
  const auto r = run_racelab({"check", "no-proxies", "--impl", "fixed", "--symmetry"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("exhaustive: all 1 trace explored"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("symmetry: 4 interchangeable threads (1 group); 1 trace explored, one per "
                       "class up to renaming them (unreduced: 24 traces)"),
            std::string::npos)
      << r.out;
  const auto plain = run_racelab({"check", "no-proxies", "--impl", "fixed"});
  EXPECT_EQ(plain.out.find("symmetry:"), std::string::npos) << "off by default";
}

// Counting the unreduced traces means running the unreduced search: at the scenario's own size
// only when the smaller sizes predict it is small (stale-teardown buggy at 2, 3 workers: 28, 387
// traces, so ≈5,000 at 4 — 7,164 in fact — is extrapolated, and said to be).
TEST(Symmetry, AnUnreducedCountTooBigToBeWorthItIsExtrapolatedAndSaysSo) {
  const auto r = run_racelab({"check", "stale-teardown", "--impl", "buggy", "--symmetry"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("traces, extrapolated from the exact counts at 2-3 workers)"),
            std::string::npos)
      << r.out;
  const auto j = run_racelab(
      {"check", "stale-teardown", "--impl", "buggy", "--symmetry", "--workers", "3", "--json"});
  ASSERT_EQ(j.exit_code, 1) << j.err;
  const Json small = Json::parse(j.out);
  const auto plain =
      run_racelab({"check", "stale-teardown", "--impl", "buggy", "--workers", "3", "--json"});
  EXPECT_EQ(small["symmetry"]["unreduced_exact"], true) << "28 traces at 2 workers: counted";
  EXPECT_EQ(small["symmetry"]["unreduced_traces"], Json::parse(plain.out)["traces"].get<double>());
}

TEST(Symmetry, BuggySeedFindsTheSameBugsAndItsWitnessesReplayWithoutTheFlag) {
  const auto reduced =
      run_racelab({"check", "no-proxies", "--impl", "buggy", "--symmetry", "--json"});
  const auto plain = run_racelab({"check", "no-proxies", "--impl", "buggy", "--json"});
  ASSERT_EQ(reduced.exit_code, 1) << reduced.err;
  ASSERT_EQ(plain.exit_code, 1) << plain.err;
  const Json j = Json::parse(reduced.out);
  const Json p = Json::parse(plain.out);
  EXPECT_EQ(j["verdict"], p["verdict"]);
  EXPECT_EQ(witness_ids(j), witness_ids(p));
  EXPECT_LT(j["traces"].get<int>(), p["traces"].get<int>());
  EXPECT_EQ(j["symmetry"]["groups"], 1);
  EXPECT_EQ(j["symmetry"]["threads"], 4);
  EXPECT_EQ(j["symmetry"]["unreduced_traces"], p["traces"].get<double>());
  EXPECT_EQ(j["symmetry"]["unreduced_exact"], true);
  EXPECT_FALSE(p.contains("symmetry"));
  for (const auto& w : j["witnesses"]) {
    const auto again = run_racelab({"replay", "no-proxies", "--impl", "buggy", "--schedule",
                                    w["schedule"].get<std::string>(), "--format", "json"});
    EXPECT_EQ(again.exit_code, 1) << again.err;
    EXPECT_NE(again.out.find(w["kind"].get<std::string>()), std::string::npos) << again.out;
    EXPECT_NE(again.out.find(w["thread"].get<std::string>()), std::string::npos)
        << "the real thread name: " << again.out;
  }
}

TEST(Symmetry, AValueForTheFlagIsBadUsage) {
  for (const char* bad : {"--symmetry=1", "--symmetry=yes"}) {
    const auto r = run_racelab({"check", "no-proxies", "--impl", "buggy", bad});
    EXPECT_EQ(r.exit_code, 2) << bad;
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(lines_of(r.err).size(), 1u) << r.err;
    EXPECT_NE(r.err.find("--symmetry does not take the value"), std::string::npos) << r.err;
  }
  const auto stray = run_racelab({"check", "no-proxies", "--impl", "buggy", "--symmetry", "1"});
  EXPECT_EQ(stray.exit_code, 2) << stray.out;
  EXPECT_EQ(lines_of(stray.err).size(), 1u) << stray.err;
}

}  // namespace
}  // namespace racelab::cli::testing
