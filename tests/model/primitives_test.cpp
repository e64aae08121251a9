// The std-mirroring primitives under the model: the happens-before each creates (the race
// detector stays silent) and what it does not (a race is reported), blocking and deadlock with
// who waits for what, and misuse reported as a violation, never a crash.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "programs.hpp"

namespace racelab::model::testing {
namespace {

Options opts_for(Strategy s, bool stop_on_first = true) {
  Options o;
  o.strategy = s;
  o.stop_on_first_violation = stop_on_first;
  return o;
}

bool found(const Report& r, const std::string& id) {
  return r.failure && std::any_of(r.failure->violations.begin(), r.failure->violations.end(),
                                  [&](const Violation& v) { return v.id == id; });
}

// Outcome ids over every execution (stop_on_first_violation = false).
std::vector<std::string> all_ids(const Body& body, Options o = opts_for(Strategy::dpor, false)) {
  std::vector<std::string> ids;
  o.on_execution = [&](const Execution& e) {
    for (const Violation& v : e.violations)
      if (std::find(ids.begin(), ids.end(), v.id) == ids.end()) ids.push_back(v.id);
  };
  (void)explore(o, body);
  std::sort(ids.begin(), ids.end());
  return ids;
}

// The first schedule DFS runs, with its trace.
Execution first_execution(const Body& body) {
  Execution first;
  Options o = opts_for(Strategy::dfs);
  o.max_schedules = 1;
  o.record_traces = true;
  o.on_execution = [&](const Execution& e) { first = e; };
  (void)explore(o, body);
  return first;
}

// ---- Atomics: happens-before follows the memory order ------------------------------------

Body message_passing(std::memory_order store_order, std::memory_order load_order) {
  return [=] {
    auto payload = std::make_shared<sync::var<int>>("payload", 0);
    auto ready = std::make_shared<sync::atomic<bool>>("ready", false);
    sync::thread producer("producer", [=] {
      *payload = 42;
      ready->store(true, store_order);
    });
    sync::thread consumer("consumer", [=] {
      if (ready->load(load_order)) sync::check(payload->get() == 42, "payload published");
    });
    producer.join();
    consumer.join();
  };
}

TEST(Atomics, ReleaseAcquirePublishesThePayload) {
  const Report r = explore(opts_for(Strategy::dpor),
                           message_passing(std::memory_order_release, std::memory_order_acquire));
  EXPECT_FALSE(r.failure) << r.failure->violations.front().message;
  EXPECT_TRUE(r.complete);
}

TEST(Atomics, SeqCstPublishesThePayload) {
  const Report r = explore(opts_for(Strategy::dpor),
                           message_passing(std::memory_order_seq_cst, std::memory_order_seq_cst));
  EXPECT_FALSE(r.failure);
  EXPECT_TRUE(r.complete);
}

TEST(Atomics, ARelaxedFlagIsADataRaceOnThePayload) {
  const Report r = explore(opts_for(Strategy::dpor),
                           message_passing(std::memory_order_relaxed, std::memory_order_relaxed));
  ASSERT_TRUE(found(r, "data-race"));
  EXPECT_NE(r.failure->violations.front().message.find("data race on payload"), std::string::npos)
      << r.failure->violations.front().message;
}

TEST(Atomics, ARelaxedLoadAloneIsNotEnough) {
  const Report r = explore(opts_for(Strategy::dpor),
                           message_passing(std::memory_order_release, std::memory_order_relaxed));
  EXPECT_TRUE(found(r, "data-race"));
}

TEST(Atomics, FencesMakeRelaxedAccessesSynchronise) {
  const Report r = explore(opts_for(Strategy::dpor), [] {
    auto payload = std::make_shared<sync::var<int>>("payload", 0);
    auto ready = std::make_shared<sync::atomic<bool>>("ready", false);
    sync::thread producer("producer", [=] {
      *payload = 1;
      sync::atomic_thread_fence(std::memory_order_release);
      ready->store(true, std::memory_order_relaxed);
    });
    sync::thread consumer("consumer", [=] {
      if (ready->load(std::memory_order_relaxed)) {
        sync::atomic_thread_fence(std::memory_order_acquire);
        (void)payload->get();
      }
    });
    producer.join();
    consumer.join();
  });
  EXPECT_FALSE(r.failure) << r.failure->violations.front().message;
}

Body counter(bool atomic_increment) {
  return [atomic_increment] {
    auto n = std::make_shared<sync::atomic<int>>("n", 0);
    auto inc = [n, atomic_increment] {
      if (atomic_increment) {
        n->fetch_add(1, std::memory_order_relaxed);
      } else {
        n->store(n->load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
      }
    };
    sync::thread a("inc", inc);
    sync::thread b("inc", inc);
    a.join();
    b.join();
    sync::check(n->load() == 2, "both increments counted");
  };
}

TEST(Atomics, FetchAddNeverLosesAnUpdate) {
  const Report r = explore(opts_for(Strategy::dpor), counter(true));
  EXPECT_FALSE(r.failure);
  EXPECT_TRUE(r.complete);
}

TEST(Atomics, LoadThenStoreLosesAnUpdateButIsNotARace) {
  EXPECT_EQ(all_ids(counter(false)), std::vector<std::string>{"assertion"});
}

TEST(Atomics, CompareExchangeReportsTheValueItFound) {
  const Report r = explore(opts_for(Strategy::dfs), [] {
    sync::atomic<int> x("x", 5);
    int expected = 4;
    sync::check(!x.compare_exchange_strong(expected, 7), "fails: x is 5");
    sync::check(expected == 5, "expected now holds what was found");
    sync::check(x.compare_exchange_strong(expected, 7), "succeeds now");
    sync::check(x.load() == 7 && x.exchange(1) == 7 && x.fetch_xor(3) == 1 && x == 2, "ops");
  });
  EXPECT_FALSE(r.failure) << r.failure->violations.front().message;
}

// ---- Condition variables -----------------------------------------------------------------

TEST(ConditionVariable, WaitWithAPredicateIsSafeAndComplete) {
  const Report r = explore(opts_for(Strategy::dpor), [] {
    auto m = std::make_shared<sync::mutex>("m");
    auto cv = std::make_shared<sync::condition_variable>("cv");
    auto ready = std::make_shared<sync::var<bool>>("ready", false);
    sync::thread waiter("waiter", [=] {
      sync::unique_lock<sync::mutex> lk(*m);
      cv->wait(lk, [&] { return ready->get(); });
    });
    sync::thread setter("setter", [=] {
      {
        sync::lock_guard g(*m);
        *ready = true;
      }
      cv->notify_one();
    });
    waiter.join();
    setter.join();
  });
  EXPECT_FALSE(r.failure) << r.failure->violations.front().message;
  EXPECT_TRUE(r.complete);
}

// The lost wake-up: the waiter checks the flag without the lock; the notify can come between the
// check and the wait, and then nobody wakes it.
TEST(ConditionVariable, ALostWakeUpIsADeadlockNamingTheWait) {
  // With the default spurious wake-up budget too: a wake-up nobody promised is no way out.
  const Report r = explore(opts_for(Strategy::dpor), [] {
    auto m = std::make_shared<sync::mutex>("m");
    auto cv = std::make_shared<sync::condition_variable>("cv");
    auto ready = std::make_shared<sync::atomic<bool>>("ready", false);
    sync::thread waiter("waiter", [=] {
      if (!ready->load()) {
        sync::unique_lock<sync::mutex> lk(*m);
        cv->wait(lk);
      }
    });
    sync::thread setter("setter", [=] {
      ready->store(true);
      cv->notify_one();
    });
    waiter.join();
    setter.join();
  });
  ASSERT_TRUE(found(r, "deadlock"));
  EXPECT_NE(
      r.failure->violations.front().message.find("Thread-1 (waiter) waits for a notify on cv"),
      std::string::npos)
      << r.failure->violations.front().message;
}

Body wait_without_loop() {
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

TEST(ConditionVariable, ASpuriousWakeUpBreaksAWaitThatDoesNotLoop) {
  const Report r = explore(opts_for(Strategy::dpor), wait_without_loop());
  ASSERT_TRUE(found(r, "assertion"));
  bool spurious = false;
  for (const Step& s : r.failure->trace.steps)
    spurious |= s.kind == OpKind::wake && s.value == "spurious";
  EXPECT_TRUE(spurious);
}

TEST(ConditionVariable, WithoutSpuriousWakeUpsTheSameWaitIsSafe) {
  Options o = opts_for(Strategy::dpor);
  o.spurious_wakeups = 0;
  const Report r = explore(o, wait_without_loop());
  EXPECT_FALSE(r.failure) << r.failure->violations.front().message;
}

TEST(ConditionVariable, ATimedWaitMayTimeOut) {
  std::vector<std::string> reasons;
  Options o = opts_for(Strategy::dfs, false);
  o.record_traces = true;
  o.on_execution = [&](const Execution& e) {
    for (const Step& s : e.trace.steps)
      if (s.kind == OpKind::wake &&
          std::find(reasons.begin(), reasons.end(), s.value) == reasons.end())
        reasons.push_back(s.value);
  };
  (void)explore(o, [] {
    auto m = std::make_shared<sync::mutex>("m");
    auto cv = std::make_shared<sync::condition_variable>("cv");
    sync::thread waiter("waiter", [=] {
      sync::unique_lock<sync::mutex> lk(*m);
      (void)cv->wait_for(lk, std::chrono::seconds(1));
    });
    sync::thread notifier("notifier", [=] { cv->notify_one(); });
    waiter.join();
    notifier.join();
  });
  std::sort(reasons.begin(), reasons.end());
  EXPECT_EQ(reasons, (std::vector<std::string>{"notified", "timeout"}));
}

// std does not say which waiter notify_one wakes: even when A waits first, B may be the one.
TEST(ConditionVariable, NotifyOneMayWakeAnyWaiter) {
  std::set<int> first_woken;
  Options o = opts_for(Strategy::dpor, false);
  o.spurious_wakeups = 0;
  auto first = std::make_shared<int>(0);
  o.on_execution = [&](const Execution&) { first_woken.insert(*first); };
  const Report r = explore(o, [first] {
    *first = 0;
    auto m = std::make_shared<sync::mutex>("m");
    auto cv = std::make_shared<sync::condition_variable>("cv");
    auto waiting = std::make_shared<sync::var<int>>("waiting", 0);
    auto waiter = [=](int me) {
      sync::unique_lock lk(*m);
      while (waiting->get() != me - 1) {  // A (1) waits first, then B (2)
        lk.unlock();
        sync::this_thread::yield();
        lk.lock();
      }
      *waiting = me;
      cv->wait(lk);
      if (*first == 0) *first = me;
    };
    sync::thread a("A", [=] { waiter(1); });
    sync::thread b("B", [=] { waiter(2); });
    for (int round = 0; round < 2; ++round) {
      sync::unique_lock lk(*m);
      while (waiting->get() != 2) {
        lk.unlock();
        sync::this_thread::yield();
        lk.lock();
      }
      cv->notify_one();
    }
    a.join();
    b.join();
  });
  EXPECT_FALSE(r.failure) << r.failure->violations.front().message;
  EXPECT_TRUE(r.complete);
  EXPECT_EQ(first_woken, (std::set<int>{1, 2}));
}

TEST(ConditionVariable, WaitingWithAnUnownedLockThrowsAsStdDoes) {
  const Report r = explore(opts_for(Strategy::dfs), [] {
    sync::mutex m("m");
    sync::condition_variable cv("cv");
    sync::unique_lock<sync::mutex> lk(m, std::defer_lock);
    cv.wait(lk);
  });
  ASSERT_TRUE(r.failure);
  EXPECT_EQ(r.failure->violations.front().kind, Outcome::uncaught_exception);
  EXPECT_NE(r.failure->violations.front().message.find("does not own its mutex"),
            std::string::npos);
}

// ---- Mutex family ------------------------------------------------------------------------

TEST(Mutexes, UnnamedObjectsGetNumberedNames) {
  const Execution e = first_execution([] {
    sync::mutex a;
    sync::mutex b;
    sync::atomic<int> x(0);
    a.lock();
    b.lock();
    x.store(1);
    b.unlock();
    a.unlock();
  });
  ASSERT_GE(e.trace.steps.size(), 3u);
  EXPECT_EQ(e.trace.steps[0].object, "mutex#1");
  EXPECT_EQ(e.trace.steps[1].object, "mutex#2");
  EXPECT_EQ(e.trace.steps[2].object, "atomic#1");
  EXPECT_EQ(e.trace.steps[2].locks_held, (std::vector<std::string>{"mutex#1", "mutex#2"}));
}

Body two_locks(bool scoped) {
  return [scoped] {
    auto a = std::make_shared<sync::mutex>("A");
    auto b = std::make_shared<sync::mutex>("B");
    auto n = std::make_shared<sync::var<int>>("n", 0);
    sync::thread ab("ab", [=] {
      if (scoped) {
        sync::scoped_lock both(*a, *b);
        *n += 1;
      } else {
        sync::lock_guard ga(*a);
        sync::lock_guard gb(*b);
        *n += 1;
      }
    });
    sync::thread ba("ba", [=] {
      if (scoped) {
        sync::scoped_lock both(*b, *a);
        *n += 1;
      } else {
        sync::lock_guard gb(*b);
        sync::lock_guard ga(*a);
        *n += 1;
      }
    });
    ab.join();
    ba.join();
  };
}

TEST(Mutexes, LockOrderInversionDeadlocks) {
  EXPECT_EQ(all_ids(two_locks(false)), std::vector<std::string>{"deadlock"});
}

TEST(Mutexes, ScopedLockTakesBothInAnyOrderWithoutDeadlock) {
  const Report r = explore(opts_for(Strategy::dpor), two_locks(true));
  EXPECT_FALSE(r.failure) << r.failure->violations.front().message;
  EXPECT_TRUE(r.complete);
}

TEST(Mutexes, RecursiveMutexCountsAndReleasesOnTheLastUnlock) {
  const Report r = explore(opts_for(Strategy::dpor), [] {
    auto m = std::make_shared<sync::recursive_mutex>("rm");
    auto n = std::make_shared<sync::var<int>>("n", 0);
    auto work = [=] {
      m->lock();
      m->lock();
      *n += 1;
      m->unlock();
      *n += 1;  // still held once
      m->unlock();
    };
    sync::thread a("a", work);
    sync::thread b("b", work);
    a.join();
    b.join();
  });
  EXPECT_FALSE(r.failure) << r.failure->violations.front().message;
  EXPECT_TRUE(r.complete);
}

TEST(Mutexes, UnlockingAnotherThreadsMutexIsReported) {
  const Report r = explore(opts_for(Strategy::dfs), [] {
    auto m = std::make_shared<sync::mutex>("m");
    m->lock();
    sync::thread t("thief", [m] { m->unlock(); });
    t.join();
    m->unlock();
  });
  ASSERT_TRUE(found(r, "unlock-not-held"));
  EXPECT_NE(r.failure->violations.front().message.find("which MainThread holds"), std::string::npos)
      << r.failure->violations.front().message;
}

TEST(Mutexes, DestroyingAHeldMutexIsReported) {
  const Report r = explore(opts_for(Strategy::dfs), [] {
    auto m = std::make_unique<sync::mutex>("m");
    m->lock();
    m.reset();
  });
  ASSERT_TRUE(found(r, "misuse"));
  EXPECT_NE(r.failure->violations.front().message.find("destroys m while MainThread holds it"),
            std::string::npos);
}

Body readers_writer(bool writer_takes_it_shared) {
  return [writer_takes_it_shared] {
    auto rw = std::make_shared<sync::shared_mutex>("rw");
    auto data = std::make_shared<sync::var<int>>("data", 0);
    auto reader = [=] {
      rw->lock_shared();
      (void)data->get();
      rw->unlock_shared();
    };
    sync::thread r1("reader", reader);
    sync::thread r2("reader", reader);
    sync::thread w("writer", [=] {
      if (writer_takes_it_shared) {
        rw->lock_shared();
        *data = 1;
        rw->unlock_shared();
      } else {
        rw->lock();
        *data = 1;
        rw->unlock();
      }
    });
    r1.join();
    r2.join();
    w.join();
  };
}

TEST(Mutexes, SharedMutexOrdersWritersAgainstReaders) {
  const Report r = explore(opts_for(Strategy::dpor), readers_writer(false));
  EXPECT_FALSE(r.failure) << r.failure->violations.front().message;
  EXPECT_TRUE(r.complete);
}

TEST(Mutexes, AWriterUnderASharedLockRacesWithReaders) {
  EXPECT_EQ(all_ids(readers_writer(true)), std::vector<std::string>{"data-race"});
}

TEST(Mutexes, TwoReadersHoldItAtOnce) {
  // Both readers inside at once is reachable: a step where a reader holds rw shared while the
  // other reader also does.
  bool both = false;
  Options o = opts_for(Strategy::dfs, false);
  o.record_traces = true;
  o.on_execution = [&](const Execution& e) {
    for (const Step& s : e.trace.steps)
      both |= s.kind == OpKind::lock && s.detail == "shared" &&
              std::find(s.locks_held.begin(), s.locks_held.end(), "rw (shared)") ==
                  s.locks_held.end() &&
              s.value.empty() && s.thread == 2 &&
              std::any_of(e.trace.steps.begin(), e.trace.steps.end(),
                          [&](const Step& x) {
                            return &x < &s && x.thread == 1 && x.kind == OpKind::lock;
                          }) &&
              std::none_of(e.trace.steps.begin(), e.trace.steps.end(), [&](const Step& x) {
                return &x < &s && x.thread == 1 && x.kind == OpKind::unlock;
              });
  };
  (void)explore(o, [] {
    auto rw = std::make_shared<sync::shared_mutex>("rw");
    auto reader = [rw] {
      rw->lock_shared();
      rw->unlock_shared();
    };
    sync::thread a("reader", reader);
    sync::thread b("reader", reader);
    a.join();
    b.join();
  });
  EXPECT_TRUE(both);
}

// ---- Semaphores, call_once, threads ------------------------------------------------------

TEST(Semaphore, ReleaseHappensBeforeTheAcquireItEnables) {
  const Report r = explore(opts_for(Strategy::dpor), [] {
    auto sem = std::make_shared<sync::binary_semaphore>("handoff", 0);
    auto data = std::make_shared<sync::var<int>>("data", 0);
    sync::thread producer("producer", [=] {
      *data = 7;
      sem->release();
    });
    sync::thread consumer("consumer", [=] {
      sem->acquire();
      sync::check(data->get() == 7, "the handed-off value");
    });
    producer.join();
    consumer.join();
  });
  EXPECT_FALSE(r.failure) << r.failure->violations.front().message;
  EXPECT_TRUE(r.complete);
}

TEST(Semaphore, AnAcquireNobodyReleasesIsADeadlock) {
  const Report r = explore(opts_for(Strategy::dfs), [] {
    sync::counting_semaphore<4> sem("slots", 1);
    sem.acquire();
    sync::check(!sem.try_acquire(), "no slot left");
    sem.acquire();
  });
  ASSERT_TRUE(found(r, "deadlock"));
  EXPECT_NE(r.failure->violations.front().message.find("waits for slots (its count is 0)"),
            std::string::npos)
      << r.failure->violations.front().message;
}

TEST(Semaphore, ReleasingPastMaxIsMisuse) {
  const Report r = explore(opts_for(Strategy::dfs), [] {
    sync::binary_semaphore done("done", 1);
    done.release();  // already 1: a binary semaphore cannot count to 2
  });
  ASSERT_TRUE(found(r, "misuse"));
  EXPECT_NE(r.failure->violations.front().message.find("past its max() of 1"), std::string::npos)
      << r.failure->violations.front().message;
}

Body lazy_init(bool use_call_once) {
  return [use_call_once] {
    auto flag = std::make_shared<sync::once_flag>();
    auto built = std::make_shared<sync::var<bool>>("built", false);
    auto constructions = std::make_shared<sync::atomic<int>>("constructions", 0);
    auto get = [=] {
      if (use_call_once) {
        sync::call_once(*flag, [&] { constructions->fetch_add(1); });
      } else if (!built->get()) {  // check-then-act: two threads can both see false
        constructions->fetch_add(1);
        *built = true;
      }
    };
    sync::thread a("get", get);
    sync::thread b("get", get);
    a.join();
    b.join();
    sync::check(constructions->load() == 1, "constructed once");
  };
}

TEST(CallOnce, RunsTheFunctionExactlyOnce) {
  const Report r = explore(opts_for(Strategy::dpor), lazy_init(true));
  EXPECT_FALSE(r.failure) << r.failure->violations.front().message;
  EXPECT_TRUE(r.complete);
}

TEST(CallOnce, APlainFlagConstructsTwiceAndRaces) {
  EXPECT_EQ(all_ids(lazy_init(false)), (std::vector<std::string>{"assertion", "data-race"}));
}

TEST(Threads, TheStdFormPassesArgumentsAndNamesThreadN) {
  const Execution e = first_execution([] {
    sync::var<int> sum("sum", 0);
    sync::thread t([&sum](int a, int b) { sum = a + b; }, 2, 3);
    sync::check(t.get_id() != sync::this_thread::get_id(), "distinct ids");
    t.join();
    sync::check(sum.get() == 5, "arguments arrived");
  });
  EXPECT_TRUE(e.ok()) << e.violations.front().message;
  ASSERT_GE(e.trace.threads.size(), 2u);
  EXPECT_EQ(e.trace.threads[1], "Thread-1");
}

TEST(Threads, JoiningTwiceIsAnError) {
  const Report r = explore(opts_for(Strategy::dfs), [] {
    sync::thread t("t", [] {});
    t.join();
    t.join();
  });
  ASSERT_TRUE(r.failure);
  EXPECT_EQ(r.failure->violations.front().kind, Outcome::uncaught_exception);
  EXPECT_NE(r.failure->violations.front().message.find("not joinable"), std::string::npos);
}

}  // namespace
}  // namespace racelab::model::testing
