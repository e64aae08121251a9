// The renderers on hand-made executions: what a person reads in the terminal, in a review and in
// a picture must name every thread, every step's operation and source, and each violation where
// it happened.
#include "render.hpp"

#include <gtest/gtest.h>

#include "json.hpp"
#include "racelab/model/timeline.hpp"
#include "sample_execution.hpp"

namespace racelab::cli {
namespace {

using testing::keyerror_execution;
using testing::safe_execution;
using testing::sample_subject;

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto p = haystack.find(needle); p != std::string::npos; p = haystack.find(needle, p + 1)) {
    ++n;
  }
  return n;
}

TEST(TextTimeline, HasOneColumnPerThreadAndEveryStep) {
  const std::string text = render_timeline(keyerror_execution(), Style(false));
  for (const char* head : {"MainThread", "Thread-1", "Thread-2", "Thread-3", "(worker)"}) {
    EXPECT_NE(text.find(head), std::string::npos) << head;
  }
  EXPECT_EQ(count(text, "read proxy pool → 0 proxies"), 2u);
  EXPECT_NE(text.find("buggy/registry.cpp:46"), std::string::npos);
}

TEST(TextTimeline, PutsAStepInItsThreadsColumn) {
  const std::string text = render_timeline(keyerror_execution(), Style(false));
  // Header columns start where their thread's steps start.
  const auto header_end = text.find('\n');
  const std::string header = text.substr(0, header_end);
  const auto column = header.find("Thread-2");
  const auto row_start = text.find("\n     4");
  ASSERT_NE(row_start, std::string::npos);
  const std::string row =
      text.substr(row_start + 1, text.find('\n', row_start + 1) - row_start - 1);
  EXPECT_EQ(row.find("write QUEUE_USER"), column);
}

TEST(TextTimeline, MarksTheViolationUnderItsStep) {
  const std::string text = render_timeline(keyerror_execution(), Style(false));
  const auto flagged = text.find("✗ read QUEUE_USER: find user");
  const auto keyerror = text.find("✗ KeyError: 'GCCDianaramirez'");
  ASSERT_NE(flagged, std::string::npos);
  ASSERT_NE(keyerror, std::string::npos);
  EXPECT_LT(flagged, keyerror);
  EXPECT_NE(text.find("end  ✗ QUEUE_USER still holds"), std::string::npos);
}

TEST(TextTimeline, UsesNoEscapeCodesWithoutColour) {
  EXPECT_EQ(render_timeline(keyerror_execution(), Style(false)).find('\033'), std::string::npos);
  EXPECT_NE(render_timeline(keyerror_execution(), Style(true)).find("\033[31m"), std::string::npos);
}

TEST(TextViolations, GroupsOneMessageFromSeveralThreads) {
  std::vector<model::Violation> vs;
  for (const char* t : {"Thread-3 (worker)", "Thread-4 (worker)", "Thread-5 (worker)"}) {
    vs.push_back(
        {model::Outcome::uncaught_exception, "KeyError", t, "KeyError: 'GCCDianaramirez'", -1, {}});
  }
  const std::string text = render_violations(vs, Style(false));
  EXPECT_EQ(text,
            "✗ violation: KeyError: 'GCCDianaramirez' in Thread-3 (worker)   [and 2 more: "
            "Thread-4 (worker), Thread-5 (worker)]\n");
}

TEST(TextReplay, EndsWithTheCommandsThatReplayIt) {
  const std::string text = render_replay_text(sample_subject(), keyerror_execution(), Style(false));
  EXPECT_NE(text.find("racelab replay no-proxies --impl buggy --schedule 0x2.1x2.2x3.3x2\n"),
            std::string::npos);
  EXPECT_NE(text.find("--schedule 0x2.1x2.2x3.3x2 --format markdown"), std::string::npos);
  EXPECT_NE(render_replay_text(sample_subject(), safe_execution(), Style(false))
                .find("✓ no violation in this interleaving"),
            std::string::npos);
}

TEST(StepWords, AreBuiltFromTheStepsFields) {
  const auto e = keyerror_execution();
  EXPECT_EQ(model::op_text(e.trace.steps[0]), "start Thread-1 (request)");
  EXPECT_EQ(model::op_text(e.trace.steps[2]), "read proxy pool");
  EXPECT_EQ(model::op_text(e.trace.steps[3]), "write QUEUE_USER: erase user");
  EXPECT_EQ(model::op_text(e.trace.steps[6]), "KeyError: 'GCCDianaramirez'");
  model::Step try_lock = e.trace.steps[3];
  try_lock.kind = model::OpKind::lock;
  try_lock.object = "QUEUE_USER_LOCK";
  try_lock.detail = "try";
  EXPECT_EQ(model::op_text(try_lock), "try_lock QUEUE_USER_LOCK");
}

