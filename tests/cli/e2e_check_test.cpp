// racelab check: exit 1 with a replayable violation for the buggy registry, exit 0 with an honest
// coverage statement for the fix; the JSON contract; the same seed gives the same answer.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "run_command.hpp"

namespace racelab::cli::testing {
namespace {

nlohmann::json check_json(std::vector<std::string> args, int expected_exit) {
  args.insert(args.begin(), "check");
  args.push_back("--json");
  const auto r = run_racelab(args);
  EXPECT_EQ(r.exit_code, expected_exit) << r.err;
  EXPECT_EQ(r.err, "") << "--json output must be free of progress noise";
  return nlohmann::json::parse(r.out);
}

TEST(Check, BuggyNoProxiesFindsTheSeedsKeyErrorAndSaysHowToReplayIt) {
  const auto r = run_racelab({"check", "no-proxies", "--impl", "buggy"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("✗ violation: KeyError: 'GCCDianaramirez' in Thread-"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("replay:  racelab replay no-proxies --impl buggy --schedule "),
            std::string::npos);
  EXPECT_NE(r.out.find("--format markdown"), std::string::npos);
  EXPECT_NE(r.out.find("declared: violation"), std::string::npos);
  EXPECT_NE(r.out.find("as declared"), std::string::npos);
}

TEST(Check, FixedNoProxiesIsProvedSafeOverEveryInterleaving) {
  const auto r = run_racelab({"check", "no-proxies", "--impl", "fixed"});
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("exhaustive: all "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("✓ safe in every interleaving"), std::string::npos);
}

// runs counts every execution started; unbounded DPOR (Optimal DPOR) abandons none on the
// lock-based fixed seed, so runs = schedules = traces (Source-DPOR ran 40 for 24 traces).
TEST(Check, JsonCountsRunsBesideSchedulesAndTraces) {
  const auto j = check_json({"no-proxies", "--impl", "fixed"}, 0);
  EXPECT_EQ(j["complete"], true);
  EXPECT_EQ(j["traces"], 24);
  EXPECT_EQ(j["schedules"], 24);
  EXPECT_EQ(j["runs"], 24);
}

TEST(Check, JsonViolationCarriesKindMessageAndToken) {
  const auto j = check_json({"no-proxies", "--impl", "buggy"}, 1);
  EXPECT_EQ(j["scenario"], "no-proxies");
  EXPECT_EQ(j["impl"], "buggy");
  EXPECT_EQ(j["strategy"], "dpor");
  EXPECT_EQ(j["verdict"], "violation");
  EXPECT_TRUE(j["complete"].is_boolean());
  EXPECT_GE(j["schedules"].get<int>(), 1);
  EXPECT_TRUE(j["elapsed_ms"].is_number());
  ASSERT_FALSE(j["violations"].empty());
  bool keyerror = false;
  for (const auto& v : j["violations"]) {
    EXPECT_TRUE(v["kind"].is_string());
    EXPECT_TRUE(v["message"].is_string());
    EXPECT_EQ(v["schedule"], j["schedule"]);
    keyerror |= v["kind"] == "KeyError";
  }
  EXPECT_TRUE(keyerror);
  EXPECT_EQ(j["as_expected"], true);
}

TEST(Check, JsonSafeIsCompleteWithNoViolations) {
  const auto j = check_json({"no-proxies", "--impl", "fixed"}, 0);
  EXPECT_EQ(j["verdict"], "safe");
  EXPECT_EQ(j["complete"], true);
  EXPECT_TRUE(j["violations"].empty());
  EXPECT_GE(j["traces"].get<int>(), 1);
}

TEST(Check, SampledRunsSayTheyAreNotExhaustive) {
  const auto r = run_racelab({"check", "no-proxies", "--impl", "fixed", "--strategy", "random",
                              "--seed", "7", "--max-schedules", "50"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("strategy random · sampled 50 schedules (seed 7)"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("not a proof"), std::string::npos);
}

TEST(Check, SameSeedSameAnswer) {
  auto a = check_json({"no-proxies", "--impl", "buggy", "--strategy", "pct", "--seed", "11",
                       "--max-schedules", "200"},
                      1);
  auto b = check_json({"no-proxies", "--impl", "buggy", "--strategy", "pct", "--seed", "11",
                       "--max-schedules", "200"},
                      1);
  a.erase("elapsed_ms");
  b.erase("elapsed_ms");
  EXPECT_EQ(a, b);
}

TEST(Check, FirstStopsAtTheFirstViolationAndSaysSo) {
  const auto r = run_racelab({"check", "no-proxies", "--impl", "buggy", "--first"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("stopped at the first violation"), std::string::npos) << r.out;
}

TEST(Check, AsDeclaredNeedsEveryDeclaredKindNotJustTheVerdict) {
  // --first stops at the first violation; a declared kind it has not reached yet is reported.
  const auto j = check_json({"concurrent-add", "--impl", "buggy", "--first"}, 1);
  EXPECT_EQ(j["verdict"], j["expected"]);
  nlohmann::json declared;
  for (const auto& s : nlohmann::json::parse(run_racelab({"list", "--json"}).out)) {
    if (s["id"] == "concurrent-add") declared = s["finds"]["buggy"];
  }
  ASSERT_FALSE(declared.empty());
  bool all_found = true;
  for (const auto& kind : declared) {
    bool found = false;
    for (const auto& v : j["violations"]) found |= v["kind"] == kind;
    all_found &= found;
  }
  EXPECT_EQ(j["as_expected"], all_found) << j.dump(2);
  const auto text = run_racelab({"check", "concurrent-add", "--impl", "buggy", "--first"}).out;
  EXPECT_NE(text.find(all_found ? "— as declared" : "not found in the schedules explored"),
            std::string::npos)
      << text;
  EXPECT_EQ(check_json({"concurrent-add", "--impl", "buggy"}, 1)["as_expected"], true);
}

TEST(Check, EachDistinctBugGetsItsOwnBlockAndReplayTokenStrongestFirst) {
  const auto r = run_racelab({"check", "concurrent-add", "--impl", "buggy"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("3 distinct bugs, strongest first, each with its own schedule:"),
            std::string::npos)
      << r.out;
  // The broken properties (the wrong result) before the race that made them possible.
  const auto dup = r.out.find("1. duplicate-workers (property violated)");
  const auto stale = r.out.find("2. stale-entry (property violated)");
  const auto race = r.out.find("3. data-race · first seen in schedule 1");
  ASSERT_NE(dup, std::string::npos) << r.out;
  ASSERT_NE(stale, std::string::npos) << r.out;
  ASSERT_NE(race, std::string::npos) << r.out;
  EXPECT_LT(dup, stale);
  EXPECT_LT(stale, race);
  std::size_t replays = 0;
  const std::string replay = "   replay:  racelab replay concurrent-add --impl buggy --schedule ";
  for (auto at = r.out.find(replay); at != std::string::npos; at = r.out.find(replay, at + 1)) {
    ++replays;
  }
  EXPECT_EQ(replays, 3u) << r.out;
  EXPECT_NE(r.out.find("shortest failing schedule for duplicate-workers ("), std::string::npos);
  EXPECT_NE(r.out.find("review:  racelab replay concurrent-add --impl buggy --schedule "),
            std::string::npos);
}

TEST(Check, JsonWitnessesReplayToTheirOwnBug) {
  const auto j = check_json({"concurrent-add", "--impl", "buggy"}, 1);
  ASSERT_TRUE(j["witnesses"].is_array());
  std::vector<std::string> kinds;
  for (const auto& w : j["witnesses"]) {
    kinds.push_back(w["kind"]);
    EXPECT_TRUE(w["message"].is_string());
    EXPECT_TRUE(w["outcome"].is_string());
    EXPECT_TRUE(w["preemptions"].is_number_integer());
    EXPECT_GE(w["first_seen"].get<int>(), 1);
    const auto again = run_racelab({"replay", "concurrent-add", "--impl", "buggy", "--schedule",
                                    w["schedule"].get<std::string>(), "--format", "json"});
    EXPECT_EQ(again.exit_code, 1) << again.err;
    const auto replayed = nlohmann::json::parse(again.out);
    bool found = false;
    for (const auto& v : replayed["violations"]) found |= v["kind"] == w["kind"];
    EXPECT_TRUE(found) << w.dump(2);
  }
  EXPECT_EQ(kinds, (std::vector<std::string>{"duplicate-workers", "stale-entry", "data-race"}));
  EXPECT_EQ(j["witnesses"][0]["outcome"], "property violated");
}

TEST(Check, FirstKeepsTheSingleFailureOutput) {
  const auto r = run_racelab({"check", "no-proxies", "--impl", "buggy", "--first"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out.find("distinct bugs"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\nshortest failing schedule (0 preemptions):\n"), std::string::npos);
  EXPECT_NE(r.out.find("\nreplay:  racelab replay no-proxies --impl buggy --schedule "),
            std::string::npos);
  // The JSON still lists a witness for each id of that first failure.
  const auto j = check_json({"no-proxies", "--impl", "buggy", "--first"}, 1);
  EXPECT_EQ(j["schedules"], 1);
  ASSERT_EQ(j["witnesses"].size(), 2u);
  EXPECT_EQ(j["witnesses"][0]["kind"], "KeyError");
  EXPECT_EQ(j["witnesses"][1]["kind"], "data-race");
}

TEST(Check, JsonSafeHasNoWitnesses) {
  EXPECT_TRUE(check_json({"no-proxies", "--impl", "fixed"}, 0)["witnesses"].empty());
}

TEST(Check, JsonOnATerminalIsStillPureJson) {
  RunSpec spec;
  spec.args = {"check", "no-proxies", "--impl", "buggy", "--json"};
  spec.terminal = true;
  spec.env = {"TERM=xterm"};
  const auto r = run_racelab(spec);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out.find('\r' + std::string("\033[K")), std::string::npos);
  EXPECT_EQ(r.out.find('\033'), std::string::npos);
  // A terminal turns \n into \r\n; the JSON itself is intact.
  std::string text = r.out;
  text.erase(std::remove(text.begin(), text.end(), '\r'), text.end());
  EXPECT_TRUE(nlohmann::json::accept(text)) << text;
}

}  // namespace
}  // namespace racelab::cli::testing
