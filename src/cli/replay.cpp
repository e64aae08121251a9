// racelab replay: re-runs exactly one interleaving (a token printed by check, stress or play)
// and shows it as text, JSON, Markdown for a review, or SVG. Exit 0 when that interleaving has no
// violation, 1 when it has one, 2 when the token is malformed or does not fit the scenario.
#include <iostream>
#include <stdexcept>

#include "commands.hpp"
#include "json.hpp"
#include "terminal.hpp"
#include "usage.hpp"

namespace racelab::cli {

std::string culprit_state_note(const scenarios::ModelRun& run, const model::Execution& e) {
  if (!run.describe_after) return "";
  for (const auto& v : e.violations) {
    if (v.step < 0 || v.step >= static_cast<int>(e.trace.steps.size())) continue;
    const std::string n = std::to_string(v.step + 1);
    return "registry before step " + n + ": " + run.describe_after(e, v.step) + "\n" +
           "registry after step " + n + ":  " + run.describe_after(e, v.step + 1);
  }
  return "";
}

int run_replay(const scenarios::Scenario& s, const std::string& impl, const std::string& token,
               const std::string& format, bool focus) {
  if (focus && format == "json") {
    throw UsageError("--focus applies to --format text, markdown or svg (JSON has every step)");
  }
  Subject subject = cli::subject(s, impl);
  subject.focus = focus;
  const auto run = scenarios::model_run(s, impl);
  model::Execution e;
  try {
    e = model::replay(token, run.body, run.end_check);
    if (run.name_culprits) run.name_culprits(e);
  } catch (const std::invalid_argument& err) {
    // The engine's message names the token and what is wrong with it; the size is the other
    // half of a fit (a token of --workers 3 does not fit the default 4, and said nothing of it).
    throw UsageError(s.id + " --impl " + impl + ": " + err.what() +
                     " (accepted: a token that 'racelab check' or 'racelab play' printed for this "
                     "scenario, implementation and size; this replay's size is" +
                     scenarios::size_flags(s, /*spelled_out=*/true) + ")");
  }
  if (focus) subject.state_note = culprit_state_note(run, e);
  if (format == "json") {
    std::cout << dump(execution_json(subject, e));
  } else if (format == "markdown") {
    std::cout << render_markdown(subject, e);
  } else if (format == "svg") {
    std::cout << render_svg(subject, e);
  } else {
    std::cout << render_replay_text(subject, e, style_for(1));
  }
  return e.ok() ? kExitOk : kExitViolation;
}

}  // namespace racelab::cli
