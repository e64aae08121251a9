// The std-mirroring primitives under the model, part 1: atomics (the happens-before each memory
// order creates, and what it does not: a race is reported) and condition variables (lost and
// spurious wake-ups, timed waits, misuse reported as a violation, never a crash).
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "primitives_helpers.hpp"
#include "programs.hpp"

namespace racelab::model::testing {
namespace {

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

// sync::check takes a message built at run time too, as model::check does.
TEST(Atomics, ACheckMessageBuiltAtRunTimeIsTheViolationsMessage) {
  const Report r = explore(opts_for(Strategy::dpor), [] {
    sync::atomic<int> n("n", 41);
    sync::check(n.load() == 42, "n is " + std::to_string(n.load()));
  });
  ASSERT_TRUE(r.failure);
  EXPECT_EQ(r.failure->violations.front().message.rfind("n is 41 (", 0), 0u)
      << r.failure->violations.front().message;
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

// atomic_flag: std's operations under their std names, one step each, and ATOMIC_FLAG_INIT.
TEST(Atomics, AtomicFlagStepsCarryStdsNamesAndWhatTheyFound) {
  const Execution e = first_execution([] {
    sync::atomic_flag flag = ATOMIC_FLAG_INIT;
    sync::check(!flag.test_and_set(std::memory_order_acquire), "a new flag is clear");
    sync::check(flag.test() && flag.test_and_set(), "then set");
    flag.wait(false);  // set: returns at once
    flag.clear(std::memory_order_release);
    sync::check(!flag.test(), "clear again");
    sync::atomic_flag set_from_the_start(1);
    sync::check(set_from_the_start.test(), "the int constructor sets it");
  });
  ASSERT_TRUE(e.violations.empty()) << e.violations.front().message;
  std::vector<std::string> ops;
  for (const Step& s : e.trace.steps) {
    if (s.kind == OpKind::load || s.kind == OpKind::store || s.kind == OpKind::rmw ||
        s.kind == OpKind::wait)
      ops.push_back(op_text(s) + " -> " + s.value);
  }
  EXPECT_EQ(
      ops,
      (std::vector<std::string>{
          "rmw atomic_flag#1 (test_and_set, acquire) -> was clear",
          "load atomic_flag#1 (test) -> was set", "rmw atomic_flag#1 (test_and_set) -> was set",
          "wait atomic_flag#1 -> set: returns", "store atomic_flag#1 (clear, release) -> ",
          "load atomic_flag#1 (test) -> was clear", "load atomic_flag#2 (test) -> was set"}));
}

// ---- Condition variables -----------------------------------------------------------------

// A waiter with a predicate, and a setter that sets it under the lock and notifies.
Body predicate_wait() {
  return [] {
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
  };
}

TEST(ConditionVariable, WaitWithAPredicateIsSafeAndComplete) {
  const Report r = explore(opts_for(Strategy::dpor), predicate_wait());
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

// Leaving a waiter nobody notified is no preemption: only a spurious wake-up could move it on.
// So under a preemption bound of 0 the waiter may sleep until the notify wakes it — before, that
// switch cost a preemption, and every bounded execution in which the waiter waited first woke it
// spuriously.
TEST(ConditionVariable, LeavingAWaiterNobodyNotifiedIsNoPreemption) {
  for (Strategy s : {Strategy::dfs, Strategy::dpor}) {
    Options o = opts_for(s, false);
    o.preemption_bound = 0;
    o.record_traces = true;
    bool notified_without_spurious = false;
    o.on_execution = [&](const Execution& e) {
      bool spurious = false, notified = false;
      for (const Step& st : e.trace.steps) {
        spurious |= st.kind == OpKind::wake && st.value == "spurious";
        notified |= st.kind == OpKind::wake && st.value == "notified";
      }
      EXPECT_EQ(e.preemptions, 0);
      notified_without_spurious |= notified && !spurious;
    };
    const Report r = explore(o, predicate_wait());
    EXPECT_FALSE(r.failure);
    EXPECT_TRUE(notified_without_spurious) << "strategy " << static_cast<int>(s);
  }
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

}  // namespace
}  // namespace racelab::model::testing
