#include <atomic>
#include <chrono>
#include <cstdint>
#include <thread>

#include "racelab/python_errors.hpp"
#include "racelab/sync/real.hpp"
#include "racelab/thread_exceptions.hpp"
#include "real_threads.hpp"  // src/common

namespace racelab::sync::inline real {
namespace {
// Relaxed: the number only has to be unique; it must not order threads for ThreadSanitizer.
std::atomic<int> g_next_thread{1};
thread_local std::string t_name = "MainThread";
thread_local std::uint64_t t_threads_started = 0;  // real_threads_started_here()
std::atomic<std::uint64_t> g_threads_started{0};   // real_threads_started_anywhere()
}  // namespace

namespace detail {
// Called by every sync::thread constructor (both forms), on the thread that constructs it.
int next_thread_number() noexcept {
  ++t_threads_started;
  g_threads_started.fetch_add(1, std::memory_order_relaxed);
  return g_next_thread.fetch_add(1, std::memory_order_relaxed);
}
const std::string& current_thread_name() noexcept { return t_name; }
void set_current_thread_name(std::string name) { t_name = std::move(name); }
void check_failed(const char* message, source_loc loc) {
  record_thread_exception(
      t_name, PythonError("AssertionError", std::string(message) + " (" + loc.short_file() + ":" +
                                                std::to_string(loc.line) + ")"));
}
}  // namespace detail

std::atomic<int> detail::g_noise_percent{0};

void set_noise(int percent) noexcept {
  detail::g_noise_percent.store(percent < 0     ? 0
                                : percent > 100 ? 100
                                                : percent,
                                std::memory_order_relaxed);
}

void detail::noise_point() noexcept {
  // xorshift64*, one state per thread: no shared state, no sync. Seeded from the thread's address
  // and the clock, not the address alone: each trial is a fork of one parent, so its threads
  // get the same addresses in every trial, and the same noise would repeat trial after trial.
  thread_local std::uint64_t state =
      (reinterpret_cast<std::uintptr_t>(&state) ^
       static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()) *
           0x9E3779B97F4A7C15ULL) |
      1;
  state ^= state >> 12;
  state ^= state << 25;
  state ^= state >> 27;
  const std::uint64_t r = state * 0x2545F4914F6CDD1DULL;
  if (static_cast<int>(r % 100) >= g_noise_percent.load(std::memory_order_relaxed)) return;
  // A yield alone rarely lets the other core catch up; a sleep of up to 200 µs does: it opens
  // the window between a check and its act wide enough for another thread to run through it.
  std::this_thread::sleep_for(std::chrono::microseconds((r >> 40) % 200));
}

void reset_thread_numbering() noexcept { g_next_thread.store(1, std::memory_order_relaxed); }

}  // namespace racelab::sync::inline real

std::uint64_t racelab::detail::real_threads_started_here() noexcept {
  return racelab::sync::real::t_threads_started;
}

std::uint64_t racelab::detail::real_threads_started_anywhere() noexcept {
  return racelab::sync::real::g_threads_started.load(std::memory_order_relaxed);
}
