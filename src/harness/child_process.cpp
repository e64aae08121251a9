#include "child_process.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <stdexcept>
#include <system_error>

#include "racelab/harness/run_trials.hpp"
#include "wire.hpp"

namespace racelab::harness::detail {
namespace {

// The result pipe carries a few KB; this bound only stops a runaway body from eating memory.
constexpr std::size_t kMaxResultBytes = 64u << 20;

[[noreturn]] void throw_errno(const char* what) {
  throw std::system_error(errno, std::generic_category(), what);
}

void write_all(int fd, const std::string& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // the parent is gone; nothing left to tell
    done += static_cast<std::size_t>(n);
  }
}

// In the child: never returns. Only async-signal-safe calls would be strictly safe after fork in
// a multi-threaded parent; require_single_threaded() is what makes the rest of this safe.
// In the child, first: tie its life to the parent's and give it a deadline of its own.
void contain(pid_t parent, Clock::duration timeout) {
  // Dies with the parent; if the parent is already gone, the signal was never armed for it.
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) ::_exit(127);
  // A group of its own: a Ctrl-C at the terminal goes to the parent, which stops its trials.
  ::setpgid(0, 0);
  // The parent's SIGINT/SIGTERM handlers are not the trial's.
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  std::signal(SIGALRM, SIG_DFL);
  const auto ms = std::chrono::ceil<std::chrono::milliseconds>(timeout + kChildGrace).count();
  ::alarm(static_cast<unsigned>((ms + 999) / 1000));
}

[[noreturn]] void child_main(int result_w, int output_w, const std::function<std::string()>& body) {
  ::dup2(output_w, STDOUT_FILENO);
  ::dup2(output_w, STDERR_FILENO);
  if (output_w > STDERR_FILENO) ::close(output_w);
  // Line-buffered, so printed lines and sanitizer reports (written straight to fd 2) keep
  // their order in the captured output.
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  const int null_fd = ::open("/dev/null", O_RDONLY);
  if (null_fd >= 0) ::dup2(null_fd, STDIN_FILENO);
  std::string bytes;
  try {
    bytes = body();
  } catch (...) {
    // body() is the harness's own wrapper and reports the test body's exceptions itself.
    bytes.clear();
  }
  std::fflush(nullptr);
  write_all(result_w, bytes);
  ::close(result_w);
  // _exit, not exit: the parent's atexit handlers and static destructors (googletest's, the
  // CLI's) are not the child's to run. ThreadSanitizer still applies its exit code (66).
  ::_exit(0);
}

// ThreadSanitizer starts one thread of its own with the process's first pthread_create, and
// stops and restarts it around fork() itself; it is not the caller's, so it is not counted.
#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define RACELAB_HARNESS_TSAN 1
#endif
#endif
#if defined(__SANITIZE_THREAD__) || defined(RACELAB_HARNESS_TSAN)
constexpr int kRuntimeThreads = 1;
#else
constexpr int kRuntimeThreads = 0;
#endif

void set_nonblocking(int fd) { ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK); }

}  // namespace

void require_single_threaded(const char* who) {
  DIR* dir = ::opendir("/proc/self/task");
  if (dir == nullptr) return;  // no procfs: nothing to check with
  int threads = 0;
  while (const dirent* e = ::readdir(dir)) threads += e->d_name[0] != '.';
  ::closedir(dir);
  if (threads > 1 + kRuntimeThreads) {
    throw std::logic_error(std::string(who) + ": the calling process runs " +
                           std::to_string(threads) +
                           " threads; fork() from a multi-threaded process can leave locks held "
                           "forever in the child. Join every thread before running trials.");
  }
}

