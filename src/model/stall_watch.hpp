// src/model/stall_watch.hpp (model-internal) — saying so when an exploration stops making steps.
//
// Every thread of an execution is a fiber on the OS thread that called explore(). A fiber that
// blocks that OS thread outside racelab::sync — a std::mutex another fiber holds across a
// facade operation, a sleep, a read from a pipe, a join of a real thread — stops every other
// fiber with it, and the exploration hangs with nothing on the screen until a CI timeout kills
// it. The engine counts its steps (beat()); while explore() runs, a watchdog thread writes one
// paragraph to stderr when the count has not moved for RACELAB_STALL_SECONDS seconds (default
// 10; 0: no watchdog), and again only after it moved. It never stops the process: a body may
// also compute for a long time between two steps.
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

namespace racelab::model::detail {

// Steps taken by every exploration of the process so far (relaxed: only "did it move" matters).
extern std::atomic<std::uint64_t> g_steps;

// One more step. A load and a store, not a locked increment: one OS thread explores with an
// engine in the usual case, and a count lost between two is still a move.
inline void beat() noexcept {
  g_steps.store(g_steps.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
}

// The watchdog of one explore() call: started by the constructor (unless RACELAB_STALL_SECONDS
// is 0), stopped and joined by the destructor.
class StallWatch {
 public:
  StallWatch();
  ~StallWatch();
  StallWatch(const StallWatch&) = delete;
  StallWatch& operator=(const StallWatch&) = delete;

 private:
  void watch(long seconds);

  std::mutex m_;
  std::condition_variable cv_;
  bool stop_ = false;              // guarded by m_
  std::uint64_t real_before_ = 0;  // real_threads_started_anywhere() when the watch began
  std::thread thread_;
};

}  // namespace racelab::model::detail
