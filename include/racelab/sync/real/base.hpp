// racelab/sync/real/base.hpp — what every part of the real mapping shares: thread numbering and
// names, and the noise switch. Part of racelab/sync/real.hpp; include racelab/sync.hpp.
#pragma once

#include <atomic>
#include <string>

#include "racelab/source_loc.hpp"

#define RACELAB_BACKEND_NAME real

namespace racelab::sync::inline real {

namespace detail {
// Python numbers threads Thread-1, Thread-2, ... per process; so does this backend.
int next_thread_number() noexcept;
// The name of the calling thread, as given by sync::thread ("MainThread" elsewhere).
const std::string& current_thread_name() noexcept;
void set_current_thread_name(std::string name);
// sync::check's failure: recorded as an AssertionError escaping the calling thread.
void check_failed(const char* message, source_loc loc);
}  // namespace detail

// Starts Python-style numbering again at Thread-1 (a harness calls it between trials).
void reset_thread_numbering() noexcept;

// Noise injection (`racelab stress --noise P`): at P% of facade operations the calling thread
// pauses for 0-200 µs, shaking real-thread interleavings the way a loaded machine would, so rare
// ones become common. Off (0) by default, at the cost of one relaxed atomic load per operation. The
// load is relaxed on purpose: it creates no happens-before edge that could hide a race from
// ThreadSanitizer. Set it in a trial's process before the scenario starts its threads.
#define RACELAB_REAL_NOISE 1
void set_noise(int percent) noexcept;

namespace detail {
extern std::atomic<int> g_noise_percent;
void noise_point() noexcept;  // real_backend.cpp: a per-thread PRNG decides; then pauses
inline void maybe_noise() noexcept {
  if (g_noise_percent.load(std::memory_order_relaxed) != 0) noise_point();
}
}  // namespace detail

}  // namespace racelab::sync::inline real
