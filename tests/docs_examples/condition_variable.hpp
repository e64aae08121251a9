// condition_variable: the lost wake-up, the wait that does not loop, and their fixes.
#pragma once

#include "example.hpp"

namespace racelab::docs_examples {

// [doc:lost-wakeup]
void lost_wakeup() {
  sync::mutex m{"m"};
  sync::condition_variable cv{"cv"};
  sync::atomic<bool> ready{"ready", false};
  sync::thread consumer("consumer", [&] {
    sync::unique_lock<sync::mutex> lk(m);
    while (!ready) cv.wait(lk);
  });
  sync::thread producer("producer", [&] {
    ready = true;  // not under m: it can land between the consumer's check and its wait
    cv.notify_one();
  });
  consumer.join();
  producer.join();
}
// [end:lost-wakeup]

// [doc:lost-wakeup-fixed]
void lost_wakeup_fixed() {
  sync::mutex m{"m"};
  sync::condition_variable cv{"cv"};
  sync::atomic<bool> ready{"ready", false};
  sync::thread consumer("consumer", [&] {
    sync::unique_lock<sync::mutex> lk(m);
    while (!ready) cv.wait(lk);
  });
  sync::thread producer("producer", [&] {
    {
      sync::lock_guard hold(m);  // the consumer is either before its check or inside wait
      ready = true;
    }
    cv.notify_one();
  });
  consumer.join();
  producer.join();
}
// [end:lost-wakeup-fixed]

// [doc:wait-without-loop]
void wait_without_loop() {
  sync::mutex m{"m"};
  sync::condition_variable cv{"cv"};
  sync::var<bool> ready{"ready", false};
  sync::thread consumer("consumer", [&] {
    sync::unique_lock<sync::mutex> lk(m);
    if (!ready) cv.wait(lk);  // `if`, not `while`: a spurious wake-up gets through
    sync::check(ready, "woken only when ready");
  });
  sync::thread producer("producer", [&] {
    {
      sync::lock_guard hold(m);
      ready = true;
    }
    cv.notify_one();
  });
  consumer.join();
  producer.join();
}
// [end:wait-without-loop]

// [doc:wait-fixed]
void wait_fixed() {
  sync::mutex m{"m"};
  sync::condition_variable cv{"cv"};
  sync::var<bool> ready{"ready", false};
  sync::thread consumer("consumer", [&] {
    sync::unique_lock<sync::mutex> lk(m);
    cv.wait(lk, [&] { return ready.get(); });  // re-checks under the lock, before and after
    sync::check(ready, "woken only when ready");
  });
  sync::thread producer("producer", [&] {
    {
      sync::lock_guard hold(m);
      ready = true;
    }
    cv.notify_one();
  });
  consumer.join();
  producer.join();
}
// [end:wait-fixed]

inline const Example condition_variable_examples[] = {
    {.name = "lost-wakeup", .body = lost_wakeup, .ids = {"deadlock"}, .spurious_wakeups = 1},
    {.name = "lost-wakeup", .body = lost_wakeup, .ids = {"deadlock"}, .spurious_wakeups = 0},
    {.name = "lost-wakeup-fixed", .body = lost_wakeup_fixed, .ids = {}, .spurious_wakeups = 1},
    {.name = "lost-wakeup-fixed", .body = lost_wakeup_fixed, .ids = {}, .spurious_wakeups = 0},
    {.name = "wait-without-loop",
     .body = wait_without_loop,
     .ids = {"assertion"},
     .spurious_wakeups = 1},
    {.name = "wait-fixed", .body = wait_fixed, .ids = {}, .spurious_wakeups = 1},
};

}  // namespace racelab::docs_examples
