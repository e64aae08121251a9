// verify's report writers (verify_report.hpp) on hand-made runs: JUnit counts and escaping,
// SARIF locations (the culprit step's line, an exception's last sourced step, a race's partner
// as a related location), the Markdown summary, the JSON, and a pair's notes in each. The real
// tools (xmllint, the SARIF schema) check the same writers on a real run in cli.reports
// (tests/cli/check-reports.sh).
#include <gtest/gtest.h>

#include "sample_execution.hpp"
#include "verify_report.hpp"

namespace racelab::cli::testing {
namespace {

PairOutcome buggy_pair(bool as_declared) {
  PairOutcome p;
  p.subject = sample_subject();
  p.expected = as_declared ? "violation" : "safe";
  if (as_declared) p.declared_finds = {"KeyError"};
  p.verdict = "violation";
  p.found = {"KeyError", "data-race", "registry-empty"};
  p.as_declared = as_declared;
  p.exhaustive = true;
  p.coverage = "exhaustive: all 7 traces explored (7 schedules) in 1 ms";
  p.schedules = 7;
  p.elapsed_ms = 1.5;
  const auto e = keyerror_execution();
  p.witnesses = {{"KeyError", e}, {"data-race", e}, {"registry-empty", e}};
  return p;
}

PairOutcome safe_pair() {
  PairOutcome p;
  p.subject = {"no-proxies", "1 request, 4 workers, 0 proxies", "fixed", "", 4, 0, false, ""};
  p.expected = "safe";
  p.verdict = "safe";
  p.as_declared = true;
  p.exhaustive = true;
  p.coverage = "exhaustive: all 24 traces explored (24 schedules) in 4 ms";
  p.schedules = 24;
  p.elapsed_ms = 4;
  return p;
}

TEST(SourcePoint, AnExceptionPointsAtItsThreadsLastSourcedStep) {
  const auto e = keyerror_execution();
  const auto at = source_point(e, 6);  // the exit step: no file of its own
  EXPECT_EQ(at.file, "buggy/registry.cpp");
  EXPECT_EQ(at.line, 44);
  EXPECT_EQ(at.step, 5);
  EXPECT_EQ(source_point(e, -1).file, "");  // an end-of-run property without a culprit
}

TEST(Junit, OneTestCasePerPairAndAFailureOnlyWhereNotAsDeclared) {
  VerifyRun run{{buggy_pair(true), safe_pair(), buggy_pair(false)}, 12.0};
  const std::string xml = junit_xml(run);
  EXPECT_NE(xml.find("<testsuites name=\"racelab verify\" tests=\"3\" failures=\"1\""),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<testcase classname=\"racelab.no-proxies\" name=\"fixed\" time=\"0.004\">"),
            std::string::npos);
  std::size_t failures = 0;
  for (auto at = xml.find("<failure "); at != std::string::npos;
       at = xml.find("<failure ", at + 1)) {
    ++failures;
  }
  EXPECT_EQ(failures, 1U);
  EXPECT_NE(xml.find("message=\"declared safe, but the model found KeyError, data-race, "
                     "registry-empty\""),
            std::string::npos);
  // The failing schedule and its replay command; XML specials escaped.
  EXPECT_NE(xml.find("replay:   racelab replay no-proxies --impl buggy --schedule 0x2.1x2.2x3.3x2"),
            std::string::npos);
  EXPECT_NE(xml.find("KeyError: &apos;GCCDianaramirez&apos;"), std::string::npos);
  EXPECT_NE(xml.find("&lt;group#1&gt;"), std::string::npos);
  EXPECT_EQ(xml.find("<group#1>"), std::string::npos);
}

TEST(Sarif, ResultsSitOnTheCulpritLineWithTheRacingPartnerRelated) {
  VerifyRun run{{buggy_pair(false)}, 1.0};
  const Json log = sarif_log(run);
  EXPECT_EQ(log["version"], "2.1.0");
  const auto& results = log["runs"][0]["results"];
  ASSERT_EQ(results.size(), 3U);
  const auto loc = [&](std::size_t i) { return results[i]["locations"][0]["physicalLocation"]; };
  EXPECT_EQ(results[0]["ruleId"], "KeyError");
  EXPECT_EQ(results[0]["level"], "error");  // not as declared
  EXPECT_EQ(loc(0)["artifactLocation"]["uri"], "buggy/registry.cpp");
  EXPECT_EQ(loc(0)["region"]["startLine"], 44);  // the line of step 6, the thread's last operation
  // Numbered as the timeline numbers it: the exit step 7 that raised, not step 6 whose line it
  // sits on (new-user trial 10: SARIF said 16, the Markdown report 17).
  EXPECT_NE(results[0]["message"]["text"].get<std::string>().find("'GCCDianaramirez' (step 7)"),
            std::string::npos)
      << results[0]["message"]["text"];
  EXPECT_EQ(results[1]["ruleId"], "data-race");
  EXPECT_EQ(loc(1)["region"]["startLine"], 44);
  const auto& partner = results[1]["relatedLocations"][0];
  EXPECT_EQ(partner["physicalLocation"]["region"]["startLine"], 46);
  EXPECT_NE(partner["message"]["text"].get<std::string>().find("erase user (step 4)"),
            std::string::npos);
  // No culprit: the scenario that declares the property.
  EXPECT_EQ(loc(2)["artifactLocation"]["uri"], "scenarios/no_proxies.hpp");
  const std::string text = results[1]["message"]["text"];
  EXPECT_NE(text.find("Replay: racelab replay no-proxies --impl buggy --schedule 0x2.1x2.2x3.3x2"),
            std::string::npos);
  EXPECT_EQ(log["runs"][0]["tool"]["driver"]["rules"].size(), 3U);
}

TEST(Sarif, ADeclaredBugIsANote) {
  VerifyRun run{{buggy_pair(true), safe_pair()}, 1.0};
  const Json log = sarif_log(run);
  for (const auto& r : log["runs"][0]["results"]) EXPECT_EQ(r["level"], "note");
}

TEST(MarkdownSummary, SaysTheResultFirstThenATableAndReplayCommands) {
  VerifyRun ok{{buggy_pair(true), safe_pair()}, 1500.0};
  const std::string md = markdown_summary(ok);
  EXPECT_EQ(md.rfind("## racelab verify: ✓ every verdict as declared\n", 0), 0U) << md;
  EXPECT_NE(md.find("| `no-proxies` | fixed | safe | ✓ safe, proved |"), std::string::npos) << md;
  EXPECT_NE(md.find("`racelab replay no-proxies --impl buggy --schedule 0x2.1x2.2x3.3x2 --format "
                    "markdown`"),
            std::string::npos);
  VerifyRun bad{{buggy_pair(false)}, 1.0};
  EXPECT_EQ(markdown_summary(bad).rfind("## racelab verify: ✗ 1 of 1 verdicts NOT as declared", 0),
            0U);
}

TEST(VerifyJson, PairsWithWitnessesAndTheOverallAnswer) {
  VerifyRun run{{buggy_pair(false), safe_pair()}, 3.0};
  const Json j = verify_json(run);
  EXPECT_EQ(j["as_declared"], false);
  ASSERT_EQ(j["pairs"].size(), 2U);
  EXPECT_EQ(j["pairs"][0]["witnesses"][0]["step"], 7);  // 1-based
  EXPECT_EQ(j["pairs"][0]["witnesses"][0]["replay"],
            "racelab replay no-proxies --impl buggy --schedule 0x2.1x2.2x3.3x2");
  EXPECT_EQ(j["pairs"][1]["exhaustive"], true);
}

// A safe pair whose exploration left notes (model::notes): every writer shows them, in order.
PairOutcome noted_pair() {
  PairOutcome p = safe_pair();
  p.notes = {{"dpor_gap", "a thread woke spuriously (the gap)"},
             {"weak_memory", "two atomics a weak machine may reorder"}};
  return p;
}

TEST(VerifyNotes, EveryWriterCarriesAPairsNotesBesideItsCoverage) {
  VerifyRun run{{buggy_pair(true), noted_pair()}, 3.0};
  const Json j = verify_json(run);
  EXPECT_EQ(j["pairs"][1]["dpor_gap"], "a thread woke spuriously (the gap)");
  EXPECT_EQ(j["pairs"][1]["weak_memory"], "two atomics a weak machine may reorder");
  EXPECT_FALSE(j["pairs"][0].contains("dpor_gap"));

  const std::string xml = junit_xml(run);
  const auto coverage = xml.find("coverage: exhaustive: all 24 traces");
  const auto gap = xml.find("note:     a thread woke spuriously (the gap)\n");
  const auto weak = xml.find("note:     two atomics a weak machine may reorder\n");
  ASSERT_NE(coverage, std::string::npos) << xml;
  EXPECT_LT(coverage, gap) << xml;
  EXPECT_LT(gap, weak) << xml;
  EXPECT_NE(weak, std::string::npos) << xml;

  const Json log = sarif_log(run);
  const auto& said = log["runs"][0]["invocations"][0]["toolExecutionNotifications"];
  ASSERT_EQ(said.size(), 2U) << log.dump();
  EXPECT_EQ(said[0]["level"], "note");
  EXPECT_EQ(said[0]["descriptor"]["id"], "dpor_gap");
  EXPECT_EQ(said[0]["message"]["text"], "no-proxies fixed: a thread woke spuriously (the gap)");
  EXPECT_EQ(said[1]["descriptor"]["id"], "weak_memory");
  EXPECT_EQ(log["runs"][0]["invocations"][0]["executionSuccessful"], true);

  const std::string md = markdown_summary(run);
  const auto notes = md.find("**Notes**");
  const auto md_gap = md.find("- `no-proxies` fixed: a thread woke spuriously (the gap)\n");
  ASSERT_NE(notes, std::string::npos) << md;
  EXPECT_LT(md.find("| `no-proxies` | fixed |"), notes) << md;  // under the table
  EXPECT_LT(notes, md_gap) << md;
  EXPECT_LT(md_gap, md.find("- `no-proxies` fixed: two atomics a weak machine may reorder")) << md;
}

TEST(VerifyNotes, APairWithoutNotesAddsNothing) {
  VerifyRun run{{buggy_pair(true), safe_pair()}, 3.0};
  EXPECT_FALSE(verify_json(run)["pairs"][1].contains("weak_memory"));
  EXPECT_EQ(junit_xml(run).find("note:"), std::string::npos);
  EXPECT_FALSE(sarif_log(run)["runs"][0].contains("invocations"));
  EXPECT_EQ(markdown_summary(run).find("**Notes**"), std::string::npos);
}

}  // namespace
}  // namespace racelab::cli::testing
