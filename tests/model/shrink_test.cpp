// Shrinking: the reported failure is re-found with as few preemptions as the bug needs.
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace racelab::model::testing
