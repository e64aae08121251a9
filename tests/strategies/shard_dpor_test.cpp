// tests/strategies/shard_dpor_test.cpp — dpor cut into parts (Options::partition, shard.hpp)
// against the whole dpor run, on random facade programs.
//
// A program: MainThread starts two parents; each parent starts one or two children of its own
// (so spawns of different threads race and the children's ids depend on their order), runs its
// code, and joins them. The code: cell reads and writes whose values steer it, a critical
// section, a try_lock, an atomic counter whose old value picks a branch, and a condition
// variable (one side sets a flag and notifies under the mutex, the other waits for it: a waiter
// nobody signals deadlocks, which is an outcome like any other). The end check names the final
// state ("end A=3 B=1 n=2 f=1"), so equal violation ids mean equal reachable end states.
//
// For K = 1, 2, 3 the merged parts must have the whole run's traces, schedules, failing
// schedules and violation ids, and be complete.
//
// DISABLED: it fails, and that is why `racelab check` still refuses dpor with --jobs/--shard.
// What is known (racelab_dpor_oracle, dpor_oracle.cpp: every execution named by its Mazurkiewicz
// class, Foata normal form with threads named by spawn path, trace_classes.hpp): the parts and
// the whole differ because PLAIN dpor misses trace classes, not because the cut splits or
// duplicates them — no run ever explored two executions of one class, and every class either
// side found is a real execution. The violation ids (end states) agree on every seed tried.
// Two causes, both in dpor.cpp, not in the cut:
//   1. Spurious wake-ups. The engine lets a waiter nobody notified wake only while another
//      thread can run, so the step that leaves no other thread runnable disables the wake-up
//      although they touch different objects; dpor ran the wake-up where it first could and
//      never the executions in which the waiter sleeps on to the end. With a wait without a
//      predicate that lost a reachable deadlock (dpor_spurious_test.cpp, fixed: defer_spurious).
//      It still loses classes where the waiter sleeps on past other reorderings (seed
//      0x5eed000f: whole 13 of the 24 classes the parts find; 0x5eed0007: 18118 of 23888); the
//      parts lose fewer (the cut runs every order above its depth) but not none (0x5eed0001:
//      whole 5925, parts 6048, the two together 6089). With predicate waits these end in the
//      same states, so no violation id is lost.
//   2. A wakeup-tree branch that cannot run where it is due was dropped, and with it the
//      branches inserted below it (a failed try_lock "races" with a lock a third thread's held
//      mutex keeps disabled): 6 of 520 classes lost on racelab_dpor_oracle 0x1031 1 2 1 with
//      RACELAB_ORACLE_SPURIOUS=0 (fixed: expand_fully; dpor_classes_test.cpp). After that fix,
//      on 150 programs of that shape without spurious wake-ups (0x1000..0x1095) one class was
//      still lost: 0x107f, 648 of 649 — an unlock -> lock reversal made at a lock the locker
//      could not precede (fixed in session 25: reverse_race; dpor_classes_test.cpp). Now all
//      150 lose nothing (racelab_dpor_oracle 0x1000 150 2 1, RACELAB_ORACLE_SPURIOUS=0).
// So making the parts equal the whole waits on plain dpor being complete with spurious wake-ups
// (cause 1: the engine's rule that a spurious wake-up needs another runnable thread is a
// dependence no static relation states).
// Tried and not adopted (session 22): stating that dependence after all. Two flags on OpDesc —
// kOpSpurious on a wake that is (or would be) spurious, and "keeps runnable" on an executed step
// after which its thread still can run — and a spurious wake-up made dependent with every step
// of another thread without the second flag (a pseudo-object the wake-up changes and those steps
// observe; pending steps count as may-stop, since what follows them is not known). It is sound by
// construction, but the classes it distinguishes multiply: dpor's executions on the oracle's
// programs went from 258 / 180 / 122 (seeds 0x5eed0008 / 0c / 09) to 16,804 / 999 / 1,008 with
// "keeps runnable" read from the engine's enabled() (0c / 09: 1,269 / 1,598 with it read from the
// next operation's kind alone), up to half of them runs of a class already run (the pending
// steps' guess),
// and even with the kind-based flag, which the oracle can read from a trace too, the whole run of
// 0x09 still lost 20 of the 919 classes the parts found. The direction left: make the rule local
// instead of stating it, e.g. a wait that chooses, when it starts, between "may wake spuriously
// (at any time, even with nobody else runnable)" and "wakes only when notified" — then the
// deadlock is the second choice's plain end state and no step disables another from afar. (The
// choice must then be a step of the schedule, so that a token replays it.) Another candidate:
// let a spurious wake-up happen at any time (a local rule), record the deadlock at the state
// where only spurious wake-ups can run instead of ending there, and have dpor's free choice run
// a spurious wake-up only when nothing else can — dfs's counts would change with the semantics.
// dpor need not visit every such "hang" state S for this to be sound (session 32, on paper, not
// built): it is enough to find S inside the executions it runs. Let U be the spurious wake-ups
// of every waiter at S and p a path to S; dpor runs some r equivalent to p.U.q (q: any way on).
// Every thread other than the waiters was blocked at S, and each step that unblocks one (unlock
// → lock, exit → join, notify → wake, put → get, release → acquire, a write → a hidden spinner)
// is dependent with the step it enables, so every step of U.q happens after some member of U;
// then the steps of r that are not after any member of U are exactly p's, and running them in
// r's order reaches S. So after each run: for each set U of its spurious wake-ups, take the
// steps not after U (vector clocks); if every other thread's next step there is of a blocking
// kind, replay that prefix and ask the engine whether only spurious wake-ups can run — if so, it
// is the deadlock, with that prefix as its schedule. Cost: a clock comparison per step and
// candidate, a replay only for candidates that pass the filter.
// Run it with --gtest_also_run_disabled_tests (RACELAB_SHARD_PROGRAMS=N for more programs).
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include "facade_programs.hpp"
#include "racelab/model/explore.hpp"

