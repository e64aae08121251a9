// racelab play: binds a model body (a scenario's, or a level's) to a play session on
// stdin/stdout.
#include <iostream>

#include "commands.hpp"
#include "play_session.hpp"
#include "terminal.hpp"

namespace racelab::cli {
namespace {

// The catalogue's goals in Spanish (scenarios/*.hpp word them in English).
std::string goal_in_spanish(const scenarios::Scenario& s) {
  if (s.id == "no-proxies") {
    const int others = s.workers_per_user - 1;
    return others == 3 ? "haz que tres workers lancen KeyError: 'GCCDianaramirez' (el log de la "
                         "semilla)"
                       : "haz que " + std::to_string(others) +
                             (others == 1 ? " worker lance" : " workers lancen") +
                             " KeyError: 'GCCDianaramirez' (todos menos el que borra)";
  }
  if (s.id == "concurrent-add")
    return "haz que ambas peticiones arranquen un grupo de workers "
           "para el mismo usuario";
  if (s.id == "stale-teardown")
    return "haz que dos grupos de workers sirvan al mismo usuario (un "
           "worker viejo saca la entrada nueva)";
  if (s.id == "enqueue-during-teardown")
    return "haz que la tarea de la petición desaparezca: "
           "aceptada, nunca procesada, nunca rechazada";
  if (s.id == "happy-path")
    return "rompe lo que sea (no puedes: el fallo necesita la rama sin "
           "proxies)";
  return s.goal;
}

}  // namespace

std::string scenario_goal(const scenarios::Scenario& s, course::Language language) {
  if (s.goal.empty()) {
    return language == course::Language::es ? "haz que ocurra cualquier violación"
                                            : "make any violation happen";
  }
  return language == course::Language::es ? goal_in_spanish(s) : s.goal;
}

int play_model(PlaySetup setup, const model::Body& body, const model::EndCheck& end_check,
               const model::Describe& describe) {
  setup.echo_input = !is_terminal(0);
  const Prober prober = [&](const std::string& prefix) {
    return model::probe(prefix, body, end_check, model::kDefaultMaxSteps, describe);
  };
  // Every continuation of the prefix, up to kReachBudget of them (dfs below the prefix; under a
  // tenth of a second in a release build): exact once a game has narrowed down.
  constexpr std::size_t kReachBudget = 5000;
  setup.reach = [&body, &end_check, goal = setup.goal_reached](const std::string& prefix) {
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
    const model::Report report = model::explore(o, body, end_check);
    r.known = report.complete;
    return r;
  };
  return play_session(setup, prober, std::cin, std::cout, style_for(1));
}

int run_play(const scenarios::Scenario& scenario, const std::string& impl, const std::string& start,
             course::Language language) {
  const auto run = scenarios::model_run(scenario, impl);

  PlaySetup setup;
  setup.subject = subject(scenario, impl);
  setup.command = "racelab play " + scenario.id + " --impl " + impl + setup.subject.size;
  setup.goal = scenario_goal(scenario, language);
  setup.goal_reached = scenario.goal_reached
                           ? scenario.goal_reached
                           : [](const std::vector<model::Violation>& vs) { return !vs.empty(); };
  setup.declared_safe = scenario.expected.at(impl).verdict == scenarios::Verdict::safe;
  setup.start = start;
  setup.language = language;
  return play_model(setup, run.body, run.end_check, run.describe_state);
}

}  // namespace racelab::cli
