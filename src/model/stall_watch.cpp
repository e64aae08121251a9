// The watchdog of stall_watch.hpp: a thread per explore() call, polling twice a second.
#include "model/stall_watch.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "common/real_threads.hpp"

namespace racelab::model::detail {

std::atomic<std::uint64_t> g_steps{0};

namespace {

constexpr long kDefaultSeconds = 10;
constexpr long kMaxSeconds = 86'400;

// RACELAB_STALL_SECONDS: a whole number of seconds from 0 (no watchdog) to a day. Anything else
// is said once on stderr, and the default applies.
long stall_seconds() {
  const char* text = std::getenv("RACELAB_STALL_SECONDS");
  if (text == nullptr || *text == '\0') return kDefaultSeconds;
  char* end = nullptr;
  const long n = std::strtol(text, &end, 10);
  if (*text >= '0' && *text <= '9' && *end == '\0' && n <= kMaxSeconds) return n;
  static std::once_flag said;
  std::call_once(said, [text] {
    std::fprintf(stderr,
                 "racelab::model: RACELAB_STALL_SECONDS='%s' is not a whole number of seconds "
                 "from 0 to %ld; using %ld\n",
                 text, kMaxSeconds, kDefaultSeconds);
  });
  return kDefaultSeconds;
}

// `real`: threads racelab::sync's real mapping started since the watch began. Then the likeliest
// cause is a body compiled without RACELAB_BACKEND_MODEL: its threads are OS threads that the
// model never schedules, and a join of one that deadlocked blocks the exploring thread.
void say_stalled(long seconds, std::uint64_t real) {
  if (real > 0) {
    std::fprintf(stderr,
                 "racelab::model: no step for %ld s, and the body started %llu thread(s) with "
                 "racelab::sync's real mapping (OS threads the model does not schedule): the code "
                 "under test was compiled without RACELAB_BACKEND_MODEL, so what blocks is a real "
                 "thread (a join, a lock, a wait); compile it with RACELAB_BACKEND_MODEL defined "
                 "(racelab_add_model_test does). RACELAB_STALL_SECONDS=N sets when this is said, "
                 "0 never.\n",
                 seconds, static_cast<unsigned long long>(real));
    std::fflush(stderr);
    return;
  }
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

}  // namespace

StallWatch::StallWatch() : real_before_(racelab::detail::real_threads_started_anywhere()) {
  const long seconds = stall_seconds();
  if (seconds > 0) thread_ = std::thread([this, seconds] { watch(seconds); });
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

void StallWatch::watch(long seconds) {
  using namespace std::chrono_literals;
  const std::uint64_t real_before = real_before_;
  std::uint64_t last = g_steps.load(std::memory_order_relaxed);
  auto still_since = std::chrono::steady_clock::now();
  bool said = false;
  std::unique_lock<std::mutex> lock(m_);
  while (!cv_.wait_for(lock, 500ms, [this] { return stop_; })) {
    const std::uint64_t now_steps = g_steps.load(std::memory_order_relaxed);
    const auto now = std::chrono::steady_clock::now();
    if (now_steps != last) {
      last = now_steps;
      still_since = now;
      said = false;
    } else if (!said && now - still_since >= std::chrono::seconds(seconds)) {
      say_stalled(seconds, racelab::detail::real_threads_started_anywhere() - real_before);
      said = true;
    }
  }
}

}  // namespace racelab::model::detail
