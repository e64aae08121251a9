// The watchdog of stall_watch.hpp: one detached thread per process, polling twice a second.
#include "model/stall_watch.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <thread>

#include "model/foreign_thread.hpp"

namespace racelab::model::detail {

std::atomic<std::uint64_t> g_steps{0};

namespace {

// RACELAB_STALL_SECONDS: a whole number of seconds (0 turns the watchdog off); anything else,
// or unset, is the default.
long stall_seconds() {
  constexpr long kDefault = 10;
  const char* text = std::getenv("RACELAB_STALL_SECONDS");
  if (text == nullptr || *text == '\0') return kDefault;
  char* end = nullptr;
  const long n = std::strtol(text, &end, 10);
  return *end == '\0' && n >= 0 && n <= 86'400 ? n : kDefault;
}

void say_stalled(long seconds) {
  std::fprintf(stderr,
               "racelab::model: no step for %ld s: a thread of the body seems blocked outside "
               "racelab::sync (a std::mutex held across a facade operation, a sleep, I/O, a "
               "real std::thread) — every thread of an execution runs on this one OS thread, "
               "so one that blocks it stops them all and the exploration cannot go on; share "
               "state only through racelab::sync. (A body that computes for a long time between "
               "two facade operations looks the same; RACELAB_STALL_SECONDS=N sets when this is "
               "said, 0 never.)\n",
               seconds);
  std::fflush(stderr);
}

void watch(long seconds) {
  using namespace std::chrono_literals;
  std::uint64_t last = g_steps.load(std::memory_order_relaxed);
  auto still_since = std::chrono::steady_clock::now();
  bool said = false;
  for (;;) {
    std::this_thread::sleep_for(500ms);
    const std::uint64_t now_steps = g_steps.load(std::memory_order_relaxed);
    const auto now = std::chrono::steady_clock::now();
    if (now_steps != last || g_explorations.load(std::memory_order_relaxed) == 0) {
      last = now_steps;
      still_since = now;
      said = false;
      continue;
    }
    if (!said && now - still_since >= std::chrono::seconds(seconds)) {
      say_stalled(seconds);
      said = true;
    }
  }
}

}  // namespace

void watch_for_stalls() {
  static std::once_flag started;
  std::call_once(started, [] {
    const long seconds = stall_seconds();
    if (seconds == 0) return;
    std::thread(watch, seconds).detach();
  });
}

}  // namespace racelab::model::detail
