// src/cli/fresh_replay.hpp — a failure is trusted only once a fresh process replays it the same way.
//
// explore() checks determinism inside its own process (nondeterministic_body, explore.hpp); what
// it cannot see is state that outlives the process or differs between processes (a file the body
// reads and writes, its environment, the PID). So before `racelab check` reports a failing
// schedule, it runs `racelab replay ... --format json` on that schedule in a new process of this
// same binary and compares the two executions, step by step.
#pragma once

#include <string>

#include "racelab/model/explore.hpp"
#include "render.hpp"

namespace racelab::cli {

// Throws model::nondeterministic_body when a fresh `racelab replay` of x.schedule does not give
// exactly x (its steps, its violations), naming the first step that differs; std::runtime_error
// when the fresh process cannot be started or prints nothing.
void confirm_in_fresh_process(const Subject& s, const model::Execution& x);

}  // namespace racelab::cli
