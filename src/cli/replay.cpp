// racelab replay: re-runs exactly one interleaving (a token printed by check, stress or play)
// and shows it as text, JSON, Markdown for a review, or SVG. Exit 0 when that interleaving has no
// violation, 1 when it has one, 2 when the token is malformed or does not fit the scenario.
#include <algorithm>
#include <iostream>
#include <stdexcept>

#include "commands.hpp"
#include "json.hpp"
#include "render.hpp"
#include "scenario_args.hpp"
#include "terminal.hpp"
#include "usage.hpp"

namespace racelab::cli {

int run_replay(const ReplayOptions& o) {
  static const std::vector<std::string> kFormats = {"text", "json", "markdown", "svg"};
  if (std::find(kFormats.begin(), kFormats.end(), o.format) == kFormats.end()) {
    throw UsageError("unknown format '" + o.format + "' (accepted: " + one_of(kFormats) + ")");
  }
  const Subject subject = subject_for(o.scenario, o.impl);
  const auto run = scenarios::model_run(require_scenario(o.scenario), o.impl);
  model::Execution e;
  try {
    e = model::replay(o.schedule, run.body, run.end_check);
  } catch (const std::invalid_argument& err) {
    // The engine's message names the token and what is wrong with it.
    throw UsageError(o.scenario + " --impl " + o.impl + ": " + err.what() +
                     " (accepted: a token that 'racelab check' or 'racelab play' printed for this "
                     "scenario and implementation)");
  }
  if (o.format == "json") {
    std::cout << dump(execution_json(subject, e));
  } else if (o.format == "markdown") {
    std::cout << render_markdown(subject, e);
  } else if (o.format == "svg") {
    std::cout << render_svg(subject, e);
  } else {
    std::cout << render_replay_text(subject, e, style_for(1));
  }
  return e.ok() ? kExitOk : kExitViolation;
}

}  // namespace racelab::cli
