// The stall watchdog's end (src/model/stall_watch.hpp): an exploration that has made no step for
// RACELAB_STALL_EXIT_SECONDS ends the process with exit code 3 and one line on stderr, and one
// that makes steps, however long it runs, is left alone. Each body runs in a process of its own
// (stall_exit_demo.cpp), with the limit at 1-2 s; the facts asserted are the exit code and the
// words. A process that is still running after a generous minute is killed and fails the test.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "run_command.hpp"  // tests/cli

namespace {

using racelab::cli::testing::CommandResult;
using Ended = CommandResult;  // exit_code 128 + 9 when killed after the minute

// Runs `program` ARGS with `env` added to an environment without the stall settings.
Ended run(const char* program, std::vector<std::string> args, std::vector<std::string> env) {
  racelab::cli::testing::RunSpec spec;
  spec.program = program;
  spec.args = std::move(args);
  spec.env = std::move(env);
  spec.unset = {"RACELAB_STALL_SECONDS", "RACELAB_STALL_EXIT_SECONDS"};
  return racelab::cli::testing::run_racelab(spec);
}

Ended run_demo(const char* mode, std::vector<std::string> env) {
  return run(RACELAB_STALL_EXIT_DEMO, {mode}, std::move(env));
}

// The lines of `text` that start with `prefix`.
std::vector<std::string> lines_starting(const std::string& text, const std::string& prefix) {
  std::vector<std::string> found;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(at, end - at);
    if (line.rfind(prefix, 0) == 0) found.push_back(line);
    at = end + 1;
  }
  return found;
}

const std::string kNoVerdict = "racelab::model: no verdict: no step for ";

TEST(StallExit, AThreadBlockedOnAStdMutexEndsTheProcessWithExit3AndOneLine) {
  const Ended e = run_demo("mutex", {"RACELAB_STALL_EXIT_SECONDS=1"});
  EXPECT_EQ(e.exit_code, 3) << e.err;
  const auto lines = lines_starting(e.err, kNoVerdict);
  ASSERT_EQ(lines.size(), 1U) << e.err;
  EXPECT_EQ(lines[0].rfind(kNoVerdict + "1 s — a thread of the body is blocked outside "
                                        "racelab::sync (a std::mutex held across",
                           0),
            0U)
      << lines[0];
  EXPECT_NE(lines[0].find("; the last thread to run was Thread-1, just started: what blocks is "
                          "its code up to its first racelab::sync operation; "),
            std::string::npos)
      << lines[0];
  EXPECT_NE(lines[0].find("use racelab::sync's mutex"), std::string::npos) << lines[0];
  EXPECT_NE(lines[0].find("RACELAB_STALL_EXIT_SECONDS=N"), std::string::npos) << lines[0];
  // The 10 s paragraph did not come first: the line is all racelab said.
  EXPECT_EQ(lines_starting(e.err, "racelab::model:").size(), 1U) << e.err;
  // What the body printed before it blocked reached stdout: flushed before the end.
  EXPECT_EQ(e.out, "exploring\n");
}

TEST(StallExit, TheParagraphComesFirstWhenItsTimeIsSooner) {
  const Ended e = run_demo("mutex", {"RACELAB_STALL_SECONDS=1", "RACELAB_STALL_EXIT_SECONDS=2"});
  EXPECT_EQ(e.exit_code, 3) << e.err;
  const std::size_t paragraph = e.err.find("racelab::model: no step for 1 s: a thread of the body");
  const std::size_t line = e.err.find(kNoVerdict + "2 s");
  ASSERT_NE(paragraph, std::string::npos) << e.err;
  ASSERT_NE(line, std::string::npos) << e.err;
  EXPECT_LT(paragraph, line);
  EXPECT_NE(e.err.find("After 2 s without a step the process ends with exit code 3"),
            std::string::npos)
      << "the paragraph says when the end comes: " << e.err;
}

