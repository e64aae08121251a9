// src/cli/commands.hpp — the subcommands of `racelab`, one file each, free of argument parsing.
//
// app.cpp parses and validates the command line (CLI11: typed numbers in range, known names);
// each run_* gets valid values, returns the process exit code (usage.hpp) and throws UsageError
// for input that only the run can refuse (a replay token that does not fit).
#pragma once

#include <string>

#include "racelab/model/explore.hpp"
#include "render.hpp"
#include "scenarios/catalogue.hpp"
#include "stress_summary.hpp"

namespace racelab::cli {

// What a rendering says about the run.
inline Subject subject(const scenarios::Scenario& s, const std::string& impl) {
  return {s.id, s.title, impl};
}

// racelab demo: the seed's story end to end, `trials` real-thread trials per fix (demo.cpp).
int run_demo(int trials);

// racelab list [--json] (list.cpp).
int run_list(bool json);

// racelab check SCENARIO --impl IMPL ... (check.cpp).
int run_check(const scenarios::Scenario& s, const std::string& impl, const model::Options& o,
              bool json);

// racelab replay SCENARIO --impl IMPL --schedule TOKEN [--format text|json|markdown|svg].
int run_replay(const scenarios::Scenario& s, const std::string& impl, const std::string& token,
               const std::string& format);

// racelab stress SCENARIO --impl IMPL [--trials N] [--jobs J] [--noise P] ... (stress.cpp).
int run_stress(const scenarios::Scenario& s, const std::string& impl, const StressRun& run,
               bool json);

// racelab play SCENARIO --impl IMPL [--schedule TOKEN]: start from a saved game (play.cpp).
int run_play(const scenarios::Scenario& s, const std::string& impl, const std::string& start);

}  // namespace racelab::cli
