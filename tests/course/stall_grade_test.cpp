// racelab grade on code that blocks the one OS thread every thread of a check runs on: a
// student's std::mutex held across a racelab::sync operation. Grading ends — exit 3 and one line
// on stderr — instead of hanging (src/course/grade.cpp, src/model/stall_watch.hpp). The stalled
// grade runs in a process of its own (stall_grade_demo.cpp) with the end at 1 s; the facts
// asserted are its exit code and words. It is killed, failing the test, after a generous minute.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/stall_watch.hpp"
#include "racelab/course/course.hpp"
#include "run_command.hpp"  // tests/cli

namespace racelab::course {
namespace {

using Ended = cli::testing::CommandResult;  // exit_code 128 + 9 when killed after the minute

// Runs the demo with `env` added to an environment without the stall settings.
Ended run_demo(std::vector<std::string> env) {
  cli::testing::RunSpec spec;
  spec.program = RACELAB_COURSE_STALL_DEMO;
  spec.env = std::move(env);
  // Nor a language: grade speaks Spanish under LANG=es_*.
  spec.unset = {"RACELAB_STALL_SECONDS", "RACELAB_STALL_EXIT_SECONDS", "LC_ALL", "LC_MESSAGES",
                "LANG"};
  return cli::testing::run_racelab(spec);
}

// The lines of stderr racelab wrote (a sanitizer's would not start so).
std::vector<std::string> racelab_lines(const std::string& text) {
  std::vector<std::string> found;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    if (text.compare(at, 9, "racelab::") == 0) found.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  return found;
}

TEST(GradeStall, AStudentsStdMutexEndsTheGradeWithExit3AndOneLine) {
  const Ended e = run_demo({"RACELAB_STALL_EXIT_SECONDS=1"});
  EXPECT_EQ(e.exit_code, 3) << e.out << e.err;
  EXPECT_EQ(e.out, "grading 01-lost-update\n") << "no score: no verdict";
  const std::vector<std::string> said = racelab_lines(e.err);
  ASSERT_EQ(said.size(), 1U) << "one line: " << e.err;
  EXPECT_NE(said[0].find("; the last thread to run was Thread-2, just started: what blocks is "
                         "its code up to its first racelab::sync operation; "),
            std::string::npos)
      << said[0];
  EXPECT_EQ(said[0].rfind("racelab::model: no verdict: no step for 1 s — a thread of the body is "
                          "blocked outside racelab::sync (a std::mutex held across a "
                          "racelab::sync operation",
                          0),
            0U)
      << said[0];
}

// Grading sets the stall's end to kGradeStallExitSeconds for its explorations, and gives back the
// one before: a check's body reads it while it runs.
long g_seen_while_grading = -1;

std::vector<Check> recording_checks(std::string_view) {
  return {{"reads-the-default", "records the stall's end while it is graded",
           [] { g_seen_while_grading = model::detail::stall_exit_default(); }}};
}

TEST(GradeStall, GradingEndsAStallAfterAMinuteByDefault) {
  EXPECT_EQ(kGradeStallExitSeconds, 60);
  const long before = model::detail::stall_exit_default();
  const Grade g = grade(*find_exercise("01"), &recording_checks, "exercise");
  ASSERT_EQ(g.checks.size(), 1U);
  EXPECT_TRUE(g.checks[0].passed);
  EXPECT_EQ(g_seen_while_grading, kGradeStallExitSeconds);
  EXPECT_EQ(model::detail::stall_exit_default(), before);
  EXPECT_EQ(before, model::detail::kStallExitSeconds) << "explore() alone: the library's 120 s";
}

}  // namespace
}  // namespace racelab::course
