// Fair scheduling: a spin-wait on a flag another thread sets is safe and complete under every
// strategy; a spin on a flag nobody sets is a livelock under every strategy (not a step limit).
// Among the spins: the textbook test-and-set lock, `while (busy.exchange(true)) {}` — each
// iteration writes true over true, which changes nothing, so it spins like a re-read (before,
// the write counted as progress: a correct spinlock was a step-limit violation).
#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>

#include "programs.hpp"

namespace racelab::model::testing {
namespace {

enum class Spin { yield, reread, try_lock, locked_poll, test_and_set, compare_exchange };

// `setter` says whether another thread ever ends the wait.
Body spin_wait(Spin how, bool setter) {
  return [how, setter] {
    auto flag = std::make_shared<sync::atomic<bool>>("flag", false);
    auto busy = std::make_shared<sync::atomic<bool>>("busy", true);  // a held test-and-set lock
    auto m = std::make_shared<sync::mutex>("m");
    if (how == Spin::try_lock) m->lock();
    sync::thread waiter("waiter", [=] {
      switch (how) {
        case Spin::yield:
          while (!flag->load(std::memory_order_acquire)) sync::this_thread::yield();
          break;
        case Spin::reread:
          while (!flag->load(std::memory_order_acquire)) {
          }
          break;
        case Spin::try_lock:
          while (!m->try_lock()) {
          }
          m->unlock();
          break;
        case Spin::locked_poll:  // look under the lock, let go, look again
          for (;;) {
            sync::lock_guard g(*m);
            if (flag->load(std::memory_order_relaxed)) break;
          }
          break;
        case Spin::test_and_set:
          while (busy->exchange(true, std::memory_order_acquire)) {
          }
          break;
        case Spin::compare_exchange: {  // the textbook lock: expected put back, then a yield
          bool expected = false;
          while (!busy->compare_exchange_weak(expected, true, std::memory_order_acquire)) {
            expected = false;
            sync::this_thread::yield();
          }
          break;
        }
      }
    });
    if (setter && how == Spin::try_lock) m->unlock();
    const bool on_busy = how == Spin::test_and_set || how == Spin::compare_exchange;
    if (setter && on_busy) busy->store(false, std::memory_order_release);
    if (setter && how != Spin::try_lock && !on_busy) flag->store(true, std::memory_order_release);
    waiter.join();
    if (how == Spin::try_lock && !setter) m->unlock();
  };
}

struct Case {
  Strategy strategy;
  Spin how;
};

std::string case_name(const Case& c) {
  const char* how = c.how == Spin::yield              ? "Yield"
                    : c.how == Spin::reread           ? "Reread"
                    : c.how == Spin::try_lock         ? "TryLock"
                    : c.how == Spin::test_and_set     ? "TestAndSet"
                    : c.how == Spin::compare_exchange ? "CompareExchange"
                                                      : "LockedPoll";
  return to_string(c.strategy) + how;
}

class FairSpin : public ::testing::TestWithParam<Case> {};

Options options(Strategy s) {
  Options o;
  o.strategy = s;
  o.seed = 7;
  o.max_schedules = s == Strategy::random || s == Strategy::pct ? 200 : 0;
  return o;
}

TEST_P(FairSpin, AWaitAnotherThreadEndsIsSafe) {
  const Report r = explore(options(GetParam().strategy), spin_wait(GetParam().how, true));
  EXPECT_FALSE(r.failure) << r.failure->violations.front().message;
  EXPECT_EQ(r.bounded_spin, "");  // a spin that waits for a change is hidden, never "bounded"
  if (GetParam().strategy == Strategy::dpor || GetParam().strategy == Strategy::dfs) {
    EXPECT_TRUE(r.complete);
  }
}

TEST_P(FairSpin, AWaitNobodyEndsIsALivelock) {
  const Report r = explore(options(GetParam().strategy), spin_wait(GetParam().how, false));
  ASSERT_TRUE(r.failure);
  const Violation& v = r.failure->violations.front();
  EXPECT_EQ(v.kind, Outcome::livelock) << v.message;
  EXPECT_NE(v.message.find("Thread-1 (waiter) spins at"), std::string::npos) << v.message;
  EXPECT_EQ(r.failing_schedules, r.schedules);  // no fair schedule ends the spin
}

INSTANTIATE_TEST_SUITE_P(
    EveryStrategy, FairSpin,
    ::testing::Values(
        Case{Strategy::dpor, Spin::yield}, Case{Strategy::dfs, Spin::yield},
        Case{Strategy::pct, Spin::yield}, Case{Strategy::random, Spin::yield},
        Case{Strategy::dpor, Spin::reread}, Case{Strategy::dfs, Spin::reread},
        Case{Strategy::pct, Spin::reread}, Case{Strategy::random, Spin::reread},
        Case{Strategy::dpor, Spin::try_lock}, Case{Strategy::dfs, Spin::try_lock},
        Case{Strategy::pct, Spin::try_lock}, Case{Strategy::random, Spin::try_lock},
        Case{Strategy::dpor, Spin::locked_poll}, Case{Strategy::dfs, Spin::locked_poll},
        Case{Strategy::pct, Spin::locked_poll}, Case{Strategy::random, Spin::locked_poll},
        Case{Strategy::dpor, Spin::test_and_set}, Case{Strategy::dfs, Spin::test_and_set},
        Case{Strategy::pct, Spin::test_and_set}, Case{Strategy::random, Spin::test_and_set},
        Case{Strategy::dpor, Spin::compare_exchange}, Case{Strategy::dfs, Spin::compare_exchange},
        Case{Strategy::pct, Spin::compare_exchange},
        Case{Strategy::random, Spin::compare_exchange}),
    [](const ::testing::TestParamInfo<Case>& i) { return case_name(i.param); });

// Two threads deposit 10 each under a spinlock on `locked` that `lock` takes (the unlock is a
// release store of false); the body checks that both deposits counted.
Body two_deposits(std::function<void(sync::atomic<bool>&)> lock) {
  return [lock] {
    auto locked = std::make_shared<sync::atomic<bool>>("locked", false);
    auto balance = std::make_shared<sync::var<int>>("balance", 0);
    const auto deposit = [=] {
      lock(*locked);
      balance->set(balance->get() + 10);
      locked->store(false, std::memory_order_release);
    };
    sync::thread a("deposit", deposit);
    sync::thread b("deposit", deposit);
    a.join();
    b.join();
    sync::check(balance->get() == 20, "both deposits");
  };
}

// Two threads take and give back the textbook spinlock: safe, and every interleaving explored.
TEST(FairSpin, TheTestAndSetSpinlockIsSafe) {
  for (const Strategy s : {Strategy::dpor, Strategy::dfs}) {
    const Report r = explore(options(s), two_deposits([](sync::atomic<bool>& locked) {
                               while (locked.exchange(true, std::memory_order_acquire)) {
                               }
                             }));
    EXPECT_FALSE(r.failure) << to_string(s) << ": " << r.failure->violations.front().message;
    EXPECT_TRUE(r.complete) << to_string(s);
  }
}

// The compare_exchange spinlock, with and without the textbook bug: a loop that does not put
// `false` back into `expected` after a failure retries compare_exchange(true -> true), which
// succeeds while the lock is held — two threads inside at once. A yield after the failure must
// not hide the retry (new-user trial 5: the buggy lock was "safe" under dpor and dfs).
Body cas_spinlock(bool resets_expected, bool yields) {
  return two_deposits([resets_expected, yields](sync::atomic<bool>& locked) {
    bool expected = false;
    while (!locked.compare_exchange_weak(expected, true, std::memory_order_acquire,
                                         std::memory_order_relaxed)) {
      if (resets_expected) expected = false;
      if (yields) sync::this_thread::yield();
    }
  });
}

TEST(FairSpin, ACompareExchangeLockThatKeepsExpectedIsFound) {
  for (const bool yields : {true, false}) {
    for (const Strategy s : {Strategy::dpor, Strategy::dfs}) {
      const Report r = explore(options(s), cas_spinlock(false, yields));
      ASSERT_TRUE(r.failure) << to_string(s) << (yields ? ", yields" : "");
      const Outcome kind = r.failure->violations.front().kind;
      EXPECT_TRUE(kind == Outcome::data_race || kind == Outcome::assertion_failed)
          << r.failure->violations.front().message;
    }
  }
}

TEST(FairSpin, ACompareExchangeLockThatResetsExpectedIsSafe) {
  for (const bool yields : {true, false}) {
    for (const Strategy s : {Strategy::dpor, Strategy::dfs}) {
      const Report r = explore(options(s), cas_spinlock(true, yields));
      EXPECT_FALSE(r.failure) << to_string(s) << ": " << r.failure->violations.front().message;
      EXPECT_TRUE(r.complete) << to_string(s);
    }
  }
}

// Straight-line code that reads one location twice at one line — the message of a check, two
// implicit reads — is no spinner: hiding it while others run would lose the interleavings in which
// it goes first (new-user trial 4: this program was "safe" under dpor and dfs; it is not).
TEST(FairSpin, ReadingOneVarTwiceOnOneLineIsNoSpin) {
  for (const bool implicit : {false, true}) {
    for (const Strategy s : {Strategy::dpor, Strategy::dfs}) {
      const Report r = explore(options(s), [implicit] {
        auto x = std::make_shared<sync::var<int>>("x", 0);
        auto order = std::make_shared<sync::var<int>>("order", 0);
        auto m = std::make_shared<sync::mutex>("m");
        sync::thread t1("first", [=] {
          if (implicit) {
            const int a = *x;
            const int b = *x;
            sync::check(a == b, "x is stable");
          } else {
            sync::check(x->get() == 0, "x is " + std::to_string(x->get()));
          }
          sync::lock_guard g(*m);
          if (order->get() == 0) order->set(1);
        });
        sync::thread t2("second", [=] {
          sync::lock_guard g(*m);
          if (order->get() == 0) order->set(2);
        });
        t1.join();
        t2.join();
        sync::check(order->get() == 2, "the second won the race");
      });
      ASSERT_TRUE(r.failure) << to_string(s) << (implicit ? ", implicit reads" : "");
      EXPECT_EQ(r.failure->violations.front().message.rfind("the second won the race", 0), 0u)
          << r.failure->violations.front().message;
    }
  }
}

TEST(FairSpin, ABoundedSpinThatEndsByItselfIsNotALivelock) {
  Options o;
  o.strategy = Strategy::dpor;
  const Report r = explore(o, [] {
    sync::atomic<bool> flag("flag", false);
    for (int i = 0; i < 5 && !flag.load(); ++i) sync::this_thread::yield();
  });
  EXPECT_FALSE(r.failure) << r.failure->violations.front().message;
}

TEST(FairSpin, TheSpinLimitIsAnOption) {
  Options o;
  o.strategy = Strategy::dpor;
  o.spin_limit = 3;
  const Report r = explore(o, [] {
    sync::atomic<bool> flag("flag", false);
    for (int i = 0; i < 5 && !flag.load(); ++i) sync::this_thread::yield();
  });
  ASSERT_TRUE(r.failure);
  EXPECT_EQ(r.failure->violations.front().kind, Outcome::livelock);
}

}  // namespace
}  // namespace racelab::model::testing
