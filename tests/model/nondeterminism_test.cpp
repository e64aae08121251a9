// The determinism guard: a body that does not run the same way twice gets no verdict, but a
// model::nondeterministic_body naming the schedule, the first diverging step and the likely cause
// — under every strategy, for each kind of nondeterminism (docs/reliability.md).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "racelab/model/explore.hpp"
#include "racelab/sync.hpp"

namespace racelab::model::testing {
namespace {

// Three threads take one lock once each: several traces under every strategy (the lock makes
// their orders dependent, so dpor explores them too). `extra` runs in MainThread before.
Body three_lockers(std::function<void()> extra) {
  return [extra] {
    extra();
    auto lock = std::make_shared<sync::mutex>("lock");
    std::vector<sync::thread> threads;
    for (int i = 0; i < 3; ++i) {
      threads.emplace_back("locker", [lock] {
        lock->lock();
        lock->unlock();
      });
    }
    for (auto& t : threads) t.join();
  };
}

// Four yields, each labelled by `pick` (0..7): a different pick is a different step.
void labelled_yields(const std::function<unsigned()>& pick) {
  static const char* const kLabels[] = {"a", "b", "c", "d", "e", "f", "g", "h"};
  for (int i = 0; i < 4; ++i) sync::this_thread::yield(kLabels[pick() % 8]);
}

Options with(Strategy s) {
  Options o;
  o.strategy = s;
  o.seed = 7;
  return o;
}

class Guard : public ::testing::TestWithParam<Strategy> {};

// Throws what explore() throws, or fails the test when it returns.
nondeterministic_body explore_expecting_guard(const Options& o, const Body& body) {
  try {
    explore(o, body);
  } catch (const nondeterministic_body& e) {
    return e;
  }
  ADD_FAILURE() << "explore() returned: the guard missed it under " << to_string(o.strategy);
  return nondeterministic_body("", 0, "", "", "");
}

TEST_P(Guard, StateKeptBetweenExecutionsIsCaught) {
  // Every execution after the third fails. Re-running the failing schedule right away would
  // fail again (the state is still there); the first schedule, run again after the others, does
  // not end as it did.
  auto executions = std::make_shared<int>(0);
  const auto e = explore_expecting_guard(with(GetParam()), three_lockers([executions] {
                                           ++*executions;
                                           check(*executions <= 3, "leftover state");
                                         }));
  EXPECT_NE(std::string(e.cause()).find("state kept between executions"), std::string::npos)
      << e.what();
  EXPECT_FALSE(e.schedule().empty());
  EXPECT_NE(std::string(e.what()).find(e.schedule()), std::string::npos);
  EXPECT_GT(*executions, 4);
}

TEST_P(Guard, RandIsCaughtAtTheFirstDivergingStep) {
  std::srand(1);  // glibc's sequence from seed 1: the test is the same every run
  const auto e = explore_expecting_guard(
      with(GetParam()),
      three_lockers([] { labelled_yields([] { return static_cast<unsigned>(std::rand()); }); }));
  EXPECT_GE(e.step(), 1u) << e.what();
  EXPECT_LE(e.step(), 4u) << e.what();  // one of the four labelled yields
  EXPECT_NE(e.first(), e.second());
  EXPECT_NE(e.first().find("nondeterminism_test.cpp"), std::string::npos) << e.what();
  EXPECT_NE(std::string(e.cause()).find("time or randomness"), std::string::npos) << e.what();
}

// A global that flips every execution (new-user trial 3, F9): the re-runs differ from each other
// too, so the cause names both readings, and the first diverging step — one whose words are the
// same in both runs, only whether it was a preemption differs — says what differs.
TEST_P(Guard, AFlippingGlobalSaysWhatDiffersAndBothLikelyCauses) {
  auto calls = std::make_shared<int>(0);
  const auto e = explore_expecting_guard(with(GetParam()), [calls] {
    ++*calls;
    auto v = std::make_shared<sync::var<int>>("v", 0);
    sync::thread a("w", [v] { *v = 1; });
    if (*calls % 2 == 0) sync::this_thread::yield("extra");
    a.join();
  });
  EXPECT_NE(e.first(), e.second()) << e.what();
  const std::string cause = e.cause();
  EXPECT_NE(cause.find("time or randomness"), std::string::npos) << e.what();
  EXPECT_NE(cause.find("a global counter the body does not reset"), std::string::npos) << e.what();
}

// A thread started only every other execution (new-user trial 5): dfs and dpor replay a prefix to
// reach their next branch and find other threads there. That is the guard's verdict too — no
// verdict, a schedule and what could run — not an internal error that ends the process.
TEST_P(Guard, AThreadStartedEveryOtherExecutionIsCaughtWhileReplaying) {
  auto calls = std::make_shared<int>(0);
  const auto e = explore_expecting_guard(with(GetParam()), [calls] {
    ++*calls;
    auto x = std::make_shared<sync::var<int>>("x", 0);
    sync::thread a("a", [x] { *x = 1; });
    if (*calls % 2 != 0) {
      sync::thread b("b", [x] { (void)x->get(); });
      b.join();
    }
    a.join();
  });
  EXPECT_NE(e.first(), e.second()) << e.what();
  EXPECT_NE(std::string(e.cause()).find("time or randomness"), std::string::npos) << e.what();
  EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos) << e.what();
}

TEST_P(Guard, ClockIsCaught) {
  // The clock moves between executions (microseconds apart at least); the label mixes its bits.
  const auto e = explore_expecting_guard(
      with(GetParam()), three_lockers([] {
        labelled_yields([] {
          const auto ns = static_cast<unsigned long long>(
              std::chrono::steady_clock::now().time_since_epoch().count());
          return static_cast<unsigned>(ns ^ (ns >> 7) ^ (ns >> 13) ^ (ns >> 19));
        });
      }));
  EXPECT_GE(e.step(), 1u) << e.what();
  EXPECT_NE(std::string(e.cause()).find("time or randomness"), std::string::npos) << e.what();
}

TEST_P(Guard, HiddenStdThreadIsCaught) {
  // A std::thread uses the facade: the scheduler never sees its operation.
  const auto e = explore_expecting_guard(
      with(GetParam()), three_lockers([] {
        std::thread hidden([] { sync::this_thread::yield("behind the back"); });
        hidden.join();
      }));
  EXPECT_NE(std::string(e.cause()).find("std::thread"), std::string::npos) << e.what();
}

TEST_P(Guard, DeterministicBodyWithACounterThatChangesNothingPasses) {
  // State kept between executions is harmless when the body does not act on it.
  auto executions = std::make_shared<int>(0);
  const Report r = explore(with(GetParam()), three_lockers([executions] { ++*executions; }));
  EXPECT_FALSE(r.failure);
  EXPECT_GT(*executions, 0);
}

INSTANTIATE_TEST_SUITE_P(EveryStrategy, Guard,
                         ::testing::Values(Strategy::dfs, Strategy::dpor, Strategy::random,
                                           Strategy::pct),
                         [](const auto& info) { return to_string(info.param); });

TEST(Guard, IsALogicErrorWithAOneLineMessage) {
  const nondeterministic_body e("0x4.1", 3, "thread 1: lock m\nx", "thread 2: \x1b[2J", "cause");
  const std::logic_error& base = e;  // catch (const std::logic_error&) still catches it
  const std::string what = base.what();
  EXPECT_EQ(what.find('\n'), std::string::npos) << what;
  EXPECT_EQ(what.find('\x1b'), std::string::npos) << what;
  EXPECT_NE(what.find("at step 3"), std::string::npos) << what;
  EXPECT_EQ(e.step(), 3u);
  EXPECT_EQ(e.schedule(), "0x4.1");
}

TEST(Guard, ReplayCatchesAHiddenStdThread) {
  EXPECT_THROW(replay("", three_lockers([] {
                        std::thread hidden([] { sync::this_thread::yield("behind the back"); });
                        hidden.join();
                      })),
               nondeterministic_body);
}

TEST(Guard, RechecksAreNotCountedAsSchedules) {
  Options o = with(Strategy::random);
  o.max_schedules = 250;  // samples: schedules 1, 101 and 201
  std::size_t seen = 0;
  o.on_execution = [&](const Execution&) { ++seen; };
  const Report r = explore(o, three_lockers([] {}));
  EXPECT_EQ(r.schedules, 250u);
  EXPECT_EQ(seen, 250u);
}

}  // namespace
}  // namespace racelab::model::testing
