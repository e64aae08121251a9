// tests/model/stall_exit_demo.cpp — not a test by itself: bodies for StallExit.*
// (stall_exit_test.cpp) to run as processes of their own, since the stall watchdog ends a stalled
// process with _exit(3).
//
//   mutex           a std::mutex held across a facade operation, the other thread locking it on
//                   the same OS thread: it never ends by itself. Prints "exploring" on stdout
//                   first, unflushed (a pipe buffers it): the watchdog flushes it before it ends.
//   scoped-default  the same under a StallExitDefault of 1 s (what racelab grade does with 60).
//   compute         a thread that computes 50 ms before each of 25 facade operations: 1.25 s an
//                   execution, never long without a step. Ends, exit 0, printing "explored".
//   last-step       the watchdog alone (StallWatch{0 s, 1 s}), after one beat that records a
//                   step (Thread-1's store at /src/demo/where.cpp:42), then blocked for good.
//   last-start      the same after a beat that records Thread-2's start.
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <mutex>

#include "model/stall_watch.hpp"
#include "racelab/model/explore.hpp"
#include "racelab/sync.hpp"

namespace {

int hang_on_a_std_mutex() {
  std::printf("exploring\n");  // left in stdout's buffer
  std::mutex m;                // the mistake: a std::mutex, invisible to the model
  racelab::model::Options o;
  (void)racelab::model::explore(o, [&m] {
    racelab::sync::atomic<int> x{"x", 0};
    racelab::sync::thread holder("holder", [&] {
      std::lock_guard<std::mutex> g(m);
      x.store(1);  // a scheduling point with m held
    });
    {
      std::lock_guard<std::mutex> g(m);
      x.store(2);
    }
    holder.join();
  });
  std::printf("explored\n");
  return 0;
}

// Busy for `ms` milliseconds of the steady clock: computing, not sleeping.
void compute_for(int ms) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
  volatile unsigned sink = 0;
  while (std::chrono::steady_clock::now() < until) {
    for (int i = 0; i < 1000; ++i) sink = sink * 31 + static_cast<unsigned>(i);
  }
}

int compute_between_steps() {
  racelab::model::Options o;
  o.max_schedules = 1;  // one execution: its length, not the count of schedules, is the point
  const auto report = racelab::model::explore(o, [] {
    racelab::sync::atomic<int> x{"x", 0};
    racelab::sync::thread worker("worker", [&x] {
      for (int i = 0; i < 25; ++i) {
        compute_for(50);
        x.store(i);
      }
    });
    worker.join();
  });
  std::printf("explored %zu schedule(s), %s\n", report.schedules,
              report.failure ? "a violation" : "no violation");
  return 0;
}

int record_then_block(int thread, racelab::model::OpKind kind, racelab::source_loc loc) {
  using namespace racelab::model::detail;
  const StallWatch watch(StallLimits{0, 1});
  beat(thread, kind, loc);
  for (;;) pause();  // blocked, as a body blocked on a std::mutex is
}

}  // namespace

int main(int argc, char** argv) {
  const char* mode = argc > 1 ? argv[1] : "";
  if (std::strcmp(mode, "mutex") == 0) return hang_on_a_std_mutex();
  if (std::strcmp(mode, "scoped-default") == 0) {
    const racelab::model::detail::StallExitDefault one_second(1);
    return hang_on_a_std_mutex();
  }
  if (std::strcmp(mode, "compute") == 0) return compute_between_steps();
  if (std::strcmp(mode, "last-step") == 0) {
    return record_then_block(1, racelab::model::OpKind::store, {"/src/demo/where.cpp", 42});
  }
  if (std::strcmp(mode, "last-start") == 0) {
    return record_then_block(2, racelab::model::OpKind::start, {});
  }
  std::fprintf(stderr, "usage: %s mutex|scoped-default|compute|last-step|last-start\n", argv[0]);
  return 2;
}
