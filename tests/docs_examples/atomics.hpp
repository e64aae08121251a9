// atomic<T>: a relaxed publish, an increment split into load and store, and their fixes.
#pragma once

#include "example.hpp"

namespace racelab::docs_examples {

// [doc:relaxed-publish]
void relaxed_publish() {
  sync::var<int> payload{"payload", 0};
  sync::atomic<bool> ready{"ready", false};
  sync::thread producer("producer", [&] {
    payload = 42;
    ready.store(true, std::memory_order_relaxed);  // orders nothing before it
  });
  sync::thread consumer("consumer", [&] {
    while (!ready.load(std::memory_order_relaxed)) sync::this_thread::yield();
    sync::check(payload == 42, "the payload is published");
  });
  producer.join();
  consumer.join();
}
// [end:relaxed-publish]

// [doc:relaxed-publish-fixed]
void relaxed_publish_fixed() {
  sync::var<int> payload{"payload", 0};
  sync::atomic<bool> ready{"ready", false};
  sync::thread producer("producer", [&] {
    payload = 42;
    ready.store(true, std::memory_order_release);  // publishes what came before
  });
  sync::thread consumer("consumer", [&] {
    while (!ready.load(std::memory_order_acquire)) sync::this_thread::yield();
    sync::check(payload == 42, "the payload is published");
  });
  producer.join();
  consumer.join();
}
// [end:relaxed-publish-fixed]

// [doc:atomic-load-store]
void atomic_load_store() {
  sync::atomic<int> hits{"hits", 0};
  auto visit = [&] { hits.store(hits.load() + 1); };  // two atomic steps, not one
  sync::thread a("visit", visit);
  sync::thread b("visit", visit);
  a.join();
  b.join();
  sync::check(hits.load() == 2, "every visit counted");
}
// [end:atomic-load-store]

// [doc:atomic-load-store-fixed]
void atomic_load_store_fixed() {
  sync::atomic<int> hits{"hits", 0};
  auto visit = [&] { hits.fetch_add(1, std::memory_order_relaxed); };  // one indivisible step
  sync::thread a("visit", visit);
  sync::thread b("visit", visit);
  a.join();
  b.join();
  sync::check(hits.load() == 2, "every visit counted");
}
// [end:atomic-load-store-fixed]

inline const Example atomic_examples[] = {
    {.name = "relaxed-publish",
     .body = relaxed_publish,
     .ids = {"data-race"},
     .spurious_wakeups = 1},
    {.name = "relaxed-publish-fixed",
     .body = relaxed_publish_fixed,
     .ids = {},
     .spurious_wakeups = 1},
    {.name = "atomic-load-store",
     .body = atomic_load_store,
     .ids = {"assertion"},
     .spurious_wakeups = 1},
    {.name = "atomic-load-store-fixed",
     .body = atomic_load_store_fixed,
     .ids = {},
     .spurious_wakeups = 1},
};

}  // namespace racelab::docs_examples