// What racelab grade does (StallExitDefault, src/course/grade.cpp): without the variable, the
// default it sets applies; the variable overrides it, and a malformed one is said and ignored.
TEST(StallExit, AScopedDefaultAppliesAndTheVariableOverridesIt) {
  const Ended scoped = run_demo("scoped-default", {});
  EXPECT_EQ(scoped.exit_code, 3) << scoped.err;
  EXPECT_EQ(lines_starting(scoped.err, kNoVerdict + "1 s").size(), 1U) << scoped.err;

  const Ended overridden = run_demo("scoped-default", {"RACELAB_STALL_EXIT_SECONDS=2"});
  EXPECT_EQ(overridden.exit_code, 3) << overridden.err;
  EXPECT_EQ(lines_starting(overridden.err, kNoVerdict + "2 s").size(), 1U) << overridden.err;

  const Ended malformed = run_demo("scoped-default", {"RACELAB_STALL_EXIT_SECONDS=1m"});
  EXPECT_EQ(malformed.exit_code, 3) << malformed.err;
  EXPECT_EQ(lines_starting(malformed.err,
                           "racelab::model: RACELAB_STALL_EXIT_SECONDS='1m' is not "
                           "a whole number of seconds from 0 to 86400; using 1")
                .size(),
            1U)
      << malformed.err;
  EXPECT_EQ(lines_starting(malformed.err, kNoVerdict + "1 s").size(), 1U) << malformed.err;
}

// A body that computes between its steps — 1.25 s an execution, 50 ms at a time — is not a
// stall, even with the paragraph and the end at 1 s: every step starts the count again.
TEST(StallExit, ABodyThatComputesBetweenStepsIsLeftAlone) {
  const Ended e = run_demo("compute", {"RACELAB_STALL_SECONDS=1", "RACELAB_STALL_EXIT_SECONDS=1"});
  EXPECT_EQ(e.exit_code, 0) << e.err;
  EXPECT_EQ(e.out, "explored 1 schedule(s), no violation\n");
  EXPECT_EQ(lines_starting(e.err, "racelab::model:").size(), 0U)
      << "neither the paragraph nor the end: " << e.err;
}

// A body compiled without RACELAB_BACKEND_MODEL (stall_demo_real.cpp): its real thread
// deadlocked, and the line names the missing define instead.
TEST(StallExit, ABodyOnTheRealMappingEndsNamingTheMissingDefine) {
  const Ended e = run(RACELAB_STALL_DEMO_REAL, {}, {"RACELAB_STALL_EXIT_SECONDS=1"});
  EXPECT_EQ(e.exit_code, 3) << e.err;
  const auto lines = lines_starting(e.err, "racelab::model:");
  ASSERT_EQ(lines.size(), 1U) << e.err;
  EXPECT_EQ(lines[0].rfind(kNoVerdict + "1 s, and the body started 1 thread(s) with "
                                        "racelab::sync's real mapping",
                           0),
            0U)
      << lines[0];
  EXPECT_NE(lines[0].find("compile the code under test with RACELAB_BACKEND_MODEL defined"),
            std::string::npos)
      << lines[0];
}

// The step the engine recorded last (beat(thread, kind, loc)) is named: where to look.
TEST(StallExit, TheLastRecordedStepIsNamed) {
  const Ended step = run_demo("last-step", {});
  EXPECT_EQ(step.exit_code, 3) << step.err;
  const auto lines = lines_starting(step.err, kNoVerdict + "1 s");
  ASSERT_EQ(lines.size(), 1U) << step.err;
  EXPECT_NE(lines[0].find("; the last step was Thread-1's store at demo/where.cpp:42: what "
                          "blocks is that thread's code after it, up to its next racelab::sync "
                          "operation; "),
            std::string::npos)
      << lines[0];

  const Ended start = run_demo("last-start", {});
  EXPECT_EQ(start.exit_code, 3) << start.err;
  const auto started = lines_starting(start.err, kNoVerdict + "1 s");
  ASSERT_EQ(started.size(), 1U) << start.err;
  EXPECT_NE(started[0].find("; the last thread to run was Thread-2, just started: what blocks is "
                            "its code up to its first racelab::sync operation; "),
            std::string::npos)
      << started[0];
}

}  // namespace
