// counting_semaphore / binary_semaphore: signalling before the work is done; a pool of slots.
#pragma once

#include "example.hpp"

namespace racelab::docs_examples {

// [doc:early-signal]
void early_signal() {
  sync::binary_semaphore done{"done", 0};
  sync::var<int> result{"result", 0};
  sync::thread worker("worker", [&] {
    done.release();  // signals first ...
    result = 42;     // ... and writes the result after
  });
  done.acquire();
  sync::check(result == 42, "the result is ready");
  worker.join();
}
// [end:early-signal]

// [doc:early-signal-fixed]
void early_signal_fixed() {
  sync::binary_semaphore done{"done", 0};
  sync::var<int> result{"result", 0};
  sync::thread worker("worker", [&] {
    result = 42;
    done.release();  // release happens-before the acquire it lets through
  });
  done.acquire();
  sync::check(result == 42, "the result is ready");
  worker.join();
}
// [end:early-signal-fixed]

// [doc:forgotten-release]
void forgotten_release() {
  sync::counting_semaphore<2> slots{"slots", 2};
  auto use_slot = [&](bool fails) {
    slots.acquire();
    if (fails) return;  // the early return skips the release
    slots.release();
  };
  sync::thread a("job", [&] { use_slot(true); });
  sync::thread b("job", [&] { use_slot(true); });
  sync::thread c("job", [&] { use_slot(false); });
  a.join();
  b.join();
  c.join();
}
// [end:forgotten-release]

// [doc:forgotten-release-fixed]
void forgotten_release_fixed() {
  sync::counting_semaphore<2> slots{"slots", 2};
  auto use_slot = [&](bool fails) {
    slots.acquire();
    if (fails) {
      slots.release();
      return;
    }
    slots.release();
  };
  sync::thread a("job", [&] { use_slot(true); });
  sync::thread b("job", [&] { use_slot(true); });
  sync::thread c("job", [&] { use_slot(false); });
  a.join();
  b.join();
  c.join();
}
// [end:forgotten-release-fixed]

inline const Example semaphore_examples[] = {
    {.name = "early-signal",
     .body = early_signal,
     .ids = {"assertion", "data-race"},
     .spurious_wakeups = 1},
    {.name = "early-signal-fixed", .body = early_signal_fixed, .ids = {}, .spurious_wakeups = 1},
    {.name = "forgotten-release",
     .body = forgotten_release,
     .ids = {"deadlock"},
     .spurious_wakeups = 1},
    {.name = "forgotten-release-fixed",
     .body = forgotten_release_fixed,
     .ids = {},
     .spurious_wakeups = 1},
};

}  // namespace racelab::docs_examples
