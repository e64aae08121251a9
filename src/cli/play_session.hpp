// src/cli/play_session.hpp — `racelab play`: the student is the scheduler.
//
// At each step the session shows the registry's state and every live thread's next operation,
// and reads who runs next from `in` (a terminal or a pipe: the same words either way). The
// engine is asked through a Prober, which re-runs the body under a schedule prefix and stops
// before the next step (model::probe), so the session holds nothing but the token: undo is
// "one step shorter", and the token printed at the end replays exactly what the student did.
//
//   input        meaning
//   N            run thread N (its id, as shown in [N])
//   ?            hint: which thread to run to get closer to the goal
//   u            undo the last step
//   t            show the timeline so far
//   q / EOF      stop; prints the token so far and how to continue
#pragma once

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "racelab/model/explore.hpp"
#include "render.hpp"
#include "terminal.hpp"

namespace racelab::cli {

// Re-runs the body under a schedule prefix ("" for none) and stops before the next step.
using Prober = std::function<model::Probe(const std::string& prefix)>;

struct PlaySetup {
  Subject subject;
  std::string goal;  // "make three workers raise KeyError (the seed's log)"
  std::function<bool(const std::vector<model::Violation>&)> goal_reached;
  bool declared_safe = false;  // the goal should be out of reach: say so up front
  std::string start;           // a schedule prefix to start from ("" for the beginning)
  bool echo_input = false;     // print what was read after the prompt (input from a pipe)
};

// Runs the session. Returns kExitOk when the goal was reached, kExitViolation when the run ended
// (or the student stopped) without reaching it. Throws UsageError when `start` does not fit.
int play_session(const PlaySetup& setup, const Prober& probe, std::istream& in, std::ostream& out,
                 const Style& style);

}  // namespace racelab::cli
