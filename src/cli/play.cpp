// racelab play: binds a scenario's model run to a play session on stdin/stdout.
#include <iostream>

#include "commands.hpp"
#include "play_session.hpp"
#include "scenario_args.hpp"
#include "terminal.hpp"
#include "usage.hpp"

namespace racelab::cli {

int run_play(const PlayOptions& o) {
  const Subject subject = subject_for(o.scenario, o.impl);
  const auto& scenario = require_scenario(o.scenario);
  const auto run = scenarios::model_run(scenario, o.impl);

  PlaySetup setup;
  setup.subject = subject;
  setup.goal = scenario.goal.empty() ? "make any violation happen" : scenario.goal;
  setup.goal_reached = scenario.goal_reached
                           ? scenario.goal_reached
                           : [](const std::vector<model::Violation>& vs) { return !vs.empty(); };
  setup.declared_safe = expectation(scenario, o.impl).verdict == scenarios::Verdict::safe;
  setup.start = o.schedule.value_or("");
  setup.echo_input = !is_terminal(0);

  const Prober prober = [&run](const std::string& prefix) {
    return model::probe(prefix, run.body, run.end_check, 20000, run.describe_state);
  };
  return play_session(setup, prober, std::cin, std::cout, style_for(1));
}

}  // namespace racelab::cli
