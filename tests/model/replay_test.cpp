// Replay: any recorded token reproduces its execution exactly; tokens that are malformed or do
// not fit the program are refused with a message that says which step and why.
#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <vector>

#include "programs.hpp"

namespace racelab::model::testing {
namespace {

std::string replay_error(const std::string& token, const Body& body) {
  try {
    replay(token, body);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "(accepted)";
}

TEST(Replay, EveryRecordedScheduleReproducesOutcomeAndTrace) {
  const Body body = lost_update_counter(CounterLocking::none);
  Options opts;
  opts.strategy = Strategy::random;
  opts.seed = 11;
  opts.max_schedules = 40;
  opts.stop_on_first_violation = false;
  opts.record_traces = true;
  std::vector<Execution> seen;
  opts.on_execution = [&](const Execution& e) { seen.push_back(e); };
  explore(opts, body);
  ASSERT_EQ(seen.size(), 40u);
  for (const Execution& e : seen) {
    // The same value: every step's fields, every violation with its steps, the token.
    EXPECT_EQ(replay(e.schedule, body), e) << e.schedule;
  }
}

// Four threads on one condition variable, explored without spurious wake-ups: the witness
// replays exactly with the Options that found it. With the defaults' replay (one spurious
// wake-up allowed) the waits that could wake spuriously moved the preemption marks, and `==`
// failed (found by a new-user trial).
TEST(Replay, AnExecutionFoundWithOtherSemanticsReplaysWithTheSameOptions) {
  const Body buffer = [] {
    auto m = std::make_shared<sync::mutex>("m");
    auto cv = std::make_shared<sync::condition_variable>("cv");
    auto count = std::make_shared<sync::var<int>>("count", 0);
    model::keep_until_end(m);
    model::keep_until_end(cv);
    model::keep_until_end(count);
    const auto put = [=] {
      sync::unique_lock<sync::mutex> lk(*m);
      while (count->get() == 1) cv->wait(lk);
      count->set(count->get() + 1);
      cv->notify_one();
    };
    const auto take = [=] {
      sync::unique_lock<sync::mutex> lk(*m);
      while (count->get() == 0) cv->wait(lk);
      count->set(count->get() - 1);
      cv->notify_one();
    };
    sync::thread p1("producer", put), p2("producer", put), c1("consumer", take),
        c2("consumer", take);
    p1.join();
    p2.join();
    c1.join();
    c2.join();
  };
  Options o;
  o.spurious_wakeups = 0;
  o.stop_on_first_violation = false;
  std::vector<Execution> seen;
  o.record_traces = true;
  o.on_execution = [&](const Execution& e) {
    if (seen.size() < 50 || !e.ok()) seen.push_back(e);
  };
  const Report r = explore(o, buffer);
  ASSERT_TRUE(r.failure) << "notify_one with one condition variable: a deadlock";
  EXPECT_EQ(r.failure->violations.front().kind, Outcome::deadlock);
  for (const Execution& e : seen) EXPECT_EQ(replay(e.schedule, buffer, {}, o), e) << e.schedule;
  const Execution again = replay(r.failure->schedule, buffer, {}, o);
  EXPECT_EQ(again.violations, r.failure->violations);
  EXPECT_EQ(again.schedule, r.failure->schedule);
}

TEST(Replay, ReplayStrategyInExploreRunsOneTracedSchedule) {
  const Body body = raises_key_error();
  Options opts;
  opts.strategy = Strategy::replay;
  // MainThread starts the worker, the worker yields and raises, MainThread joins and exits.
  opts.schedule = "0.1x2.0x2";
  const Report r = explore(opts, body);
  EXPECT_EQ(r.schedules, 1u);
  ASSERT_TRUE(r.failure);
  EXPECT_EQ(r.failure->schedule, "0.1x2.0x2");
  EXPECT_EQ(r.failure->trace.steps.size(), 5u);
  EXPECT_FALSE(r.complete);
}

TEST(Replay, RefusesAMalformedToken) {
  EXPECT_EQ(replay_error("0x4.zz", raises_key_error()),
            "bad schedule token \"0x4.zz\": \"zz\" is not <thread>[x<steps>]; expected e.g. "
            "0x4.1x3.2x3");
}

TEST(Replay, RefusesAStepThatChoosesABlockedThread) {
  // MainThread starts Thread-1 and Thread-2 (steps 1-2), Thread-1 takes LOCK_A and LOCK_B
  // (3-4); at step 5 Thread-2 cannot take LOCK_B, so choosing it is refused.
  EXPECT_EQ(replay_error("0x2.1x2.2", lock_order_inversion()),
            "schedule \"0x2.1x2.2\" does not fit: step 5 chooses Thread-2 (ba), which is "
            "blocked: it waits for LOCK_B held by Thread-1 (ab)");
}

TEST(Replay, RefusesAThreadThatDoesNotExist) {
  EXPECT_EQ(replay_error("0.7", raises_key_error()),
            "schedule \"0.7\" does not fit: step 2 chooses thread 7, which does not exist "
            "(threads so far: 0-1)");
}

TEST(Replay, RefusesATokenThatEndsEarly) {
  EXPECT_EQ(replay_error("0", raises_key_error()),
            "schedule \"0\" does not fit: the token ends after step 1, but the execution goes on "
            "(can run: Thread-1 (worker))");
}

TEST(Replay, RefusesLeftoverSteps) {
  EXPECT_EQ(replay_error("0.1x2.0x4", raises_key_error()),
            "schedule \"0.1x2.0x4\" does not fit: the execution ended after step 5, but the "
            "token has 2 more step(s)");
}

TEST(Replay, RefusesAFinishedThread) {
  EXPECT_EQ(replay_error("0.1x3", raises_key_error()),
            "schedule \"0.1x3\" does not fit: step 4 chooses Thread-1 (worker), which has "
            "finished");
}

}  // namespace
}  // namespace racelab::model::testing
