// src/cli/verify_report.hpp — `racelab verify`'s results as data, and the formats CI systems read.
//
// verify.cpp measures every scenario × implementation and fills a VerifyRun; the writers below
// turn it into text for people, JSON (docs/json.md), JUnit XML (one test case per pair), SARIF
// 2.1.0 (one result per violation, at the source line of its culprit step) and a Markdown summary
// for a pull-request comment. The writers are pure (report_*.cpp): same run in, same bytes out,
// so tests feed them hand-made runs; they need only the trace records, never the engine.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "json.hpp"
#include "racelab/model/explore.hpp"
#include "racelab/model/trace.hpp"
#include "render.hpp"

namespace racelab::cli {

// One scenario × implementation, measured against what scenarios/ declares for it.
struct PairOutcome {
  Subject subject;
  std::string expected;                     // declared verdict: "safe" or "violation"
  std::vector<std::string> declared_finds;  // declared violation ids, for a declared violation
  std::string verdict;                      // what the model found: "safe" or "violation"
  std::vector<std::string> found;           // every violation id found, sorted
  bool as_declared = false;                 // scenarios::CheckResult::as_declared()
  // True when the exploration was exhaustive (every trace): a safe verdict is then a proof.
  // A violation is a fact either way: its witness replays.
  bool exhaustive = false;
  std::string coverage;  // scenarios::coverage() with the time: what the verdict rests on
  // What the verdict does not cover although the run may be exhaustive (model::notes: dpor's
  // spurious wake-up gap, weaker memory orders). Every writer shows them beside the coverage.
  std::vector<model::ReportNote> notes;
  std::size_t schedules = 0;
  double elapsed_ms = 0;
  // One per violation id found, strongest first (model::witness_order): the id and the shrunk,
  // traced execution that shows it.
  std::vector<std::pair<std::string, model::Execution>> witnesses;
};

struct VerifyRun {
  std::vector<PairOutcome> pairs;
  double elapsed_ms = 0;  // wall time of the whole run
};

bool all_as_declared(const VerifyRun& run);

// Where a violation points in the source: the culprit step's file and line, or — for a step
// without one (an exception's exit step) — the last step of the same thread that has one.
// nullopt-like: file "" when nothing can be named (an end-of-run property with no culprit).
struct SourcePoint {
  std::string file;
  int line = 0;
  int step = -1;  // 0-based step it was taken from
};
SourcePoint source_point(const model::Execution& e, int step);

// The violations of `id` in its witness, in the order they happened.
std::vector<model::Violation> violations_of(const model::Execution& e, const std::string& id);

// {pairs: [{scenario, impl, expected, finds, verdict, found, as_declared, exhaustive, coverage,
// dpor_gap?, weak_memory?, schedules, elapsed_ms, witnesses: [{kind, message, thread?, step?,
// related_steps?, schedule, replay}]}], as_declared, elapsed_ms} (docs/json.md).
Json verify_json(const VerifyRun& run);

// JUnit XML: <testsuites><testsuite name="racelab verify"> with one <testcase
// classname="racelab.<scenario>" name="<impl>"> per pair; a pair not as declared has a
// <failure> whose text names the declared and found verdicts, the coverage and its notes and,
// for each violation, its schedule and replay command (report_junit.cpp).
std::string junit_xml(const VerifyRun& run);

// SARIF 2.1.0: one run of the tool "racelab", one result per violation of each witness, located
// at its culprit step's source line, a data race's earlier access as a related location, the
// replay command in the message; level "error" for a pair not as declared, "note" for a declared
// (known) bug. A pair's notes are the invocation's toolExecutionNotifications (report_sarif.cpp).
Json sarif_log(const VerifyRun& run);

// A pull-request comment: the overall result, a table of every pair, the pairs' notes, and the
// replay commands of the violations (report_markdown_summary.cpp).
std::string markdown_summary(const VerifyRun& run);

}  // namespace racelab::cli
