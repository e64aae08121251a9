// probe(): run a prefix, stop, and say who could run next and what each would do — the engine
// side of `racelab play`.
#include <gtest/gtest.h>

#include <stdexcept>

#include "programs.hpp"

namespace racelab::model::testing {
namespace {

TEST(Probe, EmptyPrefixShowsMainThreadsFirstOperation) {
  const Probe p = probe("", lock_order_inversion());
  EXPECT_FALSE(p.finished);
  EXPECT_TRUE(p.trace.steps.empty());
  ASSERT_EQ(p.next.size(), 1u);
  EXPECT_EQ(p.next[0].name, "MainThread");
  EXPECT_TRUE(p.next[0].enabled);
  EXPECT_EQ(p.next[0].op.kind, OpKind::spawn);
  EXPECT_EQ(p.next[0].op.object, "Thread-1 (ab)");
  EXPECT_EQ(op_text(p.next[0].op), "start Thread-1 (ab)");
  EXPECT_EQ(p.next[0].op.file, "model/programs.hpp");
  EXPECT_GT(p.next[0].op.line, 0);
}

TEST(Probe, ShowsBlockedThreadsAndWhatTheyWaitFor) {
  // Both threads started; Thread-1 holds LOCK_A and LOCK_B.
  const Probe p = probe("0x2.1x2", lock_order_inversion());
  EXPECT_FALSE(p.finished);
  EXPECT_EQ(p.schedule, "0x2.1x2");
  ASSERT_EQ(p.next.size(), 3u);
  EXPECT_FALSE(p.next[0].enabled);
  EXPECT_EQ(op_text(p.next[0].op), "join Thread-1 (ab)");
  EXPECT_EQ(p.next[0].waits, "waits for Thread-1 (ab) to finish");
  EXPECT_TRUE(p.next[1].enabled);
  EXPECT_EQ(op_text(p.next[1].op), "unlock LOCK_B");
  // Thread-1 holds both locks, in the order it took them.
  EXPECT_EQ(p.next[1].op.locks_held, (std::vector<std::string>{"LOCK_A", "LOCK_B"}));
  EXPECT_EQ(p.next[1].waits, "");
  EXPECT_FALSE(p.next[2].enabled);
  EXPECT_EQ(p.next[2].name, "Thread-2 (ba)");
  EXPECT_EQ(p.next[2].op.kind, OpKind::lock);
  EXPECT_EQ(p.next[2].op.object, "LOCK_B");
  EXPECT_TRUE(p.next[2].op.locks_held.empty());
  EXPECT_EQ(p.next[2].waits, "waits for LOCK_B held by Thread-1 (ab)");
  ASSERT_EQ(p.trace.steps.size(), 4u);
  EXPECT_EQ(op_text(p.trace.steps[2]), "lock LOCK_A");
  EXPECT_TRUE(p.trace.steps[2].locks_held.empty());
  EXPECT_EQ(op_text(p.trace.steps[3]), "lock LOCK_B");
  EXPECT_EQ(p.trace.steps[3].locks_held, std::vector<std::string>{"LOCK_A"});
}

TEST(Probe, ADeadlockedPrefixIsFinished) {
  const Probe p = probe("0x2.1.2", lock_order_inversion());
  EXPECT_TRUE(p.finished);
  ASSERT_EQ(p.violations.size(), 1u);
  EXPECT_EQ(p.violations[0].kind, Outcome::deadlock);
}

TEST(Probe, APrefixThatEndsTheExecutionRunsTheEndCheck) {
  int checks = 0;
  const Probe p = probe(
      "0.1x2.0x2", raises_key_error(),
      [&] {
        ++checks;
        return std::vector<Violation>{};
      },
      20000, [] { return std::string("world"); });
  EXPECT_TRUE(p.finished);
  EXPECT_TRUE(p.next.empty());
  EXPECT_EQ(checks, 1);
  ASSERT_EQ(p.violations.size(), 1u);
  EXPECT_EQ(p.violations[0].id, "KeyError");
  EXPECT_EQ(p.state, "world");
}

TEST(Probe, DescribeRunsAtTheStopPointAndEndCheckDoesNot) {
  int checks = 0;
  const Probe p = probe(
      "0", raises_key_error(),
      [&] {
        ++checks;
        return std::vector<Violation>{};
      },
      20000, [] { return std::string("mid-run"); });
  EXPECT_FALSE(p.finished);
  EXPECT_EQ(checks, 0);
  EXPECT_EQ(p.state, "mid-run");
}

TEST(Probe, RefusesAPrefixThatDoesNotFit) {
  EXPECT_THROW(probe("1", raises_key_error()), std::invalid_argument);
  EXPECT_THROW(probe("0.1x2.0x9", raises_key_error()), std::invalid_argument);
  EXPECT_THROW(probe("0..1", raises_key_error()), std::invalid_argument);
}

TEST(Probe, StepsOfAPrefixMatchReplay) {
  const Execution full = replay("0.1x2.0x2", raises_key_error());
  const Probe half = probe("0.1x2", raises_key_error());
  ASSERT_EQ(half.trace.steps.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(half.trace.steps[i], full.trace.steps[i]);
}

}  // namespace
}  // namespace racelab::model::testing
