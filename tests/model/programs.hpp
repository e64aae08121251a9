// tests/model/programs.hpp — small textbook programs for the engine's tests.
//
// Written against racelab/sync.hpp like the registry is, compiled with RACELAB_BACKEND_MODEL.
// Not the registry: each program isolates one thing the engine must get exactly right.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "racelab/model/explore.hpp"
#include "racelab/python_errors.hpp"
#include "racelab/sync.hpp"

namespace racelab::model::testing {

// n threads of exactly k steps each, all independent and always enabled, so plain DFS must run
// (n·k)!/(k!)^n schedules. What is counted:
//
//   MainThread   start Thread-1 … start Thread-(n-1), close gate       forced: nobody else can run
//                then k-1 yields and its exit                          k steps
//   Thread-i     get gate (returns "closed"), k-2 yields, exit         k steps
//
// Every child blocks on the gate until MainThread closes it, so MainThread's first n steps have no
// alternative; from then on each of the n threads has k steps left and nothing orders them.
// Children are not joined: a join would become enabled mid-run and add choices. k >= 2.
inline Body independent_threads(int n, int k) {
  return [n, k] {
    auto gate = std::make_shared<sync::blocking_queue<int>>("gate");
    std::vector<sync::thread> threads;
    for (int i = 1; i < n; ++i) {
      threads.emplace_back("independent", [gate, k] {
        gate->get();
        for (int s = 0; s < k - 2; ++s) sync::this_thread::yield("step");
      });
    }
    gate->close();
    for (int s = 0; s < k - 1; ++s) sync::this_thread::yield("step");
  };
}

// The lost update: two threads increment a counter with a load and a store. Unlocked, the
// accesses race, and a load–load–store–store interleaving loses one increment.
struct Counter {
  sync::shared<int> value{"counter", 0};
  sync::mutex lock{"counter_lock"};
};

enum class CounterLocking {
  none,          // load and store unlocked: data race and lost update
  each_access,   // lock around the load, lock again around the store: race-free, still loses
  whole_update,  // one lock around load+store: correct
};

inline Body lost_update_counter(CounterLocking locking) {
  return [locking] {
    auto counter = std::make_shared<Counter>();
    auto increment = [counter, locking] {
      int seen = 0;
      if (locking == CounterLocking::whole_update) counter->lock.lock();
      {
        if (locking == CounterLocking::each_access) counter->lock.lock();
        seen = counter->value.read("load", [](const int& v) { return v; });
        if (locking == CounterLocking::each_access) counter->lock.unlock();
      }
      {
        if (locking == CounterLocking::each_access) counter->lock.lock();
        counter->value.write("store", [seen](int& v) { v = seen + 1; });
        if (locking == CounterLocking::each_access) counter->lock.unlock();
      }
      if (locking == CounterLocking::whole_update) counter->lock.unlock();
    };
    sync::thread a("increment", increment);
    sync::thread b("increment", increment);
    a.join();
    b.join();
    const int total = counter->value.read("total", [](const int& v) { return v; });
    model::check(total == 2, "lost update: counter is " + std::to_string(total) + ", expected 2");
  };
}

// Two threads take two locks in opposite orders (the textbook lock-order inversion).
inline Body lock_order_inversion() {
  return [] {
    auto a = std::make_shared<sync::mutex>("LOCK_A");
    auto b = std::make_shared<sync::mutex>("LOCK_B");
    sync::thread ab("ab", [a, b] {
      sync::lock_guard first(*a);
      sync::lock_guard second(*b);
    });
    sync::thread ba("ba", [a, b] {
      sync::lock_guard first(*b);
      sync::lock_guard second(*a);
    });
    ab.join();
    ba.join();
  };
}

// The seed's worker loop: workers serve tasks from a queue nobody closes. When the tasks are
// done they wait in get() forever — idle workers, how the seed's program ends, not a deadlock.
inline Body idle_workers(int workers, int tasks) {
  return [workers, tasks] {
    auto q = std::make_shared<sync::blocking_queue<int>>("tasks");
    auto served = std::make_shared<sync::shared<int>>("served", 0);
    auto served_lock = std::make_shared<sync::mutex>("served_lock");
    std::vector<sync::thread> pool;  // never joined: they idle in get(), as the seed's do
    for (int w = 0; w < workers; ++w) {
      pool.emplace_back("worker", [q, served, served_lock] {
        while (auto task = q->get()) {
          sync::lock_guard g(*served_lock);
          served->write("count", [](int& n) { ++n; });
        }
      });
    }
    for (int t = 0; t < tasks; ++t) q->put(t);
  };
}

// Two polite threads: each raises its flag and, while the other's is up, lowers its own, yields
// and raises it again. Each store is progress, so this is no spin: taking turns in lockstep, they
// never get through, and the search tree has no end. --max-steps (Options::max_steps) makes that
// run a step-limit.
inline Body polite_threads() {
  return [] {
    struct Flags {
      sync::atomic<bool> want0{"want0", false};
      sync::atomic<bool> want1{"want1", false};
    };
    auto flags = std::make_shared<Flags>();
    auto polite = [flags](int me) {
      sync::atomic<bool>& mine = me == 0 ? flags->want0 : flags->want1;
      sync::atomic<bool>& other = me == 0 ? flags->want1 : flags->want0;
      mine.store(true);
      while (other.load()) {
        mine.store(false);
        sync::this_thread::yield();
        mine.store(true);
      }
      mine.store(false);
    };
    sync::thread a("polite", [polite] { polite(0); });
    sync::thread b("polite", [polite] { polite(1); });
    a.join();
    b.join();
  };
}

// A worker that raises the seed's KeyError after a scheduling point.
inline Body raises_key_error() {
  return [] {
    sync::thread worker("worker", [] {
      sync::this_thread::yield("read proxy pool");
      throw KeyError("GCCDianaramirez");
    });
    worker.join();
  };
}

// A waiter and the thread that sets its condition, under one mutex. `recheck`: the waiter waits
// until the condition holds (correct); otherwise it waits once and takes any wake-up for the
// condition, the bug only a wake-up without a notify shows.
inline Body waiter_and_setter(bool recheck) {
  return [recheck] {
    struct Shared {
      sync::mutex m{"m"};
      sync::condition_variable cv{"cv"};
      bool ready = false;  // guarded by m
    };
    auto s = std::make_shared<Shared>();
    model::keep_until_end(s);
    sync::thread waiter("waiter", [s, recheck] {
      sync::unique_lock<sync::mutex> lk(s->m);
      if (recheck) {
        s->cv.wait(lk, [&] { return s->ready; });
      } else if (!s->ready) {
        s->cv.wait(lk);
      }
      model::check(s->ready, "the waiter woke with ready still false");
    });
    sync::thread setter("setter", [s] {
      {
        sync::lock_guard<sync::mutex> g(s->m);
        s->ready = true;
      }
      s->cv.notify_one();
    });
    waiter.join();
    setter.join();
  };
}

// A condition-variable wait under `if` instead of a loop: only a spurious wake-up breaks it (the
// waiter wakes before the setter ran and checks a flag still false).
inline Body wait_without_loop() {
  return [] {
    auto m = std::make_shared<sync::mutex>("m");
    auto cv = std::make_shared<sync::condition_variable>("cv");
    auto ready = std::make_shared<sync::var<bool>>("ready", false);
    sync::thread waiter("waiter", [=] {
      sync::unique_lock<sync::mutex> lk(*m);
      if (!ready->get()) cv->wait(lk);  // should be a loop
      sync::check(ready->get(), "woken only when ready");
    });
    sync::thread setter("setter", [=] {
      sync::lock_guard g(*m);
      *ready = true;
      cv->notify_all();
    });
    waiter.join();
    setter.join();
  };
}

}  // namespace racelab::model::testing