namespace racelab::strategy_tests {
namespace {

std::set<std::string> ids(const model::Report& r) {
  std::set<std::string> s;
  for (const auto& entry : r.first_seen) s.insert(entry.first);
  return s;
}

int programs() {
  const char* n = std::getenv("RACELAB_SHARD_PROGRAMS");
  return n ? std::atoi(n) : 20;
}

TEST(ShardedDpor, DISABLED_PartsHoldTheTracesOfTheWholeRunOnRandomPrograms) {
  for (int i = 0; i < programs(); ++i) {
    const std::uint64_t seed = 0x5eed0000u + static_cast<std::uint64_t>(i);
    SCOPED_TRACE("program seed " + std::to_string(seed));
    const FacadeHarness h = facade_harness(random_facade_program(seed));
    model::Options o;
    o.stop_on_first_violation = false;
    o.check_determinism = false;
    const model::Report whole = model::explore(o, h.body, h.end_check);
    ASSERT_TRUE(whole.complete);
    for (std::size_t k : {1u, 2u, 3u}) {
      SCOPED_TRACE("K = " + std::to_string(k));
      std::vector<model::Report> parts;
      for (std::size_t j = 0; j < k; ++j) {
        o.partition = model::Partition{j, k};
        parts.push_back(model::explore(o, h.body, h.end_check));
      }
      o.partition.reset();
      const model::Report merged = model::merge(parts);
      EXPECT_TRUE(merged.complete);
      EXPECT_EQ(merged.traces, whole.traces);
      EXPECT_EQ(merged.schedules, whole.schedules);
      EXPECT_EQ(merged.failing_schedules, whole.failing_schedules);
      EXPECT_EQ(ids(merged), ids(whole));
    }
  }
}

}  // namespace
}  // namespace racelab::strategy_tests
