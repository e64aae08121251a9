// racelab play: binds a scenario's model run to a play session on stdin/stdout.
#include <iostream>

#include "commands.hpp"
#include "play_session.hpp"
#include "terminal.hpp"

namespace racelab::cli {

int run_play(const scenarios::Scenario& scenario, const std::string& impl,
             const std::string& start) {
  const auto run = scenarios::model_run(scenario, impl);

  PlaySetup setup;
  setup.subject = subject(scenario, impl);
  setup.goal = scenario.goal.empty() ? "make any violation happen" : scenario.goal;
  setup.goal_reached = scenario.goal_reached
                           ? scenario.goal_reached
                           : [](const std::vector<model::Violation>& vs) { return !vs.empty(); };
  setup.declared_safe = scenario.expected.at(impl).verdict == scenarios::Verdict::safe;
  setup.start = start;
  setup.echo_input = !is_terminal(0);

  const Prober prober = [&run](const std::string& prefix) {
    return model::probe(prefix, run.body, run.end_check, 20000, run.describe_state);
  };
  // Every continuation of the prefix, up to kReachBudget of them (dfs below the prefix; under a
  // tenth of a second in a release build): exact once a game has narrowed down.
  constexpr std::size_t kReachBudget = 5000;
  setup.reach = [&run, goal = setup.goal_reached](const std::string& prefix) {
    model::Options o;
    o.strategy = model::Strategy::dfs;
    o.prefix = prefix;
    o.stop_on_first_violation = false;
    o.shrink = false;
    o.max_schedules = kReachBudget;
    Reach r;
    o.on_execution = [&r, &goal](const model::Execution& e) {
      ++r.continuations;
      r.reaching += goal(e.violations) ? 1 : 0;
    };
    const model::Report report = model::explore(o, run.body, run.end_check);
    r.known = report.complete;
    return r;
  };
  return play_session(setup, prober, std::cin, std::cout, style_for(1));
}

}  // namespace racelab::cli
