// src/cli/course_commands.hpp — `racelab exercises` and `racelab grade`: the course
// (racelab/course/course.hpp). Their options and their runs live together in course.cpp so that
// app.cpp only registers them.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace racelab::cli {

struct CourseCommands {
  CLI::App* exercises = nullptr;
  CLI::App* grade = nullptr;
  std::string id;  // EXERCISE
  int hint = 0;    // exercises ID --hint N
  bool json = false;
  std::string junit;              // grade --junit FILE
  std::string lang;               // --lang en|es; empty: from the environment
  std::string impl = "exercise";  // grade --impl: registry exercises only (instructors)
};

// --lang en|es on `sub`, into `into` ("" when not given: the environment decides).
void add_language_option(CLI::App* sub, std::string& into);

// Adds both subcommands to `app`, filling `c` when they parse.
void add_course_commands(CLI::App& app, CourseCommands& c);
// Runs whichever of the two was given; -1 when neither was.
int run_course_command(const CourseCommands& c);

}  // namespace racelab::cli
