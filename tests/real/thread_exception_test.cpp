// An exception that escapes a worker thread behaves as in Python's threading: it is printed as
// "Exception in thread Thread-3 (worker):" plus the error line, it is counted, and the process
// lives on. The child process makes "the process lives on" observable: it prints after the join,
// and the parent checks that line arrived and the child exited normally.
#include <gtest/gtest.h>

#include <cstdio>

#include "racelab/harness/run_trials.hpp"
#include "racelab/python_errors.hpp"
#include "racelab/sync.hpp"

namespace racelab::harness {
namespace {

TEST(PythonStyleThreadException, WorkerKeyErrorIsPrintedCountedAndSurvived) {
  const TrialResult r = run_trial(as_trial([] {
    // Thread numbering restarts in each trial's child: request = Thread-1, then Thread-2, -3.
    sync::thread request("request", [] {});
    sync::thread first("worker", [] {});
    request.join();
    first.join();
    sync::thread third("worker", [] { throw KeyError("GCCDianaramirez"); });
    third.join();
    std::printf("MainThread still running after the KeyError\n");
  }));

  ASSERT_EQ(r.ending, Ending::completed) << r.output;
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.output.find("Exception in thread Thread-3 (worker):\nKeyError: 'GCCDianaramirez'\n"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("MainThread still running after the KeyError\n"), std::string::npos);
  ASSERT_EQ(r.report->exceptions.size(), 1u);
  EXPECT_EQ(r.report->exceptions[0].thread, "Thread-3 (worker)");
  EXPECT_EQ(r.report->exceptions[0].line, "KeyError: 'GCCDianaramirez'");
  EXPECT_EQ(r.report->exceptions[0].type, "KeyError");
  EXPECT_EQ(r.outcome().id(), "KeyError");
}

TEST(PythonStyleThreadException, OtherExceptionsPrintUnderTheirCppType) {
  const TrialResult r = run_trial(as_trial([] {
    sync::thread t("worker", [] { throw std::runtime_error("proxy pool unreachable"); });
    t.join();
  }));
  ASSERT_EQ(r.ending, Ending::completed) << r.output;
  EXPECT_NE(
      r.output.find(
          "Exception in thread Thread-1 (worker):\nstd::runtime_error: proxy pool unreachable\n"),
      std::string::npos)
      << r.output;
  EXPECT_EQ(r.outcome().id(), "std::runtime_error");
}

TEST(PythonStyleThreadException, EveryThreadIsCountedOnce) {
  const TrialResult r = run_trial(as_trial([] {
    std::vector<sync::thread> workers;
    for (int i = 0; i < 3; ++i)
      workers.emplace_back("worker", [] { throw KeyError("GCCDianaramirez"); });
    for (auto& w : workers) w.join();
  }));
  ASSERT_EQ(r.ending, Ending::completed) << r.output;
  EXPECT_EQ(r.outcome().key_errors(), 3);
  EXPECT_EQ(r.outcome().label(), "KeyError ×3");
}

}  // namespace
}  // namespace racelab::harness
