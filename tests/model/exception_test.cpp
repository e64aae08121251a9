// An exception escaping a thread body is reported the way Python prints it, for that thread,
// at that thread's last step; the rest of the execution goes on.
#include <gtest/gtest.h>

#include <stdexcept>

#include "programs.hpp"

namespace racelab::model::testing {
namespace {

Report explore_dfs_to_first(const Body& body) {
  Options opts;
  opts.strategy = Strategy::dfs;
  return explore(opts, body);
}

TEST(UncaughtException, KeyErrorIsReportedPythonStyleWithTheThreadName) {
  const Report r = explore_dfs_to_first(raises_key_error());
  ASSERT_TRUE(r.failure);
  ASSERT_EQ(r.failure->violations.size(), 1u);
  const Violation& v = r.failure->violations.front();
  EXPECT_EQ(v.kind, Outcome::uncaught_exception);
  EXPECT_EQ(v.id, "KeyError");
  EXPECT_EQ(v.thread, "Thread-1 (worker)");
  EXPECT_EQ(v.message, "KeyError: 'GCCDianaramirez'");
  // The violation is at the thread's exit step, which holds the error, where the thread ends.
  ASSERT_GE(v.step, 0);
  const Step& s = r.failure->trace.steps[static_cast<std::size_t>(v.step)];
  EXPECT_EQ(s.thread, 1);
  EXPECT_EQ(s.kind, OpKind::exit);
  EXPECT_EQ(s.raised, "KeyError: 'GCCDianaramirez'");
  EXPECT_EQ(op_text(s), "KeyError: 'GCCDianaramirez'");
}

TEST(UncaughtException, OtherExceptionsGoByTheirCppType) {
  const Report r = explore_dfs_to_first([] {
    sync::thread t("worker", [] { throw std::out_of_range("no such task"); });
    t.join();
  });
  ASSERT_TRUE(r.failure);
  EXPECT_EQ(r.failure->violations.front().id, "std::out_of_range");
  EXPECT_EQ(r.failure->violations.front().message, "std::out_of_range: no such task");
}

namespace app {
// A team's own KeyError, as the trial's port of the seed wrote it: its what() names it already.
struct KeyError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
struct Full {};  // not a std::exception
}  // namespace app

TEST(UncaughtException, AHomeMadeTypeIsNamedOnce) {
  const Report r = explore_dfs_to_first([] {
    sync::thread t("worker", [] { throw app::KeyError("KeyError: 'GCCDianaramirez'"); });
    t.join();
  });
  ASSERT_TRUE(r.failure);
  // The test's own namespaces come first (an anonymous one goes unsaid).
  EXPECT_EQ(r.failure->violations.front().id, "racelab::model::testing::app::KeyError");
  EXPECT_EQ(r.failure->violations.front().message, "KeyError: 'GCCDianaramirez'");
}

TEST(UncaughtException, ANonStdExceptionIsNamedByItsType) {
  const Report r = explore_dfs_to_first([] {
    sync::thread t("worker", [] { throw app::Full{}; });
    t.join();
  });
  ASSERT_TRUE(r.failure);
  EXPECT_EQ(r.failure->violations.front().id, "racelab::model::testing::app::Full");
  EXPECT_EQ(r.failure->violations.front().message,
            "racelab::model::testing::app::Full: an exception that is not a std::exception");
}

TEST(UncaughtException, TheExecutionGoesOnAfterwards) {
  // Python's threads keep running after one dies; so do the model's. Both workers raise.
  Options opts;
  opts.strategy = Strategy::dfs;
  const Report r = explore(opts, [] {
    auto raise = [] {
      sync::this_thread::yield("read proxy pool");
      throw KeyError("GCCDianaramirez");
    };
    sync::thread a("worker", raise);
    sync::thread b("worker", raise);
    a.join();
    b.join();
  });
  ASSERT_TRUE(r.failure);
  ASSERT_EQ(r.failure->violations.size(), 2u);
  EXPECT_EQ(r.failure->violations[0].thread, "Thread-1 (worker)");
  EXPECT_EQ(r.failure->violations[1].thread, "Thread-2 (worker)");
}

TEST(UncaughtException, MainThreadEscapesAreReportedToo) {
  const Report r = explore_dfs_to_first([] { throw KeyError("x"); });
  ASSERT_TRUE(r.failure);
  EXPECT_EQ(r.failure->violations.front().thread, "MainThread");
  EXPECT_EQ(r.failure->violations.front().step, 0);  // its only step: the exit
}

TEST(UncaughtException, CatchingStdExceptionDoesNotSwallowTheUnwinding) {
  // Idle workers are unwound with an exception that is not a std::exception, so a worker that
  // catches std::exception around get() is still unwound, and nothing is reported.
  int unwound = 0;
  Options opts;
  opts.strategy = Strategy::dfs;
  const Report r = explore(opts, [&unwound] {
    auto q = std::make_shared<sync::blocking_queue<int>>("tasks");
    sync::thread worker("worker", [q, &unwound] {
      struct Count {
        int& n;
        ~Count() { ++n; }
      } count{unwound};
      try {
        q->get();
      } catch (const std::exception&) {
        ADD_FAILURE() << "caught the unwinding as a std::exception";
      }
    });
  });
  EXPECT_FALSE(r.failure);
  EXPECT_EQ(static_cast<std::size_t>(unwound), r.schedules + r.reruns);
}

}  // namespace
}  // namespace racelab::model::testing
