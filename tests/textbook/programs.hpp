// tests/textbook/programs.hpp — textbook concurrency programs, each in buggy and correct
// versions, with the answer declared before any checker ran them.
//
// Every body uses only racelab/sync.hpp and sync::check, creates its shared objects itself,
// starts its threads with sync::thread, joins them and checks what must hold. So one body runs
// unchanged on real threads (and under ThreadSanitizer), as a model::explore body, and inside a
// Relacy test (tests/textbook/relacy_suites.cpp). The declared answer is a set of violation ids,
// the model backend's words:
//
//   data-race   two conflicting accesses to a var<T> not ordered by happens-before
//   assertion   a sync::check failed
//   deadlock    every thread blocked (a thread joined, waiting on a lock or a condition)
//   livelock    a thread spins forever on something no thread will change
//
// "finds" lists every id some execution can end with; safe is the empty set. A checker that
// stops at the first failure of an execution (Relacy does) reports the first that execution meets;
// relacy_result() in tests/textbook/relacy_suites.cpp says which one that is per row.
#pragma once

#include <array>
#include <cstddef>
#include <mutex>
#include <string_view>

#include "racelab/sync.hpp"

namespace racelab::textbook {

namespace sync = racelab::sync;

struct Expected {
  std::array<std::string_view, 3> ids{};  // empty: safe

