// racelab — the command. Everything is in app.cpp and the subcommand files; main only makes sure
// nothing escapes as a crash or a stack trace.
#include <cstdio>
#include <exception>

#include "app.hpp"
#include "usage.hpp"

int main(int argc, char** argv) {
  try {
    return racelab::cli::run_app(argc, argv);
  } catch (const std::exception& e) {
    // A bug in racelab, not bad input: say so plainly, on one line, with a distinct exit code.
    std::fprintf(stderr, "racelab: internal error: %s\n", e.what());
    return racelab::cli::kExitInternal;
  } catch (...) {
    std::fprintf(stderr, "racelab: internal error\n");
    return racelab::cli::kExitInternal;
  }
}
