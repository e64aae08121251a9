// tests/textbook/memory_programs.hpp — programs 1-5: a lost update, a lost wake-up, lazy init,
// message passing, a spin-wait; then spinlocks and C++20's atomic wait/notify.
// Part of the textbook table (programs.hpp says what every body may use and what it declares).
#pragma once

#include <atomic>
#include <cstddef>
#include <mutex>

#include "racelab/sync.hpp"

namespace racelab::textbook {

namespace sync = racelab::sync;

// ---- 1. lost update: two threads add 1 to a counter ---------------------------------------

namespace lost_update {
inline void buggy_var() {  // plain data: the increments race, and one can be lost
  sync::var<int> counter{"counter", 0};
  sync::thread a("inc", [&] { counter += 1; });
  sync::thread b("inc", [&] { counter += 1; });
  a.join();
  b.join();
  sync::check(counter == 2, "counter == 2 after two increments");
}
inline void buggy_relaxed_load_store() {  // atomic, so no race, but load + store is not one step
  sync::atomic<int> counter{"counter", 0};
  auto inc = [&] {
    counter.store(counter.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
  };
  sync::thread a("inc", inc);
  sync::thread b("inc", inc);
  a.join();
  b.join();
  sync::check(counter.load() == 2, "counter == 2 after two increments");
}
inline void fetch_add() {  // one indivisible read-modify-write; relaxed is enough for a count
  sync::atomic<int> counter{"counter", 0};
  auto inc = [&] { counter.fetch_add(1, std::memory_order_relaxed); };
  sync::thread a("inc", inc);
  sync::thread b("inc", inc);
  a.join();
  b.join();
  sync::check(counter.load() == 2, "counter == 2 after two increments");
}
inline void mutex() {
  sync::mutex m{"m"};
  sync::var<int> counter{"counter", 0};
  auto inc = [&] {
    sync::lock_guard g(m);
    counter += 1;
  };
  sync::thread a("inc", inc);
  sync::thread b("inc", inc);
  a.join();
  b.join();
  sync::check(counter == 2, "counter == 2 after two increments");
}
}  // namespace lost_update

// ---- 2. lost wake-up: a waiter and a thread that sets its flag and notifies ---------------

namespace lost_wakeup {
// The flag is set and notified without the lock: between the waiter's check (false) and its
// wait, the setter can store and notify nobody; the waiter then sleeps forever and MainThread's
// join with it. (The flag is an atomic, so this is no data race: it is the protocol that fails.)
inline void buggy_unlocked_notify() {
  sync::mutex m{"m"};
  sync::condition_variable cv{"cv"};
  sync::atomic<bool> ready{"ready", false};
  sync::thread waiter("waiter", [&] {
    sync::unique_lock lk(m);
    while (!ready.load()) cv.wait(lk);
  });
  sync::thread setter("setter", [&] {
    ready.store(true);
    cv.notify_one();
  });
  setter.join();
  waiter.join();
}
// The flag changes under the lock, and the waiter waits with a predicate under the same lock.
inline void locked_predicate() {
  sync::mutex m{"m"};
  sync::condition_variable cv{"cv"};
  sync::var<bool> ready{"ready", false};
  sync::thread waiter("waiter", [&] {
    sync::unique_lock lk(m);
    cv.wait(lk, [&] { return ready.get(); });
  });
  sync::thread setter("setter", [&] {
    {
      sync::lock_guard g(m);
      ready = true;
    }
    cv.notify_one();
  });
  setter.join();
  waiter.join();
}
}  // namespace lost_wakeup

// ---- 3. double-checked lazy initialisation: two threads ask for the same instance ---------

namespace lazy_init {
// The first check reads the plain flag without the lock: it races with the write under the lock
// (and could see the flag before the value).
inline void buggy_plain_flag() {
  sync::mutex m{"m"};
  sync::var<bool> ready{"ready", false};
  sync::var<int> value{"value", 0};
  sync::atomic<int> constructions{"constructions", 0};
  auto get = [&] {
    if (!ready) {
      sync::lock_guard g(m);
      if (!ready) {
        constructions.fetch_add(1);
        value = 42;
        ready = true;
      }
    }
    sync::check(value == 42, "the instance is constructed before it is used");
  };
  sync::thread a("get", get);
  sync::thread b("get", get);
  a.join();
  b.join();
  sync::check(constructions.load() == 1, "constructed once");
}
// The flag is an atomic: release after constructing, acquire in the fast path.
inline void acquire_release() {
  sync::mutex m{"m"};
  sync::atomic<bool> ready{"ready", false};
  sync::var<int> value{"value", 0};
  sync::atomic<int> constructions{"constructions", 0};
  auto get = [&] {
    if (!ready.load(std::memory_order_acquire)) {
      sync::lock_guard g(m);
      if (!ready.load(std::memory_order_relaxed)) {
        constructions.fetch_add(1, std::memory_order_relaxed);
        value = 42;
        ready.store(true, std::memory_order_release);
      }
    }
    sync::check(value == 42, "the instance is constructed before it is used");
  };
  sync::thread a("get", get);
  sync::thread b("get", get);
  a.join();
  b.join();
  sync::check(constructions.load() == 1, "constructed once");
}
inline void call_once() {
  sync::once_flag once{"once"};
  sync::var<int> value{"value", 0};
  sync::atomic<int> constructions{"constructions", 0};
  auto get = [&] {
    sync::call_once(once, [&] {
      constructions.fetch_add(1, std::memory_order_relaxed);
      value = 42;
    });
    sync::check(value == 42, "the instance is constructed before it is used");
  };
  sync::thread a("get", get);
  sync::thread b("get", get);
  a.join();
  b.join();
  sync::check(constructions.load() == 1, "constructed once");
}
}  // namespace lazy_init

// ---- 4. message passing: a payload published behind a flag ---------------------------------

namespace message_passing {
template <std::memory_order Store, std::memory_order Load>
void run() {
  sync::var<int> payload{"payload", 0};
  sync::atomic<bool> published{"published", false};
  sync::thread producer("producer", [&] {
    payload = 42;
    published.store(true, Store);
  });
  sync::thread consumer("consumer", [&] {
    while (!published.load(Load)) sync::this_thread::yield();
    sync::check(payload == 42, "the consumer reads the published payload");
  });
  producer.join();
  consumer.join();
}
// Relaxed orders no accesses around the flag: the payload's write and read race.
inline void buggy_relaxed() { run<std::memory_order_relaxed, std::memory_order_relaxed>(); }
inline void release_acquire() { run<std::memory_order_release, std::memory_order_acquire>(); }
}  // namespace message_passing

// ---- 5. spin-wait: a thread spins (with yield) until a flag is set -------------------------

namespace spin_wait {
inline void set_by_another_thread() {
  sync::atomic<bool> go{"go", false};
  sync::thread setter("setter", [&] { go.store(true, std::memory_order_release); });
  while (!go.load(std::memory_order_acquire)) sync::this_thread::yield();
  setter.join();
}
// Nobody sets the flag: the spinner never ends (never run on real threads: it would hang).
inline void buggy_never_set() {
  sync::atomic<bool> go{"go", false};
  sync::thread spinner("spinner", [&] {
    while (!go.load(std::memory_order_acquire)) sync::this_thread::yield();
  });
  spinner.join();
}
}  // namespace spin_wait

namespace spinlock {
// The textbook test-and-set lock, as atomic_flag::test_and_set is used, without a yield: while
// another thread holds it, each exchange writes true over true — nothing changes, so the loop is
// a spin (racelab once counted that write as progress and called this lock a step limit).
inline void deposit_twice(bool release) {
  sync::atomic<bool> locked{"locked", false};
  sync::var<int> balance{"balance", 0};
  const auto deposit = [&] {
    while (locked.exchange(true, std::memory_order_acquire)) {
    }
    balance += 10;
    if (release) locked.store(false, std::memory_order_release);
  };
  sync::thread a("deposit", deposit);
  sync::thread b("deposit", deposit);
  a.join();
  b.join();
  sync::check(balance == 20, "both deposits counted");
}
inline void test_and_set() { deposit_twice(true); }
// The holder never lets go: the other depositor spins forever (never run on real threads).
inline void buggy_never_released() { deposit_twice(false); }

// The same lock as std::atomic_flag spells it (ATOMIC_FLAG_INIT, test_and_set, clear).
inline void deposit_twice_on_a_flag(std::memory_order take, std::memory_order give) {
  sync::atomic_flag locked = ATOMIC_FLAG_INIT;
  sync::var<int> balance{"balance", 0};
  const auto deposit = [&] {
    while (locked.test_and_set(take)) {
    }
    balance += 10;
    locked.clear(give);
  };
  sync::thread a("deposit", deposit);
  sync::thread b("deposit", deposit);
  a.join();
  b.join();
  sync::check(balance == 20, "both deposits counted");
}
inline void atomic_flag() {
  deposit_twice_on_a_flag(std::memory_order_acquire, std::memory_order_release);
}
// Relaxed: the flag still lets one depositor in at a time, but orders nothing — the second
// deposit's read of balance does not happen after the first one's write: a data race, although
// every interleaving counts 20.
inline void buggy_relaxed_flag() {
  deposit_twice_on_a_flag(std::memory_order_relaxed, std::memory_order_relaxed);
}
}  // namespace spinlock

namespace atomic_wait {
// C++20's atomic wait/notify as a one-shot event: the consumer sleeps while `ready` is false.
inline void publish(bool notify) {
  sync::var<int> payload{"payload", 0};
  sync::atomic<bool> ready{"ready", false};
  sync::thread consumer("consumer", [&] {
    ready.wait(false, std::memory_order_acquire);
    sync::check(payload == 42, "the payload is published");
  });
  sync::thread producer("producer", [&] {
    payload = 42;
    ready.store(true, std::memory_order_release);
    if (notify) ready.notify_one();
  });
  consumer.join();
  producer.join();
}
inline void store_then_notify() { publish(true); }
// The store alone: a consumer already asleep is never woken (never run on real threads).
inline void buggy_no_notify() { publish(false); }
}  // namespace atomic_wait

namespace once_state {
// A one-shot initialisation claimed by a compare-exchange on an enum state, in C's style (std's
// free atomic functions): the thread that moves idle -> running writes the payload and publishes
// done; the other waits until done, then both use the payload. `order` is the waiter's: with
// relaxed it sees done but acquires nothing, so its read races with the write in every execution.
enum class Phase : unsigned char { idle, running, done };
inline void initialise_once(std::memory_order order) {
  sync::var<int> payload{"payload", 0};
  sync::atomic<Phase> phase{"phase", Phase::idle};
  auto use = [&] {
    Phase seen = Phase::idle;
    if (sync::atomic_compare_exchange_strong_explicit(&phase, &seen, Phase::running,
                                                      std::memory_order_acquire, order)) {
      payload = 42;
      sync::atomic_store_explicit(&phase, Phase::done, std::memory_order_release);
      sync::atomic_notify_all(&phase);
    } else {
      while (seen != Phase::done) {
        sync::atomic_wait_explicit(&phase, seen, order);
        seen = sync::atomic_load_explicit(&phase, order);
      }
    }
    sync::check(payload == 42, "the payload is initialised");
  };
  sync::thread a("a", use);
  sync::thread b("b", use);
  a.join();
  b.join();
}
inline void acquire_wait() { initialise_once(std::memory_order_acquire); }
inline void buggy_relaxed_wait() { initialise_once(std::memory_order_relaxed); }
}  // namespace once_state

}  // namespace racelab::textbook
