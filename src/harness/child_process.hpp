// child_process.hpp (private) — one forked trial: its pipes, its deadline, what it wrote, how it
// ended. The parent drives many of these from one poll() loop (run_trials.cpp).
#pragma once

#include <poll.h>
#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "racelab/harness/trial_result.hpp"

namespace racelab::harness::detail {

using Clock = std::chrono::steady_clock;

class ChildProcess {
 public:
  // Forks. The child sends stdout and stderr to the output pipe, runs `body`, writes the bytes it
  // returns to the result pipe and _exits(0). Throws std::system_error if pipe or fork fails.
  // The child dies with its parent (PR_SET_PDEATHSIG), leads a process group of its own, and
  // arms its own alarm at timeout + kChildGrace (run_trials.hpp).
  ChildProcess(int index, const std::function<std::string()>& body, Clock::duration timeout,
               std::size_t max_output);
  // Kills and reaps a child that is still running (the caller unwinds, or was cancelled).
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // The pipe ends still open, to poll for input.
  void add_poll_fds(std::vector<pollfd>& fds) const;
  // Reads what the pipes hold without blocking; closes a pipe at end of file.
  void read_available();
  // Reaps the child when it has ended, or kills (SIGKILL) and reaps it once past the deadline.
  // Returns true when the child is gone and result() is ready.
  bool try_finish(Clock::time_point now);
  // How long poll() may sleep before this child needs attention again.
  Clock::duration time_to_next_check(Clock::time_point now) const;

  pid_t pid() const noexcept { return pid_; }
  // How the child ended, its report and its output. Valid once try_finish() returned true.
  TrialResult result() const;

 private:
  void read_fd(int& fd, std::string& into, std::size_t limit, bool& truncated);
  void reaped(int status, Clock::time_point now);

  int index_;
  pid_t pid_ = -1;
  int result_fd_ = -1;
  int output_fd_ = -1;
  std::size_t max_output_;
  std::string result_;
  std::string output_;
  bool output_truncated_ = false;
  bool result_truncated_ = false;
  Clock::time_point start_;
  Clock::time_point deadline_;
  Clock::time_point end_;
  bool timed_out_ = false;
  int status_ = 0;
};

// Throws std::logic_error when the calling process runs more than one thread (fork-safety).
void require_single_threaded(const char* who);

}  // namespace racelab::harness::detail
