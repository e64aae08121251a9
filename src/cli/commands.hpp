// src/cli/commands.hpp — the subcommands of `racelab`, one file each, free of argument parsing.
//
// app.cpp turns the command line into these option structs (numbers still as typed, so each
// command validates them with one-line errors); each run_* returns the process exit code
// (usage.hpp) and throws UsageError for bad input.
#pragma once

#include <optional>
#include <string>

namespace racelab::cli {

// racelab demo: the seed's story end to end (demo.cpp).
struct DemoOptions {
  std::string trials = "200";  // real-thread trials per implementation
};
int run_demo(const DemoOptions& o);

// racelab list [--json] (list.cpp).
struct ListOptions {
  bool json = false;
};
int run_list(const ListOptions& o);

// racelab check SCENARIO --impl IMPL ... (check.cpp).
struct CheckOptions {
  std::string scenario;
  std::string impl;
  std::string strategy = "dpor";
  std::optional<std::string> seed;
  std::optional<std::string> max_schedules;
  std::optional<std::string> preemption_bound;
  std::optional<std::string> pct_depth;
  bool first = false;  // stop at the first violation instead of counting every outcome
  bool json = false;
};
int run_check(const CheckOptions& o);

// racelab replay SCENARIO --impl IMPL --schedule TOKEN [--format ...] (replay.cpp).
struct ReplayOptions {
  std::string scenario;
  std::string impl;
  std::string schedule;
  std::string format = "text";
};
int run_replay(const ReplayOptions& o);

// racelab stress SCENARIO --impl IMPL [--trials N] [--jobs J] [--noise P] [--json] (stress.cpp).
struct StressOptions {
  std::string scenario;
  std::string impl;
  std::string trials = "1000";
  std::string jobs = "2";
  std::string noise = "0";  // percent of facade operations that yield or sleep briefly
  std::string timeout_ms = "10000";
  bool json = false;
};
int run_stress(const StressOptions& o);

// racelab play SCENARIO --impl IMPL (play.cpp).
struct PlayOptions {
  std::string scenario;
  std::string impl;
  std::optional<std::string> schedule;  // start from this prefix (a saved game)
};
int run_play(const PlayOptions& o);

}  // namespace racelab::cli
