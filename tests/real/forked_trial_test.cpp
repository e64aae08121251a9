// The harness's own contract: a child that crashes, aborts, hangs or exits is an outcome the
// parent records, never the end of the parent. Each test makes the child misbehave on purpose,
// deterministically (a raised signal, a pause() that never returns), and asserts what was kept.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "racelab/harness/run_trials.hpp"
#include "racelab/python_errors.hpp"
#include "sanitizer_build.hpp"

namespace racelab::harness {
namespace {

using namespace std::chrono_literals;

// A crash by signal, as a corrupted map would cause. The disposition is reset first because
// AddressSanitizer and ThreadSanitizer install their own SIGSEGV handler, which turns the
// signal into a report and exit(1); here the test is about the harness seeing a signal.
[[noreturn]] void die_by(int signal) {
  ::signal(signal, SIG_DFL);
  ::raise(signal);
  std::abort();
}

TEST(ForkedTrial, SegfaultIsRecordedWithItsSignal) {
  const TrialResult r = run_trial([]() -> TrialReport { die_by(SIGSEGV); });
  EXPECT_EQ(r.ending, Ending::crashed);
  EXPECT_EQ(r.signal, SIGSEGV);
  EXPECT_FALSE(r.report.has_value());
  EXPECT_EQ(r.outcome().label(), "crashed: SIGSEGV");
  EXPECT_EQ(r.outcome().id(), "signal:SIGSEGV");
}

TEST(ForkedTrial, AbortIsRecordedAsSigabrt) {
  const TrialResult r = run_trial([]() -> TrialReport { std::abort(); });
  EXPECT_EQ(r.ending, Ending::crashed);
  EXPECT_EQ(r.signal, SIGABRT);
}

TEST(ForkedTrial, NullWriteCrashesTheChildNotTheParent) {
  const TrialResult r = run_trial([]() -> TrialReport {
    volatile int* p = nullptr;
    *p = 1;
    return {};
  });
  if (kTsanBuild) {
    // TSan's SEGV handler prints a report and exits non-zero.
    EXPECT_EQ(r.ending, Ending::exited);
    ASSERT_FALSE(r.sanitizer_reports.empty()) << r.output;
    EXPECT_EQ(r.sanitizer_reports.front().kind, "SEGV");
  } else if (kAsanBuild) {
    // UBSan's null-store check (or else ASan's SEGV handler) reports and exits non-zero.
    EXPECT_EQ(r.ending, Ending::exited);
    EXPECT_FALSE(r.sanitizer_reports.empty()) << r.output;
  } else {
    EXPECT_EQ(r.ending, Ending::crashed);
    EXPECT_EQ(r.signal, SIGSEGV);
  }
}

TEST(ForkedTrial, HangIsKilledAtTheDeadlineAndRecordedAsTimeout) {
  // pause() never returns here: no signal is ever sent to the child but the harness's SIGKILL.
  const TrialResult r = run_trial(
      []() -> TrialReport {
        for (;;) ::pause();
      },
      200ms);
  EXPECT_EQ(r.ending, Ending::timed_out);
  EXPECT_EQ(r.outcome().id(), "timeout");
  EXPECT_GE(r.elapsed, 200ms);
}

TEST(ForkedTrial, ExitWithoutReportIsRecordedWithItsCode) {
  const TrialResult r = run_trial([]() -> TrialReport { ::_exit(3); });
  EXPECT_EQ(r.ending, Ending::exited);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.outcome().id(), "exit:3");
}

TEST(ForkedTrial, ReportCrossesThePipeIntact) {
  const TrialReport sent{{{"Thread-3 (worker)", "KeyError", "KeyError: 'GCCDianaramirez'"},
                          {"Thread-4 (worker)", "KeyError", "KeyError: 'GCCDianaramirez'"}},
                         {{Outcome::property_violated,
                           "stale-entry",
                           "Thread-2 (worker)",
                           "QUEUE_USER holds group#1, which has no live worker",
                           -1,
                           {}}}};
  const TrialResult r = run_trial([&sent] { return sent; });
  ASSERT_EQ(r.ending, Ending::completed);
  ASSERT_TRUE(r.report.has_value());
  // Every field of every record, as sent.
  EXPECT_EQ(r.report->exceptions, sent.exceptions);
  EXPECT_EQ(r.report->violations, sent.violations);
  EXPECT_EQ(r.outcome().key_errors(), 2);
  EXPECT_EQ(r.outcome().id(), "KeyError*2+stale-entry");
}

TEST(ForkedTrial, OutputOfBothStreamsIsCaptured) {
  const TrialResult r = run_trial([] {
    std::printf("to stdout\n");
    std::fprintf(stderr, "to stderr\n");
    return TrialReport{};
  });
  EXPECT_NE(r.output.find("to stdout\n"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("to stderr\n"), std::string::npos) << r.output;
  EXPECT_TRUE(r.outcome().ok());
}

TEST(ForkedTrial, ExceptionEscapingTheBodyIsMainThreadsAndTheTrialCompletes) {
  const TrialResult r = run_trial([]() -> TrialReport { throw KeyError("GCCDianaramirez"); });
  ASSERT_EQ(r.ending, Ending::completed);
  ASSERT_EQ(r.report->exceptions.size(), 1u);
  EXPECT_EQ(r.report->exceptions[0].thread, "MainThread");
  EXPECT_EQ(r.report->exceptions[0].line, "KeyError: 'GCCDianaramirez'");
}

TEST(ForkedTrial, RefusesToForkWhileAnotherThreadRuns) {
  std::mutex mu;
  std::condition_variable cv;
  bool release = false;
  std::thread other([&] {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return release; });
  });
  EXPECT_THROW(run_trial([] { return TrialReport{}; }), std::logic_error);
  {
    std::lock_guard<std::mutex> lock(mu);
    release = true;
  }
  cv.notify_one();
  other.join();
}

