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

// Runs `demo` with RACELAB_STALL_SECONDS=1 and returns its stderr once it holds `words` (or after
// a generous minute without them: a loaded machine may be slow to start), then kills it.
std::string stderr_until(const char* demo, const std::string& words) {
  int err[2];
  if (pipe(err) != 0) return "pipe failed";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, err[1], STDERR_FILENO);
  posix_spawn_file_actions_addclose(&actions, err[0]);
  std::string env_stall = "RACELAB_STALL_SECONDS=1";
  char* const argv[] = {const_cast<char*>(demo), nullptr};
  char* const envp[] = {env_stall.data(), nullptr};
  pid_t pid = -1;
  const int spawned = posix_spawn(&pid, demo, &actions, nullptr, argv, envp);
  posix_spawn_file_actions_destroy(&actions);
  close(err[1]);
  if (spawned != 0) {
    close(err[0]);
    return "posix_spawn failed";
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  std::string text;
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
  return text;
}

TEST(StallWatch, AThreadBlockedOutsideTheFacadeIsSaidOnStderr) {
  const std::string words = "racelab::model: no step for 1 s: a thread of the body seems blocked";
  const std::string text = stderr_until(RACELAB_STALL_DEMO, words);
  EXPECT_NE(text.find(words), std::string::npos) << text;
  EXPECT_NE(text.find("a std::mutex held across a facade operation"), std::string::npos) << text;
}

// A body compiled without RACELAB_BACKEND_MODEL runs real threads; one that deadlocks stalls the
// exploration, and the words name the missing define (new-user trial 5: they did not).
TEST(StallWatch, ABodyOnTheRealMappingIsNamedAsTheCause) {
  const std::string words = "compile it with RACELAB_BACKEND_MODEL defined";
  const std::string text = stderr_until(RACELAB_STALL_DEMO_REAL, words);
  EXPECT_NE(text.find(words), std::string::npos) << text;
  EXPECT_NE(text.find("the body started 1 thread(s) with racelab::sync's real mapping"),
            std::string::npos)
      << text;
}

}  // namespace
