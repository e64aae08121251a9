// bench/seed_program.hpp — the seed scenario (no-proxies) as the bench runs it.
//
// The real registry through the scenario library (racelab::scenarios_model): one request
// registers GCCDianaramirez and starts the workers, no proxy is free, every worker tears the
// entry down.
#pragma once

#include <string>

#include "racelab/model/explore.hpp"

namespace racelab::bench {

struct SeedProgram {
  model::Body body;
  model::EndCheck end_check;
};

// impl: "buggy" or "fixed"; workers: how many workers the request starts (the seed has 4).
SeedProgram seed_program(const std::string& impl, int workers);

// Where the program comes from, for the bench's context line.
const char* seed_program_source();

}  // namespace racelab::bench
