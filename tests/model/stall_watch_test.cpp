// The stall watchdog (src/model/stall_watch.hpp): an exploration that stops making steps because
// a thread blocks the OS thread outside racelab::sync says so on stderr instead of hanging
// silently. The hanging body runs in a process of its own (stall_demo.cpp, a fresh process, so
// its watchdog starts with its first exploration); this test reads its stderr until the words
// come, then kills it. The fact asserted is that they come, not when.
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>

extern char** environ;

namespace {

TEST(StallWatch, AThreadBlockedOutsideTheFacadeIsSaidOnStderr) {
  int err[2];
  ASSERT_EQ(pipe(err), 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, err[1], STDERR_FILENO);
  posix_spawn_file_actions_addclose(&actions, err[0]);
  std::string env_stall = "RACELAB_STALL_SECONDS=1";
  char* const argv[] = {const_cast<char*>(RACELAB_STALL_DEMO), nullptr};
  char* const envp[] = {env_stall.data(), nullptr};
  pid_t pid = -1;
  ASSERT_EQ(posix_spawn(&pid, RACELAB_STALL_DEMO, &actions, nullptr, argv, envp), 0);
  posix_spawn_file_actions_destroy(&actions);
  close(err[1]);

  // Generous: the words are due after 1 s without a step; a loaded machine may be slow to start.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  std::string text;
  const std::string words = "racelab::model: no step for 1 s: a thread of the body seems blocked";
  while (text.find(words) == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    pollfd p{err[0], POLLIN, 0};
    if (poll(&p, 1, 500) <= 0) continue;
    char buf[512];
    const ssize_t n = read(err[0], buf, sizeof buf);
    if (n <= 0) break;  // the demo ended: it should not have
    text.append(buf, static_cast<std::size_t>(n));
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  close(err[0]);
  EXPECT_NE(text.find(words), std::string::npos) << text;
  EXPECT_NE(text.find("a std::mutex held across a facade operation"), std::string::npos) << text;
}

}  // namespace
