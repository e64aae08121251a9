// Deadlocks: every live thread blocked and at least one not idle on a queue. Idle queue waiters
// at the end are how the seed's workers end, and are not a deadlock.
#include <gtest/gtest.h>

#include <memory>

#include "programs.hpp"

namespace racelab::model::testing {
namespace {

Report explore_dfs(const Body& body, bool stop_on_first = true, const EndCheck& end = {}) {
  Options opts;
  opts.strategy = Strategy::dfs;
  opts.stop_on_first_violation = stop_on_first;
  return explore(opts, body, end);
}

TEST(Deadlock, LockOrderInversionIsFoundAndNamesThreadsAndLocks) {
  const Report r = explore_dfs(lock_order_inversion());
  ASSERT_TRUE(r.failure);
  const Violation& v = r.failure->violations.front();
  EXPECT_EQ(v.kind, Outcome::deadlock);
  EXPECT_EQ(v.id, "deadlock");
  EXPECT_EQ(v.step, -1);
  EXPECT_NE(v.message.find("Thread-1 (ab) waits for LOCK_B held by Thread-2 (ba)"),
            std::string::npos)
      << v.message;
  EXPECT_NE(v.message.find("Thread-2 (ba) waits for LOCK_A held by Thread-1 (ab)"),
            std::string::npos)
      << v.message;
  EXPECT_NE(v.message.find("MainThread waits for Thread-1 (ab) to finish"), std::string::npos)
      << v.message;
}

TEST(Deadlock, LockOrderInversionNeedsAnInterleaving) {
  // Some schedules finish (one thread takes both locks first), some deadlock.
  Options opts;
  opts.strategy = Strategy::dfs;
  opts.stop_on_first_violation = false;
  std::size_t deadlocks = 0;
  opts.on_execution = [&](const Execution& e) {
    deadlocks += !e.ok() && e.violations.front().kind == Outcome::deadlock ? 1 : 0;
  };
  const Report r = explore(opts, lock_order_inversion());
  EXPECT_TRUE(r.complete);
  EXPECT_GT(deadlocks, 0u);
  EXPECT_LT(deadlocks, r.schedules);
  EXPECT_EQ(deadlocks, r.failing_schedules);
}

TEST(Deadlock, SelfLockOfANonReentrantMutex) {
  const Report r = explore_dfs([] {
    sync::mutex m("QUEUE_USER_LOCK");
    m.lock();
    m.lock();  // threading.Lock is not re-entrant
  });
  ASSERT_TRUE(r.failure);
  EXPECT_EQ(r.failure->violations.front().message,
            "deadlock: MainThread waits for QUEUE_USER_LOCK, which it holds itself (a mutex is not "
            "re-entrant: a recursive_mutex is)");
}

TEST(Deadlock, RecursiveMutexMayBeRelocked) {
  const Report r = explore_dfs([] {
    sync::recursive_mutex m("RLOCK");
    sync::recursive_lock_guard outer(m);
    sync::recursive_lock_guard inner(m);
  });
  EXPECT_FALSE(r.failure);
}

TEST(Deadlock, IdleQueueWaitersAreNotADeadlock) {
  int end_checks = 0;
  const Report r = explore_dfs(idle_workers(2, 3), false, [&] {
    ++end_checks;
    return std::vector<Violation>{};
  });
  EXPECT_FALSE(r.failure) << r.failure->violations.front().message;
  EXPECT_TRUE(r.complete);
  EXPECT_GT(r.schedules, 1u);
  // Idle end: the EndCheck runs, in every execution (the determinism guard's re-runs too).
  EXPECT_EQ(static_cast<std::size_t>(end_checks), r.schedules + r.reruns);
}

TEST(Deadlock, JoiningAnIdleWorkerIsADeadlock) {
  const Report r = explore_dfs([] {
    auto q = std::make_shared<sync::blocking_queue<int>>("tasks");
    sync::thread worker("worker", [q] {
      while (q->get()) {
      }
    });
    worker.join();  // nobody closes the queue
  });
  ASSERT_TRUE(r.failure);
  EXPECT_EQ(r.failure->violations.front().message,
            "deadlock: MainThread waits for Thread-1 (worker) to finish; Thread-1 (worker) waits "
            "for an item in tasks");
}

TEST(Deadlock, StepLimitCatchesARunawayExecution) {
  // Not a spin: every iteration writes, so it is progress the fair scheduler cannot tell apart
  // from a long computation; only the step limit ends it.
  Options opts;
  opts.strategy = Strategy::dfs;
  opts.max_steps = 50;
  const Report r = explore(opts, [] {
    sync::shared<int> n("n", 0);
    for (;;) n.write("count", [](int& v) { ++v; });
  });
  ASSERT_TRUE(r.failure);
  EXPECT_EQ(r.failure->violations.front().kind, Outcome::step_limit);
  EXPECT_EQ(r.failure->trace.steps.size(), 50u);
}

TEST(Deadlock, PollingAFlagNobodySetsIsALivelockNotAStepLimit) {
  Options opts;
  opts.strategy = Strategy::dfs;
  const Report r = explore(opts, [] {
    sync::shared<bool> flag("flag", false);
    while (!flag.read("poll", [](const bool& f) { return f; })) {
    }
  });
  ASSERT_TRUE(r.failure);
  const Violation& v = r.failure->violations.front();
  EXPECT_EQ(v.kind, Outcome::livelock);
  EXPECT_EQ(v.id, "livelock");
  EXPECT_NE(v.message.find("MainThread spins at"), std::string::npos) << v.message;
  EXPECT_NE(v.message.find("waiting for flag to change"), std::string::npos) << v.message;
  // Two reads show the spin; then spin_limit (16) stalled turns, far below max_steps.
  EXPECT_LT(r.failure->trace.steps.size(), 40u);
}

}  // namespace
}  // namespace racelab::model::testing
