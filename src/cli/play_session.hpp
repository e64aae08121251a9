// src/cli/play_session.hpp — `racelab play`: the student is the scheduler.
//
// At each step the session shows the registry's state and every live thread's next operation,
// and reads who runs next from `in` (a terminal or a pipe: the same words either way). The
// engine is asked through a Prober, which re-runs the body under a schedule prefix and stops
// before the next step (model::probe), so the session holds nothing but the token: undo is
// "one step shorter", and the token printed at the end replays exactly what the student did.
// After every move the session asks a Reacher whether the goal is still reachable from the new
// prefix and whether it has become unavoidable, and says so when that changes ("unreachable from
// here: u undoes your last choice").
//
//   input        meaning
//   N            run thread N (its id, as shown in [N])
//   ?            hint: which thread to run to get closer to the goal, and why: what its next
//                step does to the others (play_hints.hpp) and whether the goal stays in reach
//   u            undo the last step
//   t            show the timeline so far
//   q / EOF      stop; prints the token so far and how to continue
#pragma once

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "racelab/course/course.hpp"
#include "racelab/model/explore.hpp"
#include "racelab/scenarios/catalogue.hpp"
#include "render.hpp"
#include "terminal.hpp"

namespace racelab::cli {

// Re-runs the body under a schedule prefix ("" for none) and stops before the next step.
using Prober = std::function<model::Probe(const std::string& prefix)>;

// What the continuations of a schedule prefix lead to. `known` only when every continuation
// was explored (a bounded exhaustive search: the model's dfs below the prefix).
struct Reach {
  bool known = false;
  std::size_t continuations = 0;  // complete executions that begin with the prefix
  std::size_t reaching = 0;       // of those, the ones that reach the goal
};
using Reacher = std::function<Reach(const std::string& prefix)>;

struct PlaySetup {
  Subject subject;
  // The command that starts this game again ("racelab play no-proxies --impl buggy --workers 2",
  // "racelab play --level 1"); `--schedule TOKEN` after it continues a saved game.
  std::string command;
  // The command that replays a finished game's token; empty: `racelab replay` of the subject.
  std::function<std::string(const std::string& token)> replay;
  std::string goal;  // "make three workers raise KeyError (the seed's log)"
  std::function<bool(const std::vector<model::Violation>&)> goal_reached;
  bool declared_safe = false;  // the goal should be out of reach: say so up front
  std::string start;           // a schedule prefix to start from ("" for the beginning)
  bool echo_input = false;     // print what was read after the prompt (input from a pipe)
  // After every move: is the goal still reachable, or now unavoidable? Hints use it too.
  // Optional: without it the session says neither, and hints sample random continuations.
  Reacher reach;
  course::Language language = course::Language::en;
  // Where the source panel finds a step's file, under the source tree (play_source.hpp).
  std::vector<std::string> source_folders;
  // A level (racelab play --level N); all "" for a scenario.
  std::string level;    // "level 1 of 8 · Lost update"
  std::string tip;      // the level's own hint, shown with the first hint asked for
  std::string debrief;  // printed on winning: what you learned, where it shows up
  std::string next;     // the next level's command; "" after the last level
};

// Runs the session. Returns kExitOk when the goal was reached, kExitViolation when the run ended
// (or the student stopped) without reaching it. Throws UsageError when `start` does not fit.
int play_session(const PlaySetup& setup, const Prober& probe, std::istream& in, std::ostream& out,
                 const Style& style);

// Plays `body` on stdin/stdout (play.cpp): the Prober re-runs it under a prefix (model::probe),
// the Reacher explores every continuation of a prefix (dfs, up to 5,000 executions). Fills
// setup.reach and setup.echo_input.
int play_model(PlaySetup setup, const model::Body& body, const model::EndCheck& end_check,
               const model::Describe& describe);

// The scenario's goal in `language` (the catalogue words it in English).
std::string scenario_goal(const scenarios::Scenario& s, course::Language language);

}  // namespace racelab::cli