TEST(StepWords, ViolationsNameTheirStepAndTheStepsTheyRelateTo) {
  const auto e = keyerror_execution();
  EXPECT_TRUE(model::violates_at(e, 5));  // the racing read
  EXPECT_TRUE(model::violates_at(e, 6));  // the exit that raised
  EXPECT_FALSE(model::violates_at(e, 3));
  EXPECT_TRUE(model::related_to_violation(e, 3));  // the erase it races with
  EXPECT_FALSE(model::related_to_violation(e, 4));
  EXPECT_FALSE(model::violates_at(safe_execution(), 1));
}

TEST(Markdown, IsAMermaidSequenceDiagramWithAParticipantPerThreadAndObject) {
  const std::string md = render_markdown(sample_subject(), keyerror_execution());
  EXPECT_NE(md.find("```mermaid\nsequenceDiagram\n"), std::string::npos);
  EXPECT_NE(md.find("participant T3 as Thread-3 (worker)"), std::string::npos);
  EXPECT_NE(md.find("participant O0 as QUEUE_USER"), std::string::npos);
  EXPECT_NE(md.find("T2->>O0: 4. write erase user"), std::string::npos);
  EXPECT_NE(md.find("Note over T3: 7. ✗ KeyError: 'GCCDianaramirez'"), std::string::npos);
  EXPECT_EQ(count(md, "KeyError: 'GCCDianaramirez'"), 2u);  // the summary and the step, no note
  EXPECT_EQ(count(md, "rect rgb"), count(md, "    end\n"));
}

TEST(Markdown, EscapesWhatMermaidWouldReadAsMarkup) {
  const std::string md = render_markdown(sample_subject(), keyerror_execution());
  EXPECT_NE(md.find("#lt;group#35;1#gt;"), std::string::npos);
  EXPECT_EQ(md.find("<group"), std::string::npos);
}

TEST(Markdown, NamesScenarioImplementationAndViolationsForTheReviewer) {
  const std::string md = render_markdown(sample_subject(), keyerror_execution());
  EXPECT_NE(md.find("scenario `no-proxies`"), std::string::npos);
  EXPECT_NE(md.find("- `KeyError` — KeyError: 'GCCDianaramirez' in Thread-3 (worker) (step 7)"),
            std::string::npos);
  EXPECT_NE(md.find("Replay it: `racelab replay no-proxies --impl buggy --schedule "),
            std::string::npos);
}

TEST(Svg, HighlightsTheViolatingAndTheConflictingStep) {
  const std::string svg = render_svg(sample_subject(), keyerror_execution());
  EXPECT_EQ(svg.rfind("<?xml", 0), 0u);
  EXPECT_EQ(count(svg, "class=\"step violating\""), 2u);  // the racing read, the raise
  EXPECT_EQ(count(svg, "class=\"step conflicting\""), 1u);
  EXPECT_EQ(count(svg, "class=\"lane\""), 4u);
  EXPECT_NE(svg.find("&lt;group#1&gt;"), std::string::npos);
  EXPECT_NE(svg.find("</svg>\n"), std::string::npos);
}

TEST(Json, ExecutionCarriesStepsViolationsAndToken) {
  const auto j = execution_json(sample_subject(), keyerror_execution());
  EXPECT_EQ(j["verdict"], "violation");
  EXPECT_EQ(j["steps"].size(), 7u);
  EXPECT_EQ(j["steps"][6]["flagged"], true);
  EXPECT_EQ(j["steps"][6]["raised"], "KeyError: 'GCCDianaramirez'");
  EXPECT_EQ(j["steps"][3]["kind"], "write");
  EXPECT_EQ(j["steps"][3]["object"], "QUEUE_USER");
  EXPECT_EQ(j["steps"][3]["detail"], "erase user");
  EXPECT_EQ(j["steps"][3]["op"], "write QUEUE_USER: erase user");
  EXPECT_EQ(j["steps"][4]["preemption"], true);
  EXPECT_EQ(j["steps"][3]["preemption"], false);
  EXPECT_EQ(j["violations"][1]["related_steps"], Json({4}));
  EXPECT_FALSE(j["violations"][0].contains("related_steps"));
  const auto safe = execution_json(sample_subject(), safe_execution());
  EXPECT_EQ(safe["steps"][2]["locks_held"], Json({"QUEUE_USER_LOCK"}));
  EXPECT_EQ(safe["steps"][1]["locks_held"], Json::array());
  EXPECT_EQ(j["violations"][0]["kind"], "KeyError");
  EXPECT_EQ(j["violations"][0]["step"], 7);
  EXPECT_EQ(j["violations"][0]["schedule"], "0x2.1x2.2x3.3x2");
  EXPECT_FALSE(j["violations"][2].contains("step"));
  EXPECT_EQ(execution_json(sample_subject(), safe_execution())["verdict"], "safe");
}

