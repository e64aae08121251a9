// Mutexes: the lost update, lock-order deadlock, re-locking a plain mutex, readers-writer lock.
#pragma once

#include "example.hpp"

namespace racelab::docs_examples {

// [doc:lost-update]
void lost_update() {
  sync::var<int> hits{"hits", 0};
  auto visit = [&] { hits = hits + 1; };  // read, then write: two steps
  sync::thread a("visit", visit);
  sync::thread b("visit", visit);
  a.join();
  b.join();
  sync::check(hits == 2, "every visit counted");
}
// [end:lost-update]

// [doc:lost-update-fixed]
void lost_update_fixed() {
  sync::var<int> hits{"hits", 0};
  sync::mutex hits_lock{"hits_lock"};
  auto visit = [&] {
    sync::lock_guard hold(hits_lock);
    hits = hits + 1;
  };
  sync::thread a("visit", visit);
  sync::thread b("visit", visit);
  a.join();
  b.join();
  sync::check(hits == 2, "every visit counted");
}
// [end:lost-update-fixed]

// [doc:lock-order]
void lock_order() {
  sync::mutex alice{"alice"};
  sync::mutex bob{"bob"};
  auto transfer = [](sync::mutex& from, sync::mutex& to) {
    sync::lock_guard hold_from(from);
    sync::lock_guard hold_to(to);  // the other transfer may hold `to` and wait for `from`
  };
  sync::thread t1("transfer", [&] { transfer(alice, bob); });
  sync::thread t2("transfer", [&] { transfer(bob, alice); });
  t1.join();
  t2.join();
}
// [end:lock-order]

// [doc:lock-order-fixed]
void lock_order_fixed() {
  sync::mutex alice{"alice"};
  sync::mutex bob{"bob"};
  auto transfer = [&](sync::mutex& from, sync::mutex& to) {
    // Every thread takes the two locks in one global order: alice before bob.
    sync::mutex& first = &from == &alice ? from : to;
    sync::mutex& second = &from == &alice ? to : from;
    sync::lock_guard hold_first(first);
    sync::lock_guard hold_second(second);
  };
  sync::thread t1("transfer", [&] { transfer(alice, bob); });
  sync::thread t2("transfer", [&] { transfer(bob, alice); });
  t1.join();
  t2.join();
}
// [end:lock-order-fixed]

// [doc:relock]
void relock() {
  sync::mutex m{"cache_lock"};
  sync::var<int> size{"size", 0};
  auto grow = [&] {
    sync::lock_guard hold(m);
    size = size + 1;
  };
  auto grow_twice = [&] {
    sync::lock_guard hold(m);
    grow();  // locks m again: a plain mutex is not re-entrant
    grow();
  };
  sync::thread t("grow", grow_twice);
  t.join();
}
// [end:relock]

// [doc:relock-fixed]
void relock_fixed() {
  sync::recursive_mutex m{"cache_lock"};
  sync::var<int> size{"size", 0};
  auto grow = [&] {
    sync::recursive_lock_guard hold(m);
    size = size + 1;
  };
  auto grow_twice = [&] {
    sync::recursive_lock_guard hold(m);
    grow();  // the owner may lock it again; each lock needs its unlock
    grow();
  };
  sync::thread t("grow", grow_twice);
  t.join();
}
// [end:relock-fixed]

// [doc:shared-writer]
void shared_writer() {
  sync::shared_mutex rw{"config_lock"};
  sync::var<int> config{"config", 0};
  auto reader = [&] {
    rw.lock_shared();
    sync::check(config == 0 || config == 1, "a config that was written");
    rw.unlock_shared();
  };
  auto writer = [&] {
    rw.lock_shared();  // should be rw.lock(): writers need it exclusively
    config = 1;
    rw.unlock_shared();
  };
  sync::thread r("reader", reader);
  sync::thread w("writer", writer);
  r.join();
  w.join();
}
// [end:shared-writer]

// [doc:shared-writer-fixed]
void shared_writer_fixed() {
  sync::shared_mutex rw{"config_lock"};
  sync::var<int> config{"config", 0};
  auto reader = [&] {
    rw.lock_shared();
    sync::check(config == 0 || config == 1, "a config that was written");
    rw.unlock_shared();
  };
  auto writer = [&] {
    rw.lock();
    config = 1;
    rw.unlock();
  };
  sync::thread r1("reader", reader);
  sync::thread r2("reader", reader);  // readers share it; the writer excludes both
  sync::thread w("writer", writer);
  r1.join();
  r2.join();
  w.join();
}
// [end:shared-writer-fixed]

inline const Example mutex_examples[] = {
    {.name = "lost-update",
     .body = lost_update,
     .ids = {"assertion", "data-race"},
     .spurious_wakeups = 1},
    {.name = "lost-update-fixed", .body = lost_update_fixed, .ids = {}, .spurious_wakeups = 1},
    {.name = "lock-order", .body = lock_order, .ids = {"deadlock"}, .spurious_wakeups = 1},
    {.name = "lock-order-fixed", .body = lock_order_fixed, .ids = {}, .spurious_wakeups = 1},
    {.name = "relock", .body = relock, .ids = {"deadlock"}, .spurious_wakeups = 1},
    {.name = "relock-fixed", .body = relock_fixed, .ids = {}, .spurious_wakeups = 1},
    {.name = "shared-writer", .body = shared_writer, .ids = {"data-race"}, .spurious_wakeups = 1},
    {.name = "shared-writer-fixed", .body = shared_writer_fixed, .ids = {}, .spurious_wakeups = 1},
};

}  // namespace racelab::docs_examples
