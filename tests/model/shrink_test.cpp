// Shrinking: the reported failure is re-found with as few preemptions as the bug needs.
#include <gtest/gtest.h>

#include <memory>

#include "model/shrink.hpp"
#include "programs.hpp"

namespace racelab::model::testing {
namespace {

Options random_search(bool shrink) {
  Options opts;
  opts.strategy = Strategy::random;
  opts.seed = 5;
  opts.max_schedules = 500;
  opts.shrink = shrink;
  return opts;
}

TEST(Shrink, LostUpdateNeedsOnePreemption) {
  // Race-free but not atomic: the update is lost only if one thread is preempted between its
  // load and its store. Without preemptions every thread runs its update whole.
  const Body body = lost_update_counter(CounterLocking::each_access);
  const Report raw = explore(random_search(false), body);
  ASSERT_TRUE(raw.failure);
  ASSERT_GT(raw.failure->preemptions, 1) << "pick a seed whose first failure is not minimal";
  const Report shrunk = explore(random_search(true), body);
  ASSERT_TRUE(shrunk.failure);
  EXPECT_EQ(shrunk.failure->preemptions, 1);
  EXPECT_EQ(shrunk.failure->violations.front().id, raw.failure->violations.front().id);
  EXPECT_EQ(shrunk.schedules, raw.schedules);  // shrinking does not count as exploring
  // The shrunk schedule replays to the same failure.
  const Execution again = replay(shrunk.failure->schedule, body);
  EXPECT_EQ(again.violations.front().message, shrunk.failure->violations.front().message);
}

TEST(Shrink, AFailureWithoutPreemptionsIsKept) {
  Options opts;
  opts.strategy = Strategy::dfs;
  const Report r = explore(opts, raises_key_error());
  ASSERT_TRUE(r.failure);
  EXPECT_EQ(r.failure->preemptions, 0);
}

TEST(Shrink, AllBoundsTogetherStopAtTheStepBudget) {
  // A step-limit of polite threads in lockstep needs a preemption every few steps: with dozens of
  // bounds below it, each searched up to 20000 executions of max_steps steps, the shrink ran for
  // minutes (`--max-steps 200`: over 60 s) before the step budget. Now it gives up at the budget
  // and keeps the failure as found.
  detail::Engine engine(polite_threads(), {});
  const std::size_t max_steps = 200;
  const auto none = detail::shrink_each(engine, {{"step-limit", 40}}, max_steps, 0);
  EXPECT_TRUE(none.schedules.empty());
  EXPECT_EQ(none.runs, 0U);  // no budget: nothing ran
  // 50 executions' worth: not enough to find a lockstep of 200 steps with fewer preemptions.
  EXPECT_TRUE(detail::shrink_each(engine, {{"step-limit", 40}}, max_steps, 50 * max_steps)
                  .schedules.empty());
  // A failure that needs one preemption is still found within the budget (the lost update).
  detail::Engine counter(lost_update_counter(CounterLocking::each_access), {});
  const auto found = detail::shrink_each(counter, {{"assertion", 3}}, 20000, 10000);
  ASSERT_EQ(found.schedules.count("assertion"), 1U);
  EXPECT_GT(found.runs, 0U);
  EXPECT_LE(found.dpor_runs, found.runs);
}

// The classic one-condition-variable buffer: two producers and two consumers of `items` items
// each on one slot, notify_one. A notify meant for a producer can wake the other consumer (or one
// meant for a consumer the other producer), and all sleep: a deadlock that needs no spurious
// wake-up. (dpor's first deadlock has waiters waking spuriously on the way; shrinking by
// preemptions alone kept them: that witness has none to drop.)
Body one_cv_buffer(int items) {
  return [items] {
    auto m = std::make_shared<sync::mutex>("m");
    auto cv = std::make_shared<sync::condition_variable>("cv");
    auto full = std::make_shared<sync::var<bool>>("full", false);
    auto put = [=](bool value) {
      for (int i = 0; i < items; ++i) {
        sync::unique_lock<sync::mutex> lk(*m);
        cv->wait(lk, [&] { return full->get() != value; });
        *full = value;
        cv->notify_one();
      }
    };
    sync::thread p1("producer", [=] { put(true); });
    sync::thread p2("producer", [=] { put(true); });
    sync::thread c1("consumer", [=] { put(false); });
    sync::thread c2("consumer", [=] { put(false); });
    p1.join();
    p2.join();
    c1.join();
    c2.join();
  };
}

int spurious_wakes(const Execution& x) {
  int n = 0;
  for (const Step& s : x.trace.steps) n += s.kind == OpKind::wake && s.value == "spurious";
  return n;
}

constexpr int kItems = 2;

TEST(Shrink, AWitnessNeedsNoSpuriousWakeUpItCanDoWithout) {
  for (Strategy s : {Strategy::dpor, Strategy::dfs, Strategy::random}) {
    Options o;
    o.strategy = s;
    const Report r = explore(o, one_cv_buffer(kItems));
    ASSERT_TRUE(r.failure);
    ASSERT_EQ(r.failure->violations.front().id, "deadlock");
    EXPECT_EQ(spurious_wakes(*r.failure), 0) << r.failure->schedule;
    // Its token replays, to the same deadlock, under the run's own semantics.
    const Execution again = replay(r.failure->schedule, one_cv_buffer(kItems));
    EXPECT_EQ(again.violations, r.failure->violations);
    EXPECT_EQ(spurious_wakes(again), 0);
    // Without the search (no shrink) the first deadlock found does wake spuriously: the test
    // would pass whatever the shrink did if it did not.
    o.shrink = false;
    const Report raw = explore(o, one_cv_buffer(kItems));
    ASSERT_TRUE(raw.failure);
    if (s == Strategy::dpor) {
      EXPECT_GT(spurious_wakes(*raw.failure), 0);
    }
  }
}

// A bug that needs the spurious wake-up (a wait under `if`) keeps it.
TEST(Shrink, AWitnessThatNeedsASpuriousWakeUpKeepsIt) {
  Options o;
  const Report r = explore(o, wait_without_loop());
  ASSERT_TRUE(r.failure);
  EXPECT_EQ(r.failure->violations.front().id, "assertion");
  EXPECT_GT(spurious_wakes(*r.failure), 0);
}

}  // namespace
}  // namespace racelab::model::testing
