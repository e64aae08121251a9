// bench/seed_program.cpp — see seed_program.hpp.
#include "seed_program.hpp"

#include "racelab/scenarios/catalogue.hpp"

namespace racelab::bench {

SeedProgram seed_program(const std::string& impl, int workers) {
  scenarios::Scenario s = *scenarios::find_scenario("no-proxies");
  s.workers_per_user = workers;
  scenarios::ModelRun run = scenarios::model_run(s, impl);
  return {std::move(run.body), std::move(run.end_check)};
}

const char* seed_program_source() { return "scenario no-proxies (racelab::scenarios_model)"; }

}  // namespace racelab::bench
