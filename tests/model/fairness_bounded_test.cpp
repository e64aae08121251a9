// Fairness checks itself (engine_fair.cpp, spin_probe.hpp): a loop that ends by itself is no
// spin, and hiding it must not lose the interleavings in which it finishes first. New-user trial
// 6 found each program below called safe (the thread that polled a bounded number of times, or
// yielded once, was hidden until the other thread had run); each is a violation now, under the
// exhaustive strategies, and the report names the loop that was no spin.
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "programs.hpp"

namespace racelab::model::testing {
namespace {

// t1 polls x `polls` times at one line, then publishes y; t2 reads y, then sets x. The check
// fails when t1 finishes before t2 starts — a real interleaving.
Body bounded_poll(int polls) {
  return [polls] {
    sync::atomic<int> x("x", 0);
    sync::atomic<int> y("y", 0);
    int r = -1;
    int sum = 0;
    sync::thread t2("t2", [&] {
      r = y.load();
      x.store(1);
    });
    sync::thread t1("t1", [&] {
      for (int i = 0; i < polls; ++i) sum += x.load();
      y.store(1);
    });
    t2.join();
    t1.join();
    model::check(r != 1, "t2 saw y == 1 (t1 ran first)");
  };
}

// One yield() (no loop) before a store.
void lone_yield() {
  sync::atomic<int> x("x", 0);
  int r = -1;
  sync::thread t2("t2", [&] { r = x.load(); });
  sync::thread t1("t1", [&] {
    sync::this_thread::yield();
    x.store(1);
  });
  t2.join();
  t1.join();
  model::check(r != 1, "t2 saw x == 1");
}

// try_lock three times, then a fallback that reads without the lock.
void try_lock_then_fallback() {
  sync::mutex m("m");
  sync::atomic<int> stored("stored", 0);
  int seen = -1;
  sync::thread holder("holder", [&] {
    m.lock();
    stored.store(1);
    m.unlock();
  });
  sync::thread trier("trier", [&] {
    for (int i = 0; i < 3; ++i) {
      if (m.try_lock()) {
        m.unlock();
        return;
      }
    }
    seen = stored.load();
  });
  holder.join();
  trier.join();
  model::check(seen != 0, "the fallback saw stored == 0");
}

Report run(Strategy s, const Body& body) {
  Options o;
  o.strategy = s;
  return explore(o, body);
}

class BoundedSpin : public ::testing::TestWithParam<Strategy> {};

TEST_P(BoundedSpin, ABoundedPollThatFinishesFirstIsFound) {
  const Report r = run(GetParam(), bounded_poll(3));
  ASSERT_TRUE(r.failure) << "safe in " << r.schedules << " schedules";
  EXPECT_EQ(r.failure->violations.front().message.rfind("t2 saw y == 1", 0), 0u);
}

// Six polls: the spinner is hidden after its third and woken when t2 sets x, so no run shows it
// leaving its loop by itself; the probe (run it alone from where it was hidden) does.
TEST_P(BoundedSpin, APollWokenBeforeItEndsIsProbedAndFound) {
  const Report r = run(GetParam(), bounded_poll(6));
  ASSERT_TRUE(r.failure) << "safe in " << r.schedules << " schedules";
}

TEST_P(BoundedSpin, ALoneYieldIsNoSpin) {
  const Report r = run(GetParam(), lone_yield);
  ASSERT_TRUE(r.failure) << "safe in " << r.schedules << " schedules";
}

TEST_P(BoundedSpin, TryLockRetriedThenAFallbackIsFound) {
  const Report r = run(GetParam(), try_lock_then_fallback);
  ASSERT_TRUE(r.failure) << "safe in " << r.schedules << " schedules";
}

INSTANTIATE_TEST_SUITE_P(Exhaustive, BoundedSpin, ::testing::Values(Strategy::dpor, Strategy::dfs),
                         [](const auto& info) {
                           return std::string(info.param == Strategy::dpor ? "Dpor" : "Dfs");
                         });

// Without the bug the verdict is safe and complete, and the report says which loop was no spin
// and that the search started again (a note every printer shows).
TEST(BoundedSpin, ASafeBoundedPollIsProvenAndTheLoopIsNamed) {
  const Report r = run(Strategy::dpor, [] {
    sync::atomic<int> x("x", 0);
    int sum = 0;
    sync::thread t1("t1", [&] {
      for (int i = 0; i < 6; ++i) sum += x.load();
    });
    x.store(1);
    t1.join();
  });
  EXPECT_FALSE(r.failure);
  EXPECT_TRUE(r.complete);
  EXPECT_NE(r.bounded_spin.find("fairness: Thread-1 (t1)'s loop at "), std::string::npos)
      << r.bounded_spin;
  EXPECT_NE(r.bounded_spin.find("fairness_bounded_test.cpp"), std::string::npos) << r.bounded_spin;
  EXPECT_NE(r.bounded_spin.find("ends by itself"), std::string::npos) << r.bounded_spin;
  ASSERT_FALSE(notes(r).empty());
  EXPECT_EQ(notes(r).front().field, "bounded_spin");
}

}  // namespace
}  // namespace racelab::model::testing
