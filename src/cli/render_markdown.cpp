// A review comment that renders as it is in GitHub and GitLab (racelab/model/review.hpp), for a
// catalogue scenario: what ran, its state before the run, the racelab replay command.
#include <sstream>

#include "racelab/model/review.hpp"
#include "render.hpp"

namespace racelab::cli {

std::string render_markdown(const Subject& s, const model::Execution& e) {
  model::ReviewOptions o;
  o.subject = "scenario " + model::review_code(s.scenario) + " (" + model::review_prose(s.title) +
              ") with the " + model::review_code(s.impl) + " implementation";
  o.replay = replay_command(s, e.schedule);
  o.threads = shown_threads(s, e);
  std::istringstream lines(s.state_note);
  for (std::string line; std::getline(lines, line);) o.state.push_back(line);
  return model::review_markdown(e, o);
}

}  // namespace racelab::cli