  constexpr bool safe() const { return ids[0].empty(); }
  constexpr bool finds(std::string_view id) const {
    for (const auto& i : ids) {
      if (!i.empty() && i == id) return true;
    }
    return false;
  }
  // Programs that can hang never run on real threads.
  constexpr bool can_hang() const { return finds("deadlock") || finds("livelock"); }
};
inline constexpr Expected kSafe{};
constexpr Expected finds(std::string_view a, std::string_view b = {}, std::string_view c = {}) {
  return Expected{{a, b, c}};
}

struct Textbook {
  const char* name;     // "lost-update"
  const char* version;  // "buggy-var", "fetch-add", ...
  bool buggy;
  void (*body)();
  Expected expected;
  int threads;  // sync::threads one run starts (Relacy needs it at compile time)
};

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

// ---- 6. lock ordering: two threads need the same two locks ---------------------------------

namespace lock_ordering {
template <class Body>
void two_threads(Body body) {
  sync::mutex a{"a"};
  sync::mutex b{"b"};
  sync::var<int> transfers{"transfers", 0};
  sync::thread t1("ab", [&] { body(a, b, transfers); });
  sync::thread t2("ba", [&] { body(b, a, transfers); });
  t1.join();
  t2.join();
  sync::check(transfers == 2, "both threads held both locks");
}
// Each thread locks its first mutex, then its second: the opposite order to the other thread.
inline void buggy_opposite_order() {
  two_threads([](sync::mutex& first, sync::mutex& second, sync::var<int>& n) {
    sync::lock_guard g1(first);
    sync::lock_guard g2(second);
    n += 1;
  });
}
// One global order: both threads lock a, then b.
inline void same_order() {
  sync::mutex a{"a"};
  sync::mutex b{"b"};
  sync::var<int> transfers{"transfers", 0};
  auto body = [&] {
    sync::lock_guard g1(a);
    sync::lock_guard g2(b);
    transfers += 1;
  };
  sync::thread t1("ab", body);
  sync::thread t2("ab", body);
  t1.join();
  t2.join();
  sync::check(transfers == 2, "both threads held both locks");
}
// std::lock's algorithm (try-and-back-off) whatever order the threads name the locks in. Safe on
// any scheduler that is not adversarial; under an adversarial one two threads can back off in
// lockstep forever (Relacy's full search reports that livelock: see tests/textbook/CMakeLists.txt).
inline void scoped_lock() {
  two_threads([](sync::mutex& first, sync::mutex& second, sync::var<int>& n) {
    sync::scoped_lock lk(first, second);
    n += 1;
  });
}
}  // namespace lock_ordering

// ---- 7. bounded buffer: a producer and a consumer around two slots -------------------------

namespace bounded_buffer {
inline constexpr int kSlots = 2;
inline constexpr int kItems = 3;
// `free_slots` starts at `initially_free`: kSlots is right; kSlots + 1 lets the producer run a
// slot ahead of the consumer and overwrite an item nobody has read yet.
inline void run(int initially_free) {
  sync::counting_semaphore<> free_slots{"free", initially_free};
  sync::counting_semaphore<> full_slots{"full", 0};
  sync::mutex m{"m"};
  sync::var<int> slot0{"slot0", -1};
  sync::var<int> slot1{"slot1", -1};
  auto slot = [&](int i) -> sync::var<int>& { return i % kSlots == 0 ? slot0 : slot1; };
  sync::thread producer("producer", [&] {
    for (int i = 0; i < kItems; ++i) {
      free_slots.acquire();
      {
        sync::lock_guard g(m);
        slot(i) = i;
      }
      full_slots.release();
    }
  });
  sync::thread consumer("consumer", [&] {
    for (int i = 0; i < kItems; ++i) {
      full_slots.acquire();
      int item = -1;
      {
        sync::lock_guard g(m);
        item = slot(i);
      }
      free_slots.release();
      sync::check(item == i, "the consumer takes the items in order, none overwritten");
    }
  });
  producer.join();
  consumer.join();
}
inline void semaphores() { run(kSlots); }
inline void buggy_off_by_one() { run(kSlots + 1); }
}  // namespace bounded_buffer

// ---- 8. readers and a writer around a shared_mutex ----------------------------------------

namespace reader_writer {
// The writer keeps low + high == 0; readers check it. `WriterLock` is how the writer locks.
template <bool WriterTakesTheExclusiveLock>
void run() {
  sync::shared_mutex rw{"rw"};
  sync::var<int> low{"low", 0};
  sync::var<int> high{"high", 0};
  sync::thread writer("writer", [&] {
    if constexpr (WriterTakesTheExclusiveLock) {
      sync::lock_guard g(rw);
      low = 5;
      high = -5;
    } else {
      sync::shared_lock g(rw);
      low = 5;
      high = -5;
    }
  });
  auto read = [&] {
    sync::shared_lock g(rw);
    sync::check(low + high == 0, "a reader never sees half an update");
  };
  sync::thread r1("reader", read);
  sync::thread r2("reader", read);
  writer.join();
  r1.join();
  r2.join();
}
// The writer takes the shared (reader) lock: readers and the writer overlap.
inline void buggy_writer_shared() { run<false>(); }
inline void exclusive_writer() { run<true>(); }
}  // namespace reader_writer

// ---- 9. bank transfer: every access locked, and still wrong --------------------------------

namespace bank_transfer {
// Each account has its own lock; an auditor holds both (a, then b: one global order) and checks
// that no money is missing.
template <bool OneCriticalSection>
void run() {
  sync::mutex ma{"a"};
  sync::mutex mb{"b"};
  sync::var<int> a{"a", 100};
  sync::var<int> b{"b", 0};
  sync::thread transfer("transfer", [&] {
    if constexpr (OneCriticalSection) {
      sync::lock_guard ga(ma);
      sync::lock_guard gb(mb);
      a -= 10;
      b += 10;
    } else {
      {
        sync::lock_guard g(ma);
        a -= 10;
      }
      {
        sync::lock_guard g(mb);
        b += 10;
      }
    }
  });
  sync::thread audit("audit", [&] {
    sync::lock_guard ga(ma);
    sync::lock_guard gb(mb);
    sync::check(a + b == 100, "the auditor sees every unit of money");
  });
  transfer.join();
  audit.join();
}
// No data race: each account is always accessed under its lock. The transfer is two critical
// sections, and the auditor can run between them (an atomicity violation).
inline void buggy_two_sections() { run<false>(); }
inline void one_section() { run<true>(); }
}  // namespace bank_transfer

// ---- the table ---------------------------------------------------------------------------

// clang-format off
inline constexpr Textbook kPrograms[] = {
  // name               version                   buggy  body                                        expected                          threads
  {"lost-update",       "buggy-var",              true,  lost_update::buggy_var,                     finds("data-race", "assertion"),  2},
  {"lost-update",       "buggy-relaxed-load-store", true, lost_update::buggy_relaxed_load_store,     finds("assertion"),               2},
  {"lost-update",       "fetch-add",              false, lost_update::fetch_add,                     kSafe,                            2},
  {"lost-update",       "mutex",                  false, lost_update::mutex,                         kSafe,                            2},
  {"lost-wakeup",       "buggy-unlocked-notify",  true,  lost_wakeup::buggy_unlocked_notify,         finds("deadlock"),                2},
  {"lost-wakeup",       "locked-predicate",       false, lost_wakeup::locked_predicate,              kSafe,                            2},
  {"lazy-init",         "buggy-plain-flag",       true,  lazy_init::buggy_plain_flag,                finds("data-race"),               2},
  {"lazy-init",         "acquire-release",        false, lazy_init::acquire_release,                 kSafe,                            2},
  {"lazy-init",         "call-once",              false, lazy_init::call_once,                       kSafe,                            2},
  {"message-passing",   "buggy-relaxed",          true,  message_passing::buggy_relaxed,             finds("data-race"),               2},
  {"message-passing",   "release-acquire",        false, message_passing::release_acquire,           kSafe,                            2},
  {"spin-wait",         "set-by-another-thread",  false, spin_wait::set_by_another_thread,           kSafe,                            1},
  {"spin-wait",         "buggy-never-set",        true,  spin_wait::buggy_never_set,                 finds("livelock"),                1},
  {"lock-ordering",     "buggy-opposite-order",   true,  lock_ordering::buggy_opposite_order,        finds("deadlock"),                2},
  {"lock-ordering",     "same-order",             false, lock_ordering::same_order,                  kSafe,                            2},
  {"lock-ordering",     "scoped-lock",            false, lock_ordering::scoped_lock,                 kSafe,                            2},
  {"bounded-buffer",    "buggy-off-by-one",       true,  bounded_buffer::buggy_off_by_one,           finds("assertion"),               2},
  {"bounded-buffer",    "semaphores",             false, bounded_buffer::semaphores,                 kSafe,                            2},
  {"reader-writer",     "buggy-writer-shared",    true,  reader_writer::buggy_writer_shared,         finds("data-race", "assertion"),  3},
  {"reader-writer",     "exclusive-writer",       false, reader_writer::exclusive_writer,            kSafe,                            3},
  {"bank-transfer",     "buggy-two-sections",     true,  bank_transfer::buggy_two_sections,          finds("assertion"),               2},
  {"bank-transfer",     "one-section",            false, bank_transfer::one_section,                 kSafe,                            2},
};
// clang-format on

inline constexpr std::size_t kProgramCount = sizeof(kPrograms) / sizeof(kPrograms[0]);

// The row named "name/version", or nullptr.
inline const Textbook* find_program(std::string_view name, std::string_view version) {
  for (const Textbook& t : kPrograms) {
    if (name == t.name && version == t.version) return &t;
  }
  return nullptr;
}

}  // namespace racelab::textbook
