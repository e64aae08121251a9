// src/cli/play_levels.hpp — `racelab play --level N`: the course's exercises as games, in order.
//
// Levels 1–4 are the textbook exercises (course/01–04) on their starting code as shipped
// (tests/course/start/, the racelab::course_start variant): two or three threads, one check of
// src/course/textbook_checks.cpp each. Levels 5–8 are the registry exercises' scenarios on
// buggy/ at --workers 2 (no-proxies, concurrent-add, stale-teardown, enqueue-during-teardown).
// Each level has a goal (the bug to reach), a win condition checked on the model's violations,
// an optional tip, and the exercise's debrief (course/<id>/README*.md, embedded by src/course),
// printed on winning with the next level's command. Progress is not saved: every level is one
// command away.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

#include "racelab/course/course.hpp"
#include "racelab/model/trace.hpp"

namespace racelab::cli {

struct Level {
  int number = 0;        // 1-based, the course's order
  std::string exercise;  // the course exercise it plays: "01-lost-update"
  std::string check;     // textbook levels: the check played ("two-hits"); "" otherwise
  std::string scenario;  // registry levels: the catalogue scenario ("no-proxies"); "" otherwise
  const char* goal_en;
  const char* goal_es;
  const char* tip_en;  // "" for none
  const char* tip_es;
  // Textbook levels: won when this holds of the violations. Registry levels: the scenario's own
  // goal_reached at --workers 2.
  std::function<bool(const std::vector<model::Violation>&)> won;
};

const std::vector<Level>& play_levels();

// "racelab play --level 3".
std::string level_command(const Level& level);

// play's level options (app.cpp registers them with the other play options).
struct PlayLevelOptions {
  int number = 0;     // --level N; 0 when not given
  bool list = false;  // --levels
  bool json = false;  // --json, with --levels
  std::string lang;   // --lang en|es; "": from the environment
  course::Language language() const;
};

// racelab play: --levels, --level N [--schedule TOKEN], or SCENARIO --impl IMPL (then
// `scenario_game` runs). UsageError for a combination that does not fit (--level with SCENARIO,
// --json without --levels, SCENARIO without --impl, ...).
int run_play_command(const CLI::App& play, const std::string& scenario,
                     const PlayLevelOptions& options, const std::function<int()>& scenario_game,
                     const std::string& start);

// racelab play --levels [--json]: the levels in order, with their goals and commands.
int list_levels(bool json, course::Language language);

// racelab play --level N [--schedule TOKEN]. UsageError for a number out of range.
int run_level(int number, const std::string& start, course::Language language);

}  // namespace racelab::cli
