// src/cli/render.hpp — one interleaving (a model::Execution with its trace), shown four ways.
//
//   text      a timeline, one column per thread, for the terminal (render_text.cpp)
//   markdown  a paragraph and a Mermaid sequenceDiagram to paste into a code review
//             (render_markdown.cpp)
//   svg       swimlanes, one per thread, the violating and conflicting steps highlighted
//             (render_svg.cpp)
//   json      see json.hpp and docs/json.md
//
// Renderers are pure: same execution in, same bytes out. They read only the execution and the
// names below, so tests feed them hand-made executions.
#pragma once

#include <string>
#include <vector>

#include "racelab/model/explore.hpp"
#include "terminal.hpp"

namespace racelab::cli {

// What a rendering says about where the execution came from.
struct Subject {
  std::string scenario;  // "no-proxies"
  std::string title;     // "1 request, 4 workers, 0 proxies"
  std::string impl;      // "buggy"
  std::string size;      // the size flags, " --workers 6", or "" at the catalogue's size
  int workers = 4;       // workers per group (Scenario::workers_per_user)
  int requests = 0;      // requests at once, where the scenario has a variable number; else 0
  // --focus: draw only the threads involved in the violations (model::involved_threads), and
  // the other threads' steps as "… 12 steps of 9 other threads".
  bool focus = false;
  // The registry's content around the culprit step, where the scenario can describe it
  // ("QUEUE_USER before step 41: { 'u': group#2 } …"), shown beside a focused rendering; "" if not.
  std::string state_note;
};

// The threads a rendering of e shows: all, or with s.focus the involved ones (empty: all).
std::vector<bool> shown_threads(const Subject& s, const model::Execution& e);

// A step's cell: what it did, then "→ value" when it read something.
inline std::string step_text(const model::Step& s) {
  return s.value.empty() ? model::op_text(s) : model::op_text(s) + " → " + s.value;
}

// `racelab replay <scenario> --impl <impl>[ --workers N][ --requests R] --schedule <token>[ --format
// <format>]`: the size flags make the token fit (a token names steps of that many threads).
std::string replay_command(const Subject& s, const std::string& token,
                           const std::string& format = "");

// --- text (render_text.cpp) ----------------------------------------------------------------
// The timeline alone: a header row of thread names, then one row per step with the operation,
// the value it read (→ value) and its source (file:line); ✗ marks a step where a violation
// happened, ↯ a preemption. Steps [first, last) only; last < 0 means to the end.
// `threads`: one flag per thread to show (shown_threads()); empty: all.
std::string render_timeline(const model::Execution& e, const Style& style, int first = 0,
                            int last = -1, const std::vector<bool>& threads = {});
// The violations, grouped: equal messages from several threads become one line
// "✗ KeyError: 'x' in Thread-3 (worker)  [and 2 more: Thread-4 (worker), Thread-5 (worker)]".
std::string render_violations(const std::vector<model::Violation>& vs, const Style& style);
// What the run printed when exceptions escaped its threads, in the order they escaped, the way
// Python's threading prints them: "Exception in thread Thread-3 (worker):" then
// "KeyError: 'GCCDianaramirez'" — the seed's log, produced by the C++ run. "" when none escaped.
std::string render_thread_output(const model::Execution& e);
// A replayed execution for the terminal: heading, verdict, violations, timeline, what the run
// printed, commands.
std::string render_replay_text(const Subject& s, const model::Execution& e, const Style& style);

// --- markdown (render_markdown.cpp) ---------------------------------------------------------
// A review comment: what failed (or that nothing did), a ```mermaid sequenceDiagram with one
// participant per thread and per shared object, and the command that replays it.
std::string render_markdown(const Subject& s, const model::Execution& e);

// --- svg (render_svg.cpp) -------------------------------------------------------------------
// A standalone SVG document: one horizontal lane per thread, time running left to right, each
// step a box with its operation; violating steps red, the steps they conflict with amber.
std::string render_svg(const Subject& s, const model::Execution& e);

}  // namespace racelab::cli