TEST(Json, OutcomeIdsHaveNoSpaces) {
  EXPECT_EQ(outcome_id("data-race ×2 + KeyError"), "data-race*2+KeyError");
  EXPECT_EQ(outcome_id("ok"), "ok");
}

TEST(Json, ScenarioListsImplementationsInTheGivenOrder) {
  scenarios::Scenario s;
  s.id = "no-proxies";
  s.expected["buggy"] = {scenarios::Verdict::violation, {"KeyError"}};
  s.expected["complete"] = {scenarios::Verdict::safe, {}};
  s.expected["fixed"] = {scenarios::Verdict::safe, {}};
  const auto j = scenario_json(s, {"buggy", "fixed", "complete"});
  EXPECT_EQ(j["implementations"], Json({"buggy", "fixed", "complete"}));
  EXPECT_EQ(j["expected"]["buggy"], "violation");
  EXPECT_EQ(j["expected"]["fixed"], "safe");
  EXPECT_EQ(j["finds"]["buggy"], Json({"KeyError"}));
}

}  // namespace
}  // namespace racelab::cli

namespace racelab::cli {
namespace {

// --focus's rule on the sample: Thread-3's find (step 6) and KeyError (step 7) and the erase it
// races with (Thread-2, step 4) are involved; so is Thread-2 as the last writer of QUEUE_USER
// before the find. MainThread and Thread-1 (the request) are not.
TEST(Focus, KeepsTheCulpritsTheRacingAccessAndTheWriterItSaw) {
  EXPECT_EQ(model::involved_threads(keyerror_execution()),
            (std::vector<bool>{false, false, true, true}));
  model::Execution none = keyerror_execution();
  for (auto& v : none.violations) {
    v.step = -1;
    v.related.clear();
    v.thread.clear();
  }
  EXPECT_EQ(model::involved_threads(none), (std::vector<bool>(4, true)));  // nothing to focus on
}

TEST(Focus, DropsTheOtherColumnsAndSummarisesTheirSteps) {
  const model::Execution e = keyerror_execution();
  const std::string text = render_timeline(e, Style(false), 0, -1, model::involved_threads(e));
  const std::string header = text.substr(0, text.find('\n'));
  EXPECT_EQ(header.find("MainThread"), std::string::npos) << text;
  EXPECT_EQ(header.find("Thread-1"), std::string::npos) << text;
  EXPECT_NE(header.find("Thread-2"), std::string::npos) << text;
  EXPECT_NE(text.find("     … 2 steps of 2 other threads\n"), std::string::npos) << text;
  EXPECT_NE(text.find("✗ read QUEUE_USER: find user"), std::string::npos);

  Subject focused = sample_subject();
  focused.focus = true;
  const std::string svg = render_svg(focused, e);
  EXPECT_EQ(count(svg, "<g class=\"lane\">"), 2u);
  EXPECT_NE(svg.find("… 2 steps of 2 other threads"), std::string::npos);
  const std::string md = render_markdown(focused, e);
  EXPECT_EQ(md.find("participant T1"), std::string::npos) << md;
  EXPECT_NE(md.find("participant T2"), std::string::npos) << md;
}

// Step 5 of the sample is a preemption: ↯ in its step column, nowhere else, and the legend.
TEST(Preemption, IsMarkedInTheStepColumnOfThatStepOnly) {
  const std::string text = render_timeline(keyerror_execution(), Style(false));
  EXPECT_NE(text.find("\n     5↯ "), std::string::npos) << text;
  EXPECT_EQ(count(text, "↯"), 2u) << text;  // the step and the legend
  EXPECT_NE(text.find(model::kPreemptionLegend), std::string::npos);
  const std::string md = render_markdown(sample_subject(), keyerror_execution());
  EXPECT_NE(md.find(": 5↯. read proxy pool"), std::string::npos) << md;
  const std::string svg = render_svg(sample_subject(), keyerror_execution());
  EXPECT_EQ(count(svg, " preemption\">"), 1u);
  EXPECT_NE(svg.find(">↯ 5</text>"), std::string::npos);
}

}  // namespace
}  // namespace racelab::cli