ChildProcess::ChildProcess(int index, const std::function<std::string()>& body,
                           Clock::duration timeout, std::size_t max_output)
    : index_(index), max_output_(max_output) {
  int result_pipe[2];
  int output_pipe[2];
  if (::pipe2(result_pipe, O_CLOEXEC) != 0) throw_errno("racelab harness: pipe");
  if (::pipe2(output_pipe, O_CLOEXEC) != 0) {
    const int saved = errno;
    ::close(result_pipe[0]);
    ::close(result_pipe[1]);
    errno = saved;
    throw_errno("racelab harness: pipe");
  }
  // Buffered output of the parent would otherwise be written twice, once by each process.
  std::fflush(nullptr);
  start_ = Clock::now();
  deadline_ = start_ + timeout;
  const pid_t parent = ::getpid();
  pid_ = ::fork();
  if (pid_ < 0) {
    const int saved = errno;
    for (int fd : {result_pipe[0], result_pipe[1], output_pipe[0], output_pipe[1]}) ::close(fd);
    errno = saved;
    throw_errno("racelab harness: fork");
  }
  if (pid_ == 0) {
    ::close(result_pipe[0]);
    ::close(output_pipe[0]);
    contain(parent, timeout);
    child_main(result_pipe[1], output_pipe[1], body);
  }
  // The parent keeps only the read ends: end of file then means the child (and only it) is done.
  ::close(result_pipe[1]);
  ::close(output_pipe[1]);
  result_fd_ = result_pipe[0];
  output_fd_ = output_pipe[0];
  set_nonblocking(result_fd_);
  set_nonblocking(output_fd_);
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
  }
  if (result_fd_ >= 0) ::close(result_fd_);
  if (output_fd_ >= 0) ::close(output_fd_);
}

void ChildProcess::add_poll_fds(std::vector<pollfd>& fds) const {
  if (result_fd_ >= 0) fds.push_back({result_fd_, POLLIN, 0});
  if (output_fd_ >= 0) fds.push_back({output_fd_, POLLIN, 0});
}

void ChildProcess::read_fd(int& fd, std::string& into, std::size_t limit, bool& truncated) {
  char buf[65536];
  while (fd >= 0) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return;  // EAGAIN: nothing more for now
    if (n == 0) {
      ::close(fd);
      fd = -1;
      return;
    }
    const std::size_t room = into.size() < limit ? limit - into.size() : 0;
    const std::size_t keep =
        static_cast<std::size_t>(n) < room ? static_cast<std::size_t>(n) : room;
    into.append(buf, keep);
    truncated |= keep < static_cast<std::size_t>(n);
  }
}

void ChildProcess::read_available() {
  read_fd(result_fd_, result_, kMaxResultBytes, result_truncated_);
  read_fd(output_fd_, output_, max_output_, output_truncated_);
}

void ChildProcess::reaped(int status, Clock::time_point now) {
  status_ = status;
  end_ = now;
  pid_ = -1;
  // The child is gone, so whatever it wrote is in the pipes now: read it to the end.
  read_available();
}

bool ChildProcess::try_finish(Clock::time_point now) {
  if (pid_ < 0) return true;
  // A child that ended by itself is never counted as a timeout, however late we look.
  int status = 0;
  if (::waitpid(pid_, &status, WNOHANG) == pid_) {
    reaped(status, Clock::now());
    return true;
  }
  if (now < deadline_) return false;
  timed_out_ = true;
  ::kill(pid_, SIGKILL);
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  reaped(status, now);
  return true;
}

Clock::duration ChildProcess::time_to_next_check(Clock::time_point now) const {
  if (pid_ < 0) return Clock::duration::zero();
  // Pipes closed but not reaped yet: the child is between close and exit; look again soon.
  if (result_fd_ < 0 && output_fd_ < 0) return std::chrono::milliseconds(1);
  return deadline_ > now ? deadline_ - now : Clock::duration::zero();
}

TrialResult ChildProcess::result() const {
  TrialResult r;
  r.index = index_;
  r.output = output_;
  r.output_truncated = output_truncated_;
  r.elapsed = std::chrono::duration_cast<std::chrono::microseconds>(end_ - start_);
  r.sanitizer_reports = find_sanitizer_reports(output_);
  if (WIFEXITED(status_)) r.exit_code = WEXITSTATUS(status_);
  if (WIFSIGNALED(status_)) r.signal = WTERMSIG(status_);

  // Its own alarm (kChildGrace after the deadline): the parent could not kill it in time.
  if (timed_out_ || (WIFSIGNALED(status_) && WTERMSIG(status_) == SIGALRM)) {
    r.ending = Ending::timed_out;
    r.signal = 0;  // our SIGKILL, not the child's doing
  } else if (WIFSIGNALED(status_)) {
    r.ending = Ending::crashed;
  } else if (auto report = result_truncated_ ? std::nullopt : decode(result_)) {
    r.ending = Ending::completed;
    r.report = std::move(report);
  } else {
    r.ending = Ending::exited;
  }
  return r;
}

}  // namespace racelab::harness::detail
