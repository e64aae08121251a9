// src/model/stall_watch.hpp (model-internal) — saying so when an exploration stops making steps.
//
// Every thread of an execution is a fiber on the OS thread that called explore(). A fiber that
// blocks that OS thread outside racelab::sync — a std::mutex another fiber holds across a
// facade operation, a sleep, a read from a pipe, a join of a real thread — stops every other
// fiber with it, and the exploration hangs with nothing on the screen until a CI timeout kills
// it. The engine counts its steps (beat()); a watchdog thread, started with the first
// exploration, writes one paragraph to stderr when the count has not moved for
// RACELAB_STALL_SECONDS seconds (default 10; 0: no watchdog) while an exploration is in
// progress, and again only after it moved. It never stops the process: a body may also just
// compute for a long time between two steps.
#pragma once

#include <atomic>
#include <cstdint>

namespace racelab::model::detail {

// Steps taken by every exploration of the process so far (relaxed: only "did it move" matters).
extern std::atomic<std::uint64_t> g_steps;

// One more step. A load and a store, not a locked increment: only one OS thread explores with
// an engine at a time in the usual case, and a lost count between two is still a move.
inline void beat() noexcept {
  g_steps.store(g_steps.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
}

// Starts the watchdog once per process (explore() calls it); later calls do nothing.
void watch_for_stalls();

}  // namespace racelab::model::detail
