// racelab grade on code that blocks the one OS thread every thread of a check runs on: a
// student's std::mutex held across a racelab::sync operation. Grading ends — exit 3 and one line
// on stderr — instead of hanging (src/course/grade.cpp, src/model/stall_watch.hpp). The stalled
// grade runs in a process of its own (stall_grade_demo.cpp) with the end at 1 s; the facts
// asserted are its exit code and words. It is killed, failing the test, after a generous minute.
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "model/stall_watch.hpp"
#include "racelab/course/course.hpp"

namespace racelab::course {
namespace {

struct Ended {
  int exit_code = -1;  // -1: killed after the minute, or never started
  std::string out;
  std::string err;
};

// Runs the demo with only `env` as its environment, stdout and stderr read until both close.
Ended run_demo(std::vector<std::string> env) {
  Ended r;
  int out[2];
  int err[2];
  if (pipe(out) != 0) return r;
  if (pipe(err) != 0) {
    close(out[0]);
    close(out[1]);
    return r;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err[1], STDERR_FILENO);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  posix_spawn_file_actions_addclose(&actions, err[0]);
  const char* demo = RACELAB_COURSE_STALL_DEMO;
  char* const argv[] = {const_cast<char*>(demo), nullptr};
  std::vector<char*> envp;
  for (std::string& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  pid_t pid = -1;
  const int spawned = posix_spawn(&pid, demo, &actions, nullptr, argv, envp.data());
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  close(err[1]);
  if (spawned != 0) {
    close(out[0]);
    close(err[0]);
    return r;
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  pollfd fds[2] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}};
  std::string* texts[2] = {&r.out, &r.err};
  int open_fds = 2;
  while (open_fds > 0 && std::chrono::steady_clock::now() < deadline) {
    if (poll(fds, 2, 500) <= 0) continue;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      char buf[512];
      const ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        texts[i]->append(buf, static_cast<std::size_t>(n));
        continue;
      }
      close(fds[i].fd);
      fds[i].fd = -1;
      --open_fds;
    }
  }
  const bool in_time = open_fds == 0;
  if (!in_time) kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  for (const pollfd& p : fds) {
    if (p.fd >= 0) close(p.fd);
  }
  if (in_time && WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  return r;
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
