// src/model/stall_watch.hpp (model-internal) — saying so when an exploration stops making steps,
// and ending the process when it has stopped for good.
//
// Every thread of an execution is a fiber on the OS thread that called explore(). A fiber that
// blocks that OS thread outside racelab::sync — a std::mutex another fiber holds across a
// facade operation, a sleep, a read from a pipe, a join of a real thread — stops every other
// fiber with it, and the exploration hangs with nothing on the screen until a CI timeout kills
// it. The engine counts its steps (beat()); while explore() runs, a watchdog thread
//   - writes one paragraph to stderr when the count has not moved for RACELAB_STALL_SECONDS
//     seconds (default 10; 0: never), and again only after it moved;
//   - ends the process when it has not moved for RACELAB_STALL_EXIT_SECONDS seconds (0: never):
//     one line on stderr, "racelab::model: no verdict: no step for N s — …", stdout flushed
//     when no other thread holds it, then _exit(3), the "no verdict" exit code. The default is
//     stall_exit_default(): kStallExitSeconds (120 s) for any explore(), model tests included,
//     unless a StallExitDefault says otherwise (racelab grade: 60 s, src/course/grade.cpp).
// A body may also compute for a long time between two steps, which looks the same: hence a
// paragraph first and an end only much later. Both count the time the watchdog saw pass, at
// most a second per look, so a process stopped in a debugger or by SIGSTOP does not end when it
// goes on.
//
// beat(thread, kind, loc) also records the step's thread, operation and call site, and
// beat(thread, OpKind::start, {}) that a thread starts running (up to its first operation): the
// words then name the last of them before the stall, the place to look ("the last step was
// Thread-1's store at 01-lost-update/page_counter.hpp:19: what blocks is that thread's code after
// it"). With plain beat() they cannot.
//
// The watchdog lives exactly as long as its StallWatch: a process that forks (racelab::harness's
// trials refuse a multi-threaded parent, and ThreadSanitizer cannot start threads in the child of
// one) is single-threaded again once explore() has returned.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "racelab/model/trace.hpp"
#include "racelab/source_loc.hpp"

namespace racelab::model::detail {

// Steps taken by every exploration of the process so far (relaxed: only "did it move" matters).
extern std::atomic<std::uint64_t> g_steps;
// The last step beat(thread, kind, loc) recorded: its call site's file, and its line, kind and
// thread packed (stall_watch.cpp: 0 = none recorded since the watch began).
extern std::atomic<const char*> g_step_file;
extern std::atomic<std::uint64_t> g_step_what;

// One more step. A load and a store, not a locked increment: one OS thread explores with an
// engine in the usual case, and a count lost between two is still a move.
inline void beat() noexcept {
  g_steps.store(g_steps.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
}

// One more step, by thread `thread` (0 = MainThread), performing `kind` called at `loc`; or, with
// OpKind::start, the thread starts running: two more relaxed stores, read only when steps stop.
inline void beat(int thread, OpKind kind, source_loc loc) noexcept {
  g_step_file.store(loc.file, std::memory_order_relaxed);
  g_step_what.store((std::uint64_t{1} << 63) |
                        (static_cast<std::uint64_t>(static_cast<std::uint16_t>(thread)) << 40) |
                        (static_cast<std::uint64_t>(static_cast<std::uint8_t>(kind)) << 32) |
                        static_cast<std::uint32_t>(loc.line),
                    std::memory_order_relaxed);
  beat();
}

// The seconds a watch waits: to say the paragraph, to end the process. 0: never.
struct StallLimits {
  long say_seconds = 10;
  long exit_seconds = 120;
};

// The library's end of a stall: 2 minutes, model tests included. A body explored thousands of
// times does not compute that long between two steps, and it is well before CTest's 300 s
// timeout of a model test (racelab_add_model_test), which ends it later and says less.
inline constexpr long kStallExitSeconds = 120;

// RACELAB_STALL_EXIT_SECONDS's default: the innermost live StallExitDefault's, else
// kStallExitSeconds.
long stall_exit_default() noexcept;

// For its lifetime, explorations started without RACELAB_STALL_EXIT_SECONDS in the environment
// end a stall after `seconds` (0: never) instead; the one before is back when it is destroyed.
// Process-wide: set it on the thread that explores, around the explorations it is meant for.
class StallExitDefault {
 public:
  explicit StallExitDefault(long seconds) noexcept;
  ~StallExitDefault();
  StallExitDefault(const StallExitDefault&) = delete;
  StallExitDefault& operator=(const StallExitDefault&) = delete;

 private:
  long before_;
};

// RACELAB_STALL_SECONDS and RACELAB_STALL_EXIT_SECONDS: whole numbers of seconds from 0 to a day.
// Unset or empty: the defaults (10, stall_exit_default()). Anything else is said once on stderr,
// and the default applies.
StallLimits stall_limits_from_environment();

// The watchdog of one explore() call: started by the constructor (unless both limits are 0),
// stopped and joined by the destructor.
class StallWatch {
 public:
  StallWatch() : StallWatch(stall_limits_from_environment()) {}
  explicit StallWatch(StallLimits limits);
  ~StallWatch();
  StallWatch(const StallWatch&) = delete;
  StallWatch& operator=(const StallWatch&) = delete;

 private:
  void watch(StallLimits limits);

  std::mutex m_;
  std::condition_variable cv_;
  bool stop_ = false;              // guarded by m_
  std::uint64_t real_before_ = 0;  // real_threads_started_anywhere() when the watch began
  std::thread thread_;
};

}  // namespace racelab::model::detail
