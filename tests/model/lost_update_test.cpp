// The lost-update counter, the textbook race: unlocked, the model finds both the data race and
// the lost increment; locked around the whole update, it proves both gone in every schedule.
#include <gtest/gtest.h>

#include "programs.hpp"

namespace racelab::model::testing {
namespace {

struct Tally {
  std::size_t schedules = 0, races = 0, lost = 0;
};

Tally tally(CounterLocking locking) {
  Options opts;
  opts.strategy = Strategy::dfs;
  opts.stop_on_first_violation = false;
  Tally t;
  opts.on_execution = [&](const Execution& e) {
    ++t.schedules;
    bool race = false, lost = false;
    for (const Violation& v : e.violations) {
      race = race || v.kind == Outcome::data_race;
      lost = lost || v.kind == Outcome::assertion_failed;
    }
    t.races += race ? 1 : 0;
    t.lost += lost ? 1 : 0;
  };
  const Report r = explore(opts, lost_update_counter(locking));
  EXPECT_TRUE(r.complete);
  EXPECT_EQ(r.schedules, t.schedules);
  return t;
}

TEST(LostUpdate, UnlockedCounterRacesAlwaysAndLosesSometimes) {
  const Tally t = tally(CounterLocking::none);
  EXPECT_EQ(t.races, t.schedules);  // nothing orders the two threads' accesses, in any schedule
  EXPECT_GT(t.lost, 0u);
  EXPECT_LT(t.lost, t.schedules);
}

TEST(LostUpdate, LockingEachAccessRemovesTheRaceButNotTheLostUpdate) {
  const Tally t = tally(CounterLocking::each_access);
  EXPECT_EQ(t.races, 0u);
  EXPECT_GT(t.lost, 0u);
}

TEST(LostUpdate, LockingTheWholeUpdateIsCorrectInEverySchedule) {
  const Tally t = tally(CounterLocking::whole_update);
  EXPECT_EQ(t.races, 0u);
  EXPECT_EQ(t.lost, 0u);
  EXPECT_GT(t.schedules, 1u);
}

TEST(LostUpdate, TheFailureSaysWhatWasLost) {
  Options opts;
  opts.strategy = Strategy::dfs;
  const Report r = explore(opts, lost_update_counter(CounterLocking::each_access));
  ASSERT_TRUE(r.failure);
  const Violation& v = r.failure->violations.front();
  EXPECT_EQ(v.kind, Outcome::assertion_failed);
  EXPECT_EQ(v.id, "assertion");
  EXPECT_EQ(v.thread, "MainThread");
  EXPECT_EQ(v.message, "lost update: counter is 1, expected 2");
  ASSERT_GE(v.step, 0);
  EXPECT_TRUE(violates_at(*r.failure, v.step));
  const Step& s = r.failure->trace.steps[static_cast<std::size_t>(v.step)];
  EXPECT_EQ(s.kind, OpKind::read);
  EXPECT_EQ(s.object, "counter");
  EXPECT_EQ(s.detail, "total");
  EXPECT_EQ(s.value, "1");
}

}  // namespace
}  // namespace racelab::model::testing
