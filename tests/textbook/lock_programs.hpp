// tests/textbook/lock_programs.hpp — programs 6-11: lock ordering, a bounded buffer, readers and
// a writer, a bank transfer, a wait without a loop, dining philosophers.
// Part of the textbook table (programs.hpp says what every body may use and what it declares).
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <utility>

#include "racelab/sync.hpp"

namespace racelab::textbook {

namespace sync = racelab::sync;

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
    // A message built at run time: sync::check's std::string overload, on every backend.
    const int seen = a + b;
    sync::check(seen == 100, "the auditor sees " + std::to_string(seen) + " of 100 units");
  });
  transfer.join();
  audit.join();
}
// No data race: each account is always accessed under its lock. The transfer is two critical
// sections, and the auditor can run between them (an atomicity violation).
inline void buggy_two_sections() { run<false>(); }
inline void one_section() { run<true>(); }
}  // namespace bank_transfer

// ---- 10. a condition wait without a loop: `if` instead of `while` --------------------------

namespace wait_in_if {
// A consumer waits for an item and takes it. The wait returns without a notify (a spurious
// wake-up: std allows it, and the model runs one), so after an `if` the queue may still be empty.
template <bool Loop>
void run() {
  sync::mutex m{"m"};
  sync::condition_variable cv{"cv"};
  sync::var<int> items{"items", 0};
  sync::var<int> taken{"taken", 0};
  sync::thread consumer("consumer", [&] {
    sync::unique_lock<sync::mutex> lk(m);
    if constexpr (Loop) {
      while (items == 0) cv.wait(lk);
    } else {
      if (items == 0) cv.wait(lk);
    }
    sync::check(items > 0, "an item is there when the consumer takes it");
    items -= 1;
    taken += 1;
  });
  sync::thread producer("producer", [&] {
    {
      sync::lock_guard g(m);
      items += 1;
    }
    cv.notify_one();
  });
  consumer.join();
  producer.join();
  sync::check(taken == 1, "the item was taken");
}
inline void buggy_if() { run<false>(); }
inline void while_loop() { run<true>(); }
}  // namespace wait_in_if

// ---- 11. dining philosophers: three forks, three philosophers -------------------------------

namespace philosophers {
// Philosopher i takes fork i and then fork (i+1)%3. LowestFirst: the lower-numbered of the two
// first, one global order, so the cycle (each holding one fork, waiting for the next) cannot close.
template <bool LowestFirst>
void run() {
  sync::mutex f0{"fork0"};
  sync::mutex f1{"fork1"};
  sync::mutex f2{"fork2"};
  sync::mutex* forks[3] = {&f0, &f1, &f2};
  sync::var<int> meals{"meals", 0};
  auto dine = [&](int i) {
    int first = i;
    int second = (i + 1) % 3;
    if (LowestFirst && second < first) std::swap(first, second);
    sync::lock_guard g1(*forks[first]);
    sync::lock_guard g2(*forks[second]);
    meals += 1;
  };
  sync::thread p0("philosopher", [&] { dine(0); });
  sync::thread p1("philosopher", [&] { dine(1); });
  sync::thread p2("philosopher", [&] { dine(2); });
  p0.join();
  p1.join();
  p2.join();
  sync::check(meals == 3, "every philosopher ate");
}
inline void buggy_left_first() { run<false>(); }
inline void lowest_first() { run<true>(); }
}  // namespace philosophers

// ---- 12. phased sum: two workers publish a part, meet, then each adds up both parts --------

namespace phased_sum {
// How the workers meet between writing their part and reading the other's: a latch they count
// down and wait on, or a barrier whose completion function adds the parts up — or, the bugs,
// counting down (arriving) without waiting, so the other part may not be written yet.
enum class Meet { latch_no_wait, latch, barrier, barrier_arrive_only };

template <Meet M>
void run() {
  sync::var<int> part0{"part0", 0};
  sync::var<int> part1{"part1", 0};
  sync::var<int> sum0{"sum0", 0};
  sync::var<int> sum1{"sum1", 0};
  sync::var<int> total{"total", 0};
  sync::var<int>* parts[2] = {&part0, &part1};
  sync::var<int>* sums[2] = {&sum0, &sum1};
  sync::latch ready{"ready", 2};
  auto add_up = [&]() noexcept { total = part0 + part1; };
  sync::barrier<decltype(add_up)> round{"round", 2, add_up};
  auto work = [&](int i) {
    *parts[i] = i + 1;
    if constexpr (M == Meet::latch_no_wait) ready.count_down();
    if constexpr (M == Meet::latch) ready.arrive_and_wait();
    if constexpr (M == Meet::barrier) round.arrive_and_wait();
    if constexpr (M == Meet::barrier_arrive_only) (void)round.arrive();
    *sums[i] = *parts[0] + *parts[1];
  };
  sync::thread w0("worker", [&] { work(0); });
  sync::thread w1("worker", [&] { work(1); });
  w0.join();
  w1.join();
  sync::check(sum0 == 3 && sum1 == 3, "each worker added up both parts");
  if constexpr (M == Meet::barrier) sync::check(total == 3, "the completion added them up");
}
inline void buggy_latch_no_wait() { run<Meet::latch_no_wait>(); }
inline void latch() { run<Meet::latch>(); }
inline void barrier() { run<Meet::barrier>(); }
inline void buggy_barrier_arrive_only() { run<Meet::barrier_arrive_only>(); }
}  // namespace phased_sum

}  // namespace racelab::textbook
