// Shrinking: the reported failure is re-found with as few preemptions as the bug needs.
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace racelab::model::testing
