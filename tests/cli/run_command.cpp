#include "run_command.hpp"

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <stdexcept>

namespace racelab::cli::testing {

namespace {

constexpr auto kDeadline = std::chrono::seconds(60);

#ifndef RACELAB_BIN
#define RACELAB_BIN ""  // a test target that runs only its own programs (RunSpec::program)
#endif

[[noreturn]] void exec_racelab(const RunSpec& spec) {
  for (const auto& name : spec.unset) ::unsetenv(name.c_str());
  for (const auto& kv : spec.env) ::putenv(::strdup(kv.c_str()));
  const char* program = spec.program.empty() ? RACELAB_BIN : spec.program.c_str();
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(program));
  for (const auto& a : spec.args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  ::execv(program, argv.data());
  std::perror((std::string("execv ") + program).c_str());
  ::_exit(127);
}

int wait_status(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

// Feeds `input` to in_fd (then closes it) while draining out_fds into outs, until all close.
// head > 0: out_fds[0] is closed once `head` bytes were read from it (`| head -c N`).
// stop_at_line: once that output holds a whole line, the program is killed (SIGKILL) and the
// rest drained.
void pump(pid_t pid, int in_fd, const std::string& input, std::vector<int> out_fds,
          std::vector<std::string*> outs, bool close_in_when_done = true, std::size_t head = 0,
          const std::string* stop_at_line = nullptr) {
  bool stopped = false;
  const int head_fd = head > 0 ? out_fds[0] : -1;
  std::size_t written = 0;
  if (in_fd >= 0 && input.empty() && close_in_when_done) {
    ::close(in_fd);
    in_fd = -1;
  }
  const auto deadline = std::chrono::steady_clock::now() + kDeadline;
  while (!out_fds.empty()) {
    std::vector<pollfd> fds;
    for (int fd : out_fds) fds.push_back({fd, POLLIN, 0});
    if (in_fd >= 0) fds.push_back({in_fd, POLLOUT, 0});
    if (::poll(fds.data(), fds.size(), 1000) < 0 && errno != EINTR) break;
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      break;
    }
    for (std::size_t i = 0; i < out_fds.size();) {
      if (fds[i].revents == 0) {
        ++i;
        continue;
      }
      char buf[4096];
      const bool heading = out_fds[i] == head_fd;
      const std::size_t want = heading ? std::min(sizeof buf, head - outs[i]->size()) : sizeof buf;
      const ssize_t n = ::read(out_fds[i], buf, want);
      if (n > 0 && !(heading && outs[i]->size() + static_cast<std::size_t>(n) >= head)) {
        outs[i]->append(buf, static_cast<std::size_t>(n));
        if (outs[i] == stop_at_line && !stopped && outs[i]->find('\n') != std::string::npos) {
          ::kill(pid, SIGKILL);
          stopped = true;
        }
        ++i;
      } else if (n > 0) {  // the head's last byte: the reader is gone from here on
        outs[i]->append(buf, static_cast<std::size_t>(n));
        ::close(out_fds[i]);
        out_fds.erase(out_fds.begin() + static_cast<long>(i));
        outs.erase(outs.begin() + static_cast<long>(i));
        fds.erase(fds.begin() + static_cast<long>(i));
      } else if (n < 0 && errno == EINTR) {
        ++i;
      } else {  // EOF, or EIO once a pty's other side is gone
        ::close(out_fds[i]);
        out_fds.erase(out_fds.begin() + static_cast<long>(i));
        outs.erase(outs.begin() + static_cast<long>(i));
        fds.erase(fds.begin() + static_cast<long>(i));
      }
    }
    if (in_fd >= 0 && (fds.back().revents & (POLLOUT | POLLERR | POLLHUP)) != 0) {
      const ssize_t n = ::write(in_fd, input.data() + written, input.size() - written);
      if (n > 0) written += static_cast<std::size_t>(n);
      if (n < 0 || written == input.size()) {
        if (close_in_when_done) ::close(in_fd);
        in_fd = -1;
      }
    }
  }
  if (in_fd >= 0 && close_in_when_done) ::close(in_fd);
}

CommandResult run_on_pipes(const RunSpec& spec) {
  int in[2], out[2], err[2];
  if (::pipe(in) != 0 || ::pipe(out) != 0 || ::pipe(err) != 0) throw std::runtime_error("pipe");
  if (spec.stdout_head > 0 && ::fcntl(out[0], F_SETPIPE_SZ, 4096) < 0) {
    throw std::runtime_error("F_SETPIPE_SZ");
  }
  ::signal(SIGPIPE, SIG_IGN);
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(in[0], 0);
    ::dup2(out[1], 1);
    ::dup2(err[1], 2);
    for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1]}) ::close(fd);
    if (!spec.stdout_file.empty()) {
      const int fd = ::open(spec.stdout_file.c_str(), O_WRONLY);
      if (fd < 0 || ::dup2(fd, 1) < 0) std::_Exit(126);
      ::close(fd);
    } else if (spec.stdout_closed) {
      int gone[2];
      if (::pipe(gone) != 0 || ::dup2(gone[1], 1) < 0) std::_Exit(126);
      ::close(gone[0]);
      ::close(gone[1]);
    }
    exec_racelab(spec);
  }
  ::close(in[0]);
  ::close(out[1]);
  ::close(err[1]);
  CommandResult r;
  pump(pid, in[1], spec.input, {out[0], err[0]}, {&r.out, &r.err}, true, spec.stdout_head,
       spec.kill_after_stderr_line ? &r.err : nullptr);
  r.exit_code = wait_status(pid);
  return r;
}

CommandResult run_on_terminal(const RunSpec& spec) {
  int master = -1;
  winsize size{};
  size.ws_row = 50;
  size.ws_col = 200;
  const pid_t pid = ::forkpty(&master, nullptr, nullptr, &size);
  if (pid < 0) throw std::runtime_error("forkpty");
  if (pid == 0) exec_racelab(spec);
  CommandResult r;
  // A pty has one channel: input is typed into it, output read from it. EOF is ^D on a line.
  const std::string typed = spec.input.empty() ? "" : spec.input + "\x04";
  const int in = ::dup(master);
  pump(pid, in, typed, {master}, {&r.out});
  r.exit_code = wait_status(pid);
  return r;
}

}  // namespace

CommandResult run_racelab(const RunSpec& spec) {
  return spec.terminal ? run_on_terminal(spec) : run_on_pipes(spec);
}

CommandResult run_racelab(const std::vector<std::string>& args, const std::string& input) {
  RunSpec spec;
  spec.args = args;
  spec.input = input;
  return run_racelab(spec);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

}  // namespace racelab::cli::testing
