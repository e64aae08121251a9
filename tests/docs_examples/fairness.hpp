// Fair scheduling: a spin on a flag nobody sets (livelock), a broken spinlock, and their fixes.
#pragma once

#include "example.hpp"

namespace racelab::docs_examples {

// [doc:spin-nobody-ends]
void spin_nobody_ends() {
  sync::atomic<bool> started{"started", false};
  sync::thread worker("worker", [&] {
    while (!started.load(std::memory_order_acquire)) sync::this_thread::yield();
  });
  // ... set-up, but `started = true` was forgotten
  worker.join();
}
// [end:spin-nobody-ends]

// [doc:spin-nobody-ends-fixed]
void spin_nobody_ends_fixed() {
  sync::atomic<bool> started{"started", false};
  sync::thread worker("worker", [&] {
    while (!started.load(std::memory_order_acquire)) sync::this_thread::yield();
  });
  started.store(true, std::memory_order_release);
  worker.join();
}
// [end:spin-nobody-ends-fixed]

// [doc:broken-spinlock]
void broken_spinlock() {
  sync::atomic<bool> locked{"locked", false};
  sync::var<int> balance{"balance", 0};
  auto deposit = [&] {
    while (locked.load()) sync::this_thread::yield();
    locked.store(true);  // both threads can get here: test, then set, is two steps
    balance = balance + 10;
    locked.store(false);
  };
  sync::thread a("deposit", deposit);
  sync::thread b("deposit", deposit);
  a.join();
  b.join();
  sync::check(balance == 20, "both deposits");
}
// [end:broken-spinlock]

// [doc:broken-spinlock-fixed]
void broken_spinlock_fixed() {
  sync::atomic<bool> locked{"locked", false};
  sync::var<int> balance{"balance", 0};
  auto deposit = [&] {
    while (locked.exchange(true, std::memory_order_acquire)) sync::this_thread::yield();
    balance = balance + 10;
    locked.store(false, std::memory_order_release);
  };
  sync::thread a("deposit", deposit);
  sync::thread b("deposit", deposit);
  a.join();
  b.join();
  sync::check(balance == 20, "both deposits");
}
// [end:broken-spinlock-fixed]

inline const Example fairness_examples[] = {
    {.name = "spin-nobody-ends",
     .body = spin_nobody_ends,
     .ids = {"livelock"},
     .spurious_wakeups = 1},
    {.name = "spin-nobody-ends-fixed",
     .body = spin_nobody_ends_fixed,
     .ids = {},
     .spurious_wakeups = 1},
    {.name = "broken-spinlock",
     .body = broken_spinlock,
     .ids = {"assertion", "data-race"},
     .spurious_wakeups = 1},
    {.name = "broken-spinlock-fixed",
     .body = broken_spinlock_fixed,
     .ids = {},
     .spurious_wakeups = 1},
};

}  // namespace racelab::docs_examples
