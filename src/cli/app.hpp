// src/cli/app.hpp — the command line of `racelab`: subcommands, flags, help, errors.
#pragma once

namespace racelab::cli {

// Parses argv, runs the subcommand (demo when there is none) and returns the exit code. Bad
// input prints one line to stderr and returns kExitUsage; --help prints help and returns 0.
int run_app(int argc, char** argv);

}  // namespace racelab::cli
