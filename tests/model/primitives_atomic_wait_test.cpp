// The std-mirroring primitives under the model, part 3: C++20's atomic wait/notify. A wait that
// finds the value unchanged sleeps in the same step (as a futex compares and sleeps at once), so
// only a missing notify can strand it: then the model reports the deadlock real code may meet.
// dpor and dfs must agree on every verdict here (wait, wake and notify are new steps for both).
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "primitives_helpers.hpp"
#include "programs.hpp"

namespace racelab::model::testing {
namespace {

// A producer publishes a payload behind `ready` and (when notify) wakes the consumer, which
// waits for ready to leave false.
Body publish(bool notify, std::memory_order store_order, std::memory_order wait_order) {
  return [=] {
    auto payload = std::make_shared<sync::var<int>>("payload", 0);
    auto ready = std::make_shared<sync::atomic<bool>>("ready", false);
    sync::thread consumer("consumer", [=] {
      ready->wait(false, wait_order);
      sync::check(payload->get() == 42, "the payload is published");
    });
    sync::thread producer("producer", [=] {
      *payload = 42;
      ready->store(true, store_order);
      if (notify) ready->notify_one();
    });
    consumer.join();
    producer.join();
  };
}

constexpr auto kRelease = std::memory_order_release;
constexpr auto kAcquire = std::memory_order_acquire;
constexpr auto kRelaxed = std::memory_order_relaxed;

TEST(AtomicWait, StoreThenNotifyWakesTheWaiterSafelyUnderDporAndDfs) {
  for (Strategy s : {Strategy::dpor, Strategy::dfs}) {
    const Report r = explore(opts_for(s), publish(true, kRelease, kAcquire));
    EXPECT_FALSE(r.failure) << r.failure->violations.front().message;
    EXPECT_TRUE(r.complete);
    EXPECT_GT(r.schedules, 1u);  // the waiter sleeps in some schedules, returns at once in others
  }
}

TEST(AtomicWait, AStoreNobodyNotifiesStrandsTheWaiter) {
  for (Strategy s : {Strategy::dpor, Strategy::dfs}) {
    const Report r = explore(opts_for(s), publish(false, kRelease, kAcquire));
    ASSERT_TRUE(found(r, "deadlock"));
    const std::string& message = r.failure->violations.front().message;
    EXPECT_NE(message.find("Thread-1 (consumer) waits for a notify on ready"), std::string::npos)
        << message;
  }
}

// The same deadlock, as the timeline shows it: the wait saw false and slept, the store came, and
// nothing woke the sleeper.
TEST(AtomicWait, TheTimelineShowsTheWaitSleepingAndTheStoreAfterIt) {
  const Report r = explore(opts_for(Strategy::dpor), publish(false, kRelease, kAcquire));
  ASSERT_TRUE(found(r, "deadlock"));
  std::vector<std::string> seen;
  for (const Step& s : r.failure->trace.steps) {
    if (s.object == "ready") seen.push_back(op_text(s) + " -> " + s.value);
  }
  ASSERT_GE(seen.size(), 2u);
  EXPECT_EQ(seen.front(), "wait ready (acquire) -> sleeps");
  EXPECT_EQ(seen.back().rfind("store ready (release)", 0), 0u) << seen.back();
}

// Relaxed on both sides: the wait returns only after the store, but orders nothing — the payload
// is a data race (the wake-up is no happens-before edge either).
TEST(AtomicWait, ARelaxedWaitPublishesNothing) {
  EXPECT_EQ(all_ids(publish(true, kRelaxed, kRelaxed)), std::vector<std::string>{"data-race"});
  EXPECT_EQ(all_ids(publish(true, kRelaxed, kRelaxed), opts_for(Strategy::dfs, false)),
            std::vector<std::string>{"data-race"});
}

// Two waiters, one notify_one: one of them may sleep for good. notify_all wakes both.
Body two_waiters(bool all) {
  return [=] {
    auto flag = std::make_shared<sync::atomic<int>>("flag", 0);
    const auto wait = [=] { flag->wait(0); };
    sync::thread a("waiter", wait);
    sync::thread b("waiter", wait);
    sync::thread c("setter", [=] {
      flag->store(1);
      if (all) {
        flag->notify_all();
      } else {
        flag->notify_one();
      }
    });
    a.join();
    b.join();
    c.join();
  };
}

TEST(AtomicWait, NotifyOneLeavesASecondWaiterAsleepNotifyAllDoesNot) {
  for (Strategy s : {Strategy::dpor, Strategy::dfs}) {
    EXPECT_EQ(all_ids(two_waiters(false), opts_for(s, false)),
              std::vector<std::string>{"deadlock"});
    const Report r = explore(opts_for(s), two_waiters(true));
    EXPECT_FALSE(r.failure) << r.failure->violations.front().message;
    EXPECT_TRUE(r.complete);
  }
}

// dpor explores one execution per trace; dfs every schedule. On these programs dpor's traces
// must not exceed dfs's schedules, and both must see the same outcomes (checked above).
TEST(AtomicWait, DporRunsNoMoreExecutionsThanDfs) {
  const Report dpor = explore(opts_for(Strategy::dpor, false), two_waiters(true));
  const Report dfs = explore(opts_for(Strategy::dfs, false), two_waiters(true));
  ASSERT_TRUE(dpor.complete && dfs.complete);
  EXPECT_LE(dpor.schedules, dfs.schedules);
}

// Every final state dfs reaches, dpor reaches too (and no other): two waiters that record what
// they saw after waking; MainThread stores twice and notifies after each store (dfs: 12,431 and
// 25,301 schedules; dpor: 756 and 1,488 traces).
TEST(AtomicWait, DporAndDfsReachTheSameFinalStates) {
  const auto states = [](Strategy s, bool notify_all_first) {
    auto seen = std::make_shared<std::set<std::string>>();
    Options o = opts_for(s, false);
    const Report r = explore(o, [=] {
      auto flag = std::make_shared<sync::atomic<int>>("flag", 0);
      auto a_saw = std::make_shared<int>(-1);
      auto b_saw = std::make_shared<int>(-1);
      sync::thread a("waiter", [=] {
        flag->wait(0);
        *a_saw = flag->load();
      });
      sync::thread b("waiter", [=] {
        flag->wait(0);
        *b_saw = flag->load();
      });
      flag->store(1);  // MainThread sets (fewer steps than a thread of its own)
      if (notify_all_first) {
        flag->notify_all();
      } else {
        flag->notify_one();
      }
      flag->store(2);
      flag->notify_all();
      a.join();
      b.join();
      seen->insert(std::to_string(*a_saw) + "," + std::to_string(*b_saw));
    });
    EXPECT_TRUE(r.complete);
    EXPECT_FALSE(r.failure) << r.failure->violations.front().message;
    return *seen;
  };
  for (bool all : {false, true}) {
    const std::set<std::string> dfs = states(Strategy::dfs, all);
    EXPECT_EQ(states(Strategy::dpor, all), dfs);
    EXPECT_EQ(dfs, (std::set<std::string>{"1,1", "1,2", "2,1", "2,2"}));
  }
}

// std's preconditions on orders: a load or a wait takes no release/acq_rel order, a store no
// consume/acquire/acq_rel. Each breach is a misuse naming the call and the orders allowed.
TEST(AtomicWait, AnOrderStdForbidsIsAMisuseNamingTheCall) {
  const auto messages = [](const Body& body) {
    std::vector<std::string> out;
    const Report r = explore(opts_for(Strategy::dfs, false), body);
    if (r.failure) {
      for (const Violation& v : r.failure->violations) {
        if (v.id == "misuse") out.push_back(v.message.substr(0, v.message.find(':')));
      }
    }
    return out;
  };
  EXPECT_EQ(messages([] {
              sync::atomic<int> x("x", 1);
              x.wait(0, std::memory_order_release);
            }),
            std::vector<std::string>{"MainThread calls x.wait with memory_order_release"});
  EXPECT_EQ(messages([] {
              sync::atomic<int> x("x", 1);
              (void)x.load(std::memory_order_acq_rel);
              x.store(2, std::memory_order_acquire);
            }),
            (std::vector<std::string>{"MainThread calls x.load with memory_order_acq_rel",
                                      "MainThread calls x.store with memory_order_acquire"}));
  EXPECT_EQ(messages([] {
              sync::atomic_flag f("f");
              f.clear(std::memory_order_consume);
              (void)f.test(std::memory_order_release);
            }),
            (std::vector<std::string>{"MainThread calls f.clear with memory_order_consume",
                                      "MainThread calls f.test with memory_order_release"}));
  // The orders std allows are no misuse.
  EXPECT_TRUE(messages([] {
                sync::atomic<int> x("x", 1);
                x.wait(0, std::memory_order_acquire);
                (void)x.load(std::memory_order_consume);
                x.store(2, std::memory_order_release);
                (void)x.exchange(3, std::memory_order_acq_rel);
              }).empty());
}

// atomic_flag has the same wait/notify (C++20): a flag used as a one-shot event.
TEST(AtomicWait, AnAtomicFlagWaitsAndIsNotifiedToo) {
  const Report r = explore(opts_for(Strategy::dpor), [] {
    auto done = std::make_shared<sync::atomic_flag>("done");
    auto result = std::make_shared<sync::var<int>>("result", 0);
    sync::thread worker("worker", [=] {
      *result = 7;
      done->test_and_set(std::memory_order_release);
      done->notify_all();
    });
    done->wait(false, std::memory_order_acquire);
    sync::check(result->get() == 7, "the result is ready");
    worker.join();
  });
  EXPECT_FALSE(r.failure) << r.failure->violations.front().message;
  EXPECT_TRUE(r.complete);
}

}  // namespace
}  // namespace racelab::model::testing