TEST(RunTrials, CountsEveryTrialIntoOneRowPerOutcome) {
  const Histogram crashes = run_trials(12, 2, []() -> TrialReport { die_by(SIGSEGV); });
  EXPECT_EQ(crashes.trials, 12);
  ASSERT_EQ(crashes.rows.size(), 1u);
  EXPECT_EQ(crashes.rows[0].count, 12);
  EXPECT_EQ(crashes.summary(), "trials=12 signal:SIGSEGV=12");

  const Histogram fine = run_trials(12, 2, [] {});
  EXPECT_EQ(fine.summary(), "trials=12 ok=12");
}

TEST(RunTrials, StopWhenLaunchesNoFurtherTrial) {
  RunOptions options;
  options.trials = 50;
  options.jobs = 1;
  options.stop_when = [](const TrialResult& r) { return r.outcome().key_errors() > 0; };
  const Histogram h =
      run_trials(options, as_trial([]() -> TrialReport {
                   return {{{"Thread-3 (worker)", "KeyError", "KeyError: 'GCCDianaramirez'"}}, {}};
                 }));
  EXPECT_EQ(h.trials, 1);
  EXPECT_TRUE(h.stopped_early);
}

TEST(RunTrials, RowsAreOrderedByOutcomeNotByArrival) {
  // Outcomes differ by child pid parity: which arrives first varies, the row order must not.
  const Histogram h = run_trials(16, 2, []() -> TrialReport {
    if (::getpid() % 2 == 0) die_by(SIGABRT);
    return {};
  });
  ASSERT_FALSE(h.rows.empty());
  for (std::size_t i = 1; i < h.rows.size(); ++i)
    EXPECT_LT(h.rows[i - 1].outcome, h.rows[i].outcome);
  EXPECT_EQ(h.count_if([](const TrialOutcome&) { return true; }), 16);
}

}  // namespace
}  // namespace racelab::harness
