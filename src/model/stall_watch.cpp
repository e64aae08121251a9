// The watchdog of stall_watch.hpp: a thread per explore() call, looking twice a second.
#include "model/stall_watch.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "common/real_threads.hpp"
#include "racelab/internal/text.hpp"

namespace racelab::model::detail {

std::atomic<std::uint64_t> g_steps{0};
std::atomic<const char*> g_step_file{nullptr};
std::atomic<std::uint64_t> g_step_what{0};

namespace {

constexpr long kMaxSeconds = 86'400;
constexpr int kExitNoVerdict = 3;

std::atomic<long> g_exit_default{kStallExitSeconds};

// A whole number of seconds from 0 to a day in variable `name`, else `fallback` (unset or empty:
// silently; anything else: said once per variable on stderr).
long seconds_from(const char* name, long fallback, std::once_flag& said) {
  const char* text = std::getenv(name);
  if (text == nullptr || *text == '\0') return fallback;
  char* end = nullptr;
  const long n = std::strtol(text, &end, 10);
  if (*text >= '0' && *text <= '9' && *end == '\0' && n <= kMaxSeconds) return n;
  std::call_once(said, [name, text, fallback] {
    std::fprintf(stderr,
                 "racelab::model: %s='%s' is not a whole number of seconds from 0 to %ld; "
                 "using %ld\n",
                 name, text, kMaxSeconds, fallback);
  });
  return fallback;
}

// The last step beat(thread, kind, loc) recorded, read once the steps stopped.
struct LastStep {
  bool known = false;
  int thread = 0;
  OpKind kind = OpKind::yield;
  source_loc loc;
};

LastStep last_step() {
  LastStep s;
  const std::uint64_t what = g_step_what.load(std::memory_order_relaxed);
  if ((what >> 63) == 0) return s;
  s.known = true;
  s.thread = static_cast<int>((what >> 40) & 0xFFFF);
  s.kind = static_cast<OpKind>((what >> 32) & 0xFF);
  const char* file = g_step_file.load(std::memory_order_relaxed);
  s.loc = source_loc{file != nullptr ? file : "", static_cast<int>(what & 0xFFFFFFFF)};
  return s;
}

// Where to look, from the last step recorded, or "" when none was:
//   "the last step was Thread-1's store at 01-lost-update/page_counter.hpp:19: what blocks is
//    that thread's code after it, up to its next racelab::sync operation"
//   "the last thread to run was Thread-2, just started: what blocks is its code up to its first
//    racelab::sync operation"  (a thread's start, beat(id, OpKind::start, {}))
std::string last_step_words() {
  const LastStep s = last_step();
  if (!s.known) return "";
  if (s.kind == OpKind::start) {
    return "the last thread to run was " + thread_number_name(s.thread) +
           ", just started: what blocks is its code up to its first racelab::sync operation";
  }
  std::string out = "the last step was " + thread_number_name(s.thread) + "'s " + to_string(s.kind);
  if (s.loc.file[0] != '\0' && s.loc.line > 0) {
    out += " at " + std::string(s.loc.short_file()) + ":" + std::to_string(s.loc.line);
  }
  out += ": what blocks is that thread's code after it, up to its next racelab::sync operation";
  if (s.kind == OpKind::spawn) out += " (or the new thread's, up to its first)";
  return out;
}

// Writes all of `text` to stderr without taking stderr's lock: the blocked thread may hold it.
void write_stderr(const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(STDERR_FILENO, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<std::size_t>(n);
  }
}

// Flushes `f` unless another thread holds it (the blocked one may be in the middle of a write).
void flush_if_free(std::FILE* f) {
  if (ftrylockfile(f) != 0) return;
  std::fflush(f);
  funlockfile(f);
}

// `real`: threads racelab::sync's real mapping started since the watch began. Then the likeliest
// cause is a body compiled without RACELAB_BACKEND_MODEL: its threads are OS threads that the
// model never schedules, and a join of one that deadlocked blocks the exploring thread.
void say_stalled(const StallLimits& limits, std::uint64_t real) {
  const std::string ends = limits.exit_seconds > 0
                               ? " After " + std::to_string(limits.exit_seconds) +
                                     " s without a step the process ends with exit code 3 "
                                     "(RACELAB_STALL_EXIT_SECONDS=N sets when, 0 never)."
                               : "";
  const std::string seconds = std::to_string(limits.say_seconds);
  flush_if_free(stderr);
  if (real > 0) {
    write_stderr("racelab::model: no step for " + seconds + " s, and the body started " +
                 std::to_string(real) +
                 " thread(s) with racelab::sync's real mapping (OS threads the model does not "
                 "schedule): the code under test was compiled without RACELAB_BACKEND_MODEL, so "
                 "what blocks is a real thread (a join, a lock, a wait); compile it with "
                 "RACELAB_BACKEND_MODEL defined (racelab_add_model_test does). "
                 "RACELAB_STALL_SECONDS=N sets when this is said, 0 never." +
                 ends + "\n");
    return;
  }
  const std::string where = last_step_words();
  write_stderr("racelab::model: no step for " + seconds +
               " s: a thread of the body seems blocked outside racelab::sync (a std::mutex held "
               "across a facade operation, a sleep, I/O, a real std::thread) — every thread of "
               "an execution runs on this one OS thread, so one that blocks it stops them all "
               "and the exploration cannot go on; share state only through racelab::sync." +
               (where.empty() ? "" : " Look here: " + where + ".") +
               " (A body that computes for a long time between two facade operations looks the "
               "same; RACELAB_STALL_SECONDS=N sets when this is said, 0 never.)" +
               ends + "\n");
}

// One line, then exit 3: no verdict, and why.
[[noreturn]] void end_stalled(long seconds, std::uint64_t real) {
  std::string line = "racelab::model: no verdict: no step for " + std::to_string(seconds) + " s";
  if (real > 0) {
    line += ", and the body started " + std::to_string(real) +
            " thread(s) with racelab::sync's real mapping, which the model does not schedule: "
            "compile the code under test with RACELAB_BACKEND_MODEL defined "
            "(racelab_add_model_test does)";
  } else {
    const std::string where = last_step_words();
    line +=
        " — a thread of the body is blocked outside racelab::sync (a std::mutex held across a "
        "racelab::sync operation, a sleep, I/O, a real thread's join?) and stops every thread "
        "of the execution, which all run on one OS thread";
    if (!where.empty()) line += "; " + where;
    line += "; use racelab::sync's mutex, condition_variable and thread instead";
  }
  line += ". RACELAB_STALL_EXIT_SECONDS=N waits N s before ending, 0 never.\n";
  flush_if_free(stdout);
  flush_if_free(stderr);
  write_stderr(line);
  ::_exit(kExitNoVerdict);
}

}  // namespace

long stall_exit_default() noexcept { return g_exit_default.load(std::memory_order_relaxed); }

StallExitDefault::StallExitDefault(long seconds) noexcept
    : before_(g_exit_default.exchange(std::clamp(seconds, 0L, kMaxSeconds))) {}

StallExitDefault::~StallExitDefault() { g_exit_default.store(before_); }

StallLimits stall_limits_from_environment() {
  static std::once_flag said_say;
  static std::once_flag said_exit;
  StallLimits l;
  l.say_seconds = seconds_from("RACELAB_STALL_SECONDS", l.say_seconds, said_say);
  l.exit_seconds = seconds_from("RACELAB_STALL_EXIT_SECONDS", stall_exit_default(), said_exit);
  return l;
}

StallWatch::StallWatch(StallLimits limits)
    : real_before_(racelab::detail::real_threads_started_anywhere()) {
  g_step_what.store(0, std::memory_order_relaxed);  // a step of an earlier exploration is no clue
  if (limits.say_seconds > 0 || limits.exit_seconds > 0) {
    thread_ = std::thread([this, limits] { watch(limits); });
  }
}

StallWatch::~StallWatch() {
  if (!thread_.joinable()) return;
  {
    const std::lock_guard<std::mutex> g(m_);
    stop_ = true;
  }
  cv_.notify_one();
  thread_.join();
}

void StallWatch::watch(StallLimits limits) {
  using namespace std::chrono_literals;
  using Clock = std::chrono::steady_clock;
  // A look counts at most this much still time: a stopped process (a debugger, SIGSTOP) does not
  // come back to a stall it never saw.
  constexpr Clock::duration kMostPerLook = 1s;
  const std::uint64_t real_before = real_before_;
  std::uint64_t last = g_steps.load(std::memory_order_relaxed);
  auto last_look = Clock::now();
  Clock::duration still{0};
  bool said = false;
  std::unique_lock<std::mutex> lock(m_);
  while (!cv_.wait_for(lock, 500ms, [this] { return stop_; })) {
    const std::uint64_t now_steps = g_steps.load(std::memory_order_relaxed);
    const auto now = Clock::now();
    const auto since_look = now - last_look;
    last_look = now;
    if (now_steps != last) {
      last = now_steps;
      still = Clock::duration{0};
      said = false;
      continue;
    }
    still += std::min(since_look, kMostPerLook);
    const std::uint64_t real = racelab::detail::real_threads_started_anywhere() - real_before;
    if (limits.exit_seconds > 0 && still >= std::chrono::seconds(limits.exit_seconds)) {
      end_stalled(limits.exit_seconds, real);
    }
    if (limits.say_seconds > 0 && !said && still >= std::chrono::seconds(limits.say_seconds)) {
      say_stalled(limits, real);
      said = true;
    }
  }
}

}  // namespace racelab::model::detail
