// The end of an execution: blocked fibers are unwound (their destructors run, locks they hold
// are released quietly), then keep_until_end objects die, then on_execution is called.
#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "programs.hpp"

namespace racelab::model::testing {
namespace {

struct Log {
  std::vector<std::string> events;
};

// Records its destruction in the log (plain memory: invisible to the model).
struct Mark {
  Mark(std::shared_ptr<Log> l, std::string w) : log(std::move(l)), what(std::move(w)) {}
  Mark(const Mark&) = delete;
  Mark& operator=(const Mark&) = delete;
  ~Mark() { log->events.push_back(what); }
  std::shared_ptr<Log> log;
  std::string what;
};

// One dfs execution and not its re-runs: the order of events within it.
Options one_execution() {
  Options opts;
  opts.strategy = Strategy::dfs;
  opts.max_schedules = 1;
  opts.check_determinism = false;
  return opts;
}

TEST(Unwind, IdleWorkersUnwindBeforeKeptObjectsDie) {
  auto log = std::make_shared<Log>();
  Options opts = one_execution();
  opts.on_execution = [&](const Execution&) { log->events.push_back("on_execution"); };
  explore(opts, [log] {
    auto q = std::make_shared<sync::blocking_queue<int>>("tasks");
    model::keep_until_end(std::make_shared<Mark>(log, "kept object released"));
    sync::thread worker("worker", [q, log] {
      Mark m{log, "worker unwound"};
      q->get();
    });
  });
  EXPECT_EQ(log->events,
            (std::vector<std::string>{"worker unwound", "kept object released", "on_execution"}));
}

TEST(Unwind, DeadlockedThreadsReleaseTheirLocksQuietly) {
  // Every deadlocked thread holds a lock_guard; unwinding runs ~lock_guard (an unlock) without
  // throwing from the destructor.
  int schedules = 0;
  Options opts;
  opts.strategy = Strategy::dfs;
  opts.stop_on_first_violation = false;
  opts.on_execution = [&](const Execution&) { ++schedules; };
  const Report r = explore(opts, lock_order_inversion());
  EXPECT_EQ(static_cast<std::size_t>(schedules), r.schedules);
  EXPECT_GT(r.failing_schedules, 0u);
}

TEST(Unwind, AJoinInADestructorWaitsForItsThreadToUnwind) {
  // A joiner whose destructor joins, stuck at a deadlock: unwinding the joiner first unwinds the
  // thread it joins, then lets the join return — nothing throws out of the destructor.
  auto log = std::make_shared<Log>();
  Options opts;
  opts.strategy = Strategy::dfs;
  const Report r = explore(opts, [log] {
    auto q = std::make_shared<sync::blocking_queue<int>>("never");
    struct Joiner {
      sync::thread t;
      ~Joiner() { t.join(); }
    };
    Joiner j{sync::thread("worker", [q, log] {
      Mark m{log, "worker unwound"};
      q->get();
    })};
  });
  ASSERT_TRUE(r.failure);
  EXPECT_EQ(r.failure->violations.front().kind, Outcome::deadlock);
  EXPECT_FALSE(log->events.empty());
  for (const std::string& e : log->events) EXPECT_EQ(e, "worker unwound");
}

// The unwinding is a forced unwind (engine_ops.cpp, cancelled_op): a catch (...) in code under
// test sees it, and must rethrow. Rethrown, it goes on through the rest of the stack.
TEST(Unwind, ACatchAllThatRethrowsLetsTheUnwindingOn) {
  auto log = std::make_shared<Log>();
  const Options opts = one_execution();
  const Report r = explore(opts, [log] {
    auto q = std::make_shared<sync::blocking_queue<int>>("tasks");
    sync::thread worker("worker", [q, log] {
      Mark m{log, "worker unwound"};
      try {
        q->get();
      } catch (...) {
        log->events.push_back("catch (...)");
        throw;
      }
      log->events.push_back("ran on");
    });
  });
  EXPECT_FALSE(r.failure);
  EXPECT_EQ(log->events, (std::vector<std::string>{"catch (...)", "worker unwound"}));
}

// Swallowed, the fiber runs on: its next blocking hook unwinds it again; a thread that ends
// instead simply ends. Neither is reported.
TEST(Unwind, ACatchAllThatSwallowsIsUnwoundAgainAtTheNextHook) {
  auto log = std::make_shared<Log>();
  const Options opts = one_execution();
  const Report r = explore(opts, [log] {
    auto q = std::make_shared<sync::blocking_queue<int>>("tasks");
    sync::thread again("again", [q, log] {
      Mark m{log, "again unwound"};
      try {
        q->get();
      } catch (...) {
        log->events.push_back("again swallowed");
      }
      q->get();
      log->events.push_back("again ran on");
    });
    sync::thread ends("ends", [q, log] {
      Mark m{log, "ends finished"};
      try {
        q->get();
      } catch (...) {
        log->events.push_back("ends swallowed");
      }
    });
  });
  EXPECT_FALSE(r.failure);
  // Newest thread first (Engine::unwind_all).
  EXPECT_EQ(log->events, (std::vector<std::string>{"ends swallowed", "ends finished",
                                                   "again swallowed", "again unwound"}));
}

// A destructor that runs while its fiber is unwound may use the model: its hooks act at once
// (inspection), they do not unwind again from inside the cleanup.
TEST(Unwind, ADestructorMayLockWhileItsFiberIsUnwound) {
  auto log = std::make_shared<Log>();
  Options opts;
  opts.strategy = Strategy::dfs;
  opts.stop_on_first_violation = false;
  const Report r = explore(opts, [log] {
    auto q = std::make_shared<sync::blocking_queue<int>>("tasks");
    auto m = std::make_shared<sync::mutex>("M");
    sync::thread worker("worker", [q, m, log] {
      struct Tidy {
        sync::mutex& m;
        std::shared_ptr<Log> log;
        ~Tidy() {
          sync::lock_guard g(m);
          log->events.push_back("tidied");
        }
      } tidy{*m, log};
      q->get();
    });
  });
  EXPECT_FALSE(r.failure);
  ASSERT_FALSE(log->events.empty());
  EXPECT_EQ(log->events.size(), r.schedules + r.reruns);
  for (const std::string& e : log->events) EXPECT_EQ(e, "tidied");
}

TEST(Unwind, ObjectsDieInTheirOwnExecution) {
  // Every execution creates its objects afresh: ids restart, so the trace of the last schedule
  // names the same objects as the first's.
  Options opts;
  opts.strategy = Strategy::dfs;
  opts.record_traces = true;
  opts.stop_on_first_violation = false;
  std::vector<std::string> first_ops;
  opts.on_execution = [&](const Execution& e) {
    std::vector<std::string> ops;
    for (const Step& s : e.trace.steps) ops.push_back(op_text(s));
    if (first_ops.empty()) first_ops = ops;
    EXPECT_EQ(std::set<std::string>(ops.begin(), ops.end()),
              std::set<std::string>(first_ops.begin(), first_ops.end()));
  };
  explore(opts, lost_update_counter(CounterLocking::whole_update));
}

TEST(Unwind, ThreadNamesRestartEveryExecution) {
  Options opts;
  opts.strategy = Strategy::dfs;
  opts.record_traces = true;
  opts.stop_on_first_violation = false;
  opts.on_execution = [&](const Execution& e) {
    EXPECT_EQ(e.trace.threads, (std::vector<std::string>{"MainThread", "Thread-1 (increment)",
                                                         "Thread-2 (increment)"}));
  };
  explore(opts, lost_update_counter(CounterLocking::whole_update));
}

TEST(UnwindDeathTest, AThreadThatOutlivesItsUnjoinedSyncThreadIsNamedAsTheCause) {
  // std::thread would std::terminate when `t` dies joinable; the model lets the thread run on
  // (Python's way, which the seed's idle workers need), and when it then touches `n`, gone with
  // the scope, the failure names the missing join instead of advising keep_until_end().
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  Options opts;
  opts.strategy = Strategy::dfs;
  const Body forgot_join = [] {
    // The object dies but its storage lives on: what the worker then reads of it (its id) is
    // the same bytes in every build. A plain local would leave them to whatever reuses the
    // stack (under TSan: another execution's id, and another message).
    auto storage = std::make_shared<std::optional<sync::atomic<int>>>();
    sync::atomic<int>& n = storage->emplace("n", 0);
    {
      sync::thread t("worker", [storage, &n] { n.fetch_add(1); });
    }  // dies joinable
    storage->reset();
  };
  EXPECT_DEATH(explore(opts, forgot_join),
               "Thread-1 \\(worker\\) .* uses n after it was destroyed, and its sync::thread "
               "was destroyed without a join");
}

TEST(UnwindDeathTest, AThreadThatOutlivesTheWholeBodyIsNamedAsTheCauseToo) {
  // The same missing join with the thread outliving the body itself: by the time the worker
  // runs, the body's frame is gone and `n`'s bytes (here: its id, overwritten on purpose, as
  // the finished fiber's reused stack would) name no object. The failure said "does not belong
  // to this execution: create sync objects inside the explored body" — they were.
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  Options opts;
  opts.strategy = Strategy::dfs;
  const Body outlives_body = [] {
    auto storage = std::make_shared<std::optional<sync::atomic<int>>>();
    sync::atomic<int>& n = storage->emplace("n", 0);
    sync::thread t("worker", [storage, &n] { n.fetch_add(1); });
    storage->reset();
    std::memset(static_cast<void*>(&n), 0xff, sizeof n);  // what a reused stack may leave
  };
  EXPECT_DEATH(explore(opts, outlives_body),
               "Thread-1 \\(worker\\) .* uses an atomic that no longer exists, and its "
               "sync::thread was destroyed without a join");
}

TEST(UnwindDeathTest, AnObjectThatDiesWhileTheThreadWaitsToUseItIsNamedToo) {
  // The worker reaches its write while `n` lives and waits there for its turn; MainThread then
  // ends the scope. The write ran on the dead object, a plain data race at most (new-user trial
  // 5): the liveness check must hold when the step runs, not only when it was announced.
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  Options opts;
  opts.strategy = Strategy::dfs;
  const Body dies_meanwhile = [] {
    auto storage = std::make_shared<std::optional<sync::var<int>>>();
    sync::var<int>& n = storage->emplace("n", 0);
    {
      sync::thread t("worker", [storage, &n] { n = 1; });
    }  // dies joinable
    (void)n.get();
    storage->reset();
  };
  EXPECT_DEATH(explore(opts, dies_meanwhile),
               "Thread-1 \\(worker\\) .* uses n after it was destroyed, and its sync::thread "
               "was destroyed without a join");
}

TEST(UnwindDeathTest, AnExceptionThatEndsMainThreadFirstIsNamedWithTheUseAfterIt) {
  // MainThread throws before its join: the unwinding drops the thread and destroys what it
  // uses. The exception is the error to fix; the failure names it instead of hiding it.
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  Options opts;
  opts.strategy = Strategy::dfs;
  const Body throws_first = [] {
    auto storage = std::make_shared<std::optional<sync::var<int>>>();
    sync::var<int>& n = storage->emplace("n", 0);
    struct Reset {
      std::shared_ptr<std::optional<sync::var<int>>> s;
      ~Reset() { s->reset(); }
    } reset{storage};
    sync::thread t("worker", [storage, &n] { n = 1; });
    throw std::runtime_error("main failed before join");
  };
  EXPECT_DEATH(
      explore(opts, throws_first),
      "uses n after it was destroyed, and its sync::thread was destroyed without a "
      "join.*before it, MainThread ended with an uncaught exception \\(std::runtime_error: "
      "main failed before join\\)");
}

TEST(UnwindDeathTest, ACatchAllThatAlwaysSwallowsTheUnwindingIsAContractBreach) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  Options opts;
  opts.strategy = Strategy::dfs;
  const Body swallows = [] {
    auto q = std::make_shared<sync::blocking_queue<int>>("tasks");
    sync::thread worker("worker", [q] {
      for (;;) {
        try {
          q->get();
        } catch (...) {  // NOLINT(bugprone-empty-catch): the misuse under test
        }
      }
    });
  };
  EXPECT_DEATH(explore(opts, swallows), "keeps catching racelab's unwinding");
}

TEST(UnwindDeathTest, SyncObjectsOutsideAnExplorationAreAContractBreach) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH({ sync::mutex m("ORPHAN"); }, "sync object \"ORPHAN\" .* created outside");
}

// A breach of the contract is "no verdict", as a model test's exit code says it (3), not an
// abort: CTest then shows the line, not "Subprocess aborted" and a core (new-user trial 6).
TEST(UnwindDeathTest, MoreThreadsThanTheModelRunsIsNoVerdictExitThree) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  const Body too_many = [] {
    std::vector<std::unique_ptr<sync::thread>> workers;
    for (int i = 0; i < 64; ++i) workers.push_back(std::make_unique<sync::thread>("w", [] {}));
    for (auto& w : workers) w->join();
  };
  EXPECT_EXIT(explore(Options{}, too_many), ::testing::ExitedWithCode(3),
              "racelab::model: no verdict: more than 64 threads in one execution");
}

}  // namespace
}  // namespace racelab::model::testing
