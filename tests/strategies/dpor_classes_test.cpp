// tests/strategies/dpor_classes_test.cpp — plain dpor against the same program cut into parts,
// Mazurkiewicz class by class (trace_classes.hpp: Foata normal form, threads by spawn path).
// Every class either run holds is a real execution, so a class the parts hold and the whole
// lacks is one plain dpor missed (racelab_dpor_oracle does this on many programs; this test
// keeps the smallest programs that caught a loss).
#include <gtest/gtest.h>

#include <cstdint>
#include <set>
#include <string>

#include "facade_programs.hpp"
#include "trace_classes.hpp"

namespace racelab::strategy_tests {
namespace {

struct Classes {
  std::set<std::string> forms;
  std::size_t executions = 0;
};

Classes classes(const FacadeHarness& h, std::size_t parts) {
  model::Options o;
  o.stop_on_first_violation = false;
  o.check_determinism = false;
  o.record_traces = true;
  o.spurious_wakeups = 0;
  Classes c;
  o.on_execution = [&c](const model::Execution& x) {
    ++c.executions;
    c.forms.insert(trace_class(x.trace).normal_form);
  };
  explore_whole_or_parts(h, o, parts);
  return c;
}

// Plain dpor on the program of `seed` (2 parents, 1 child each) holds every class the cut (one
// part: every subtree) holds, each class once, and `expected` classes in all.
void expect_whole_holds_every_class(std::uint64_t seed, std::size_t expected) {
  const FacadeHarness h = facade_harness(random_facade_program(seed, FacadeShape{2, 1}));
  const Classes whole = classes(h, 0);
  EXPECT_EQ(whole.executions, whole.forms.size());  // each class once
  const Classes cut = classes(h, 1);
  EXPECT_EQ(cut.executions, cut.forms.size());
  std::set<std::string> found = whole.forms;
  found.insert(cut.forms.begin(), cut.forms.end());
  EXPECT_EQ(whole.forms.size(), found.size()) << "plain dpor misses classes the parts hold";
  EXPECT_EQ(whole.forms.size(), expected);
}

// parent 0: signal; its child: try_lock, try_lock; parent 1: a write, signal; its child: the
// atomic counter, try_lock. A failed try_lock "races" with a lock that a third thread's held
// mutex keeps disabled: the reversal cannot run, its wakeup branch was dropped, and with it the
// branches inserted below it — 6 classes (of 520) lost, found by the parts. Now the node where a
// branch is dropped falls back to every enabled thread (dpor_races.cpp, expand_fully). (576
// classes since a thread is a spinner only at its third observation of one site: the child's two
// failed try_locks no longer hide it, engine_fair.cpp.)
TEST(DporClasses, ADroppedWakeupBranchLosesNoClassTheCutFinds) {
  expect_whole_holds_every_class(0x1031, 576);
}

// Two notify_all under the mutex and a try_lock; the waiter, notified by the first, wakes only
// after the second. An unlock -> lock race is reversed at the lock the unlock releases
// (dpor_races.cpp, reverse_race), and it was reversed there even when the thread that locks next had
// taken, before, something that critical section changed: the wakeup branch then named that
// later lock as the thread's first step, and as a leaf it counted later, real reversals
// beginning with that thread as covered. One class of 649 lost; the parts found it.
TEST(DporClasses, AnUnlockLockReversalIsNotMadeWhereTheLockerCannotGoFirst) {
  expect_whole_holds_every_class(0x107f, 649);
}

}  // namespace
}  // namespace racelab::strategy_tests
