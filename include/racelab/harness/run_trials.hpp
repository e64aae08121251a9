// racelab/harness/run_trials.hpp — fork-isolated trials: run racy code in child processes and
// count how each one ended.
//
// Racy C++ is undefined behaviour: the buggy registry may raise the seed's KeyErrors, or crash on
// a corrupted map, or hang. A stress test that runs it in-process dies with it. Here each trial
// runs in its own child (fork, no exec): the child runs the body, sends back a TrialReport over a
// pipe and _exits; the parent keeps the child's output (to find ThreadSanitizer's reports), its
// exit code or killing signal, and kills it at the deadline. A crash or a hang is an outcome,
// never fatal to the caller.
//
//   auto h = racelab::harness::run_trials(1000, 2, [] {
//     return racelab::harness::to_trial_report(racelab::scenarios::real_run(s, "buggy"));
//   });
//   std::cout << h.summary() << "\n";   // trials=1000 KeyError*3=999 signal:SIGABRT=1
//
// Plain real-thread trials rarely show the race (docs/stress-baseline.md); calling
// sync::set_noise(P) at the start of the body makes the threads overlap far more often.
//
// Fork safety — preconditions of every function here:
//   * Call from a single-threaded process. fork() copies only the calling thread; a lock another
//     thread held at that moment stays locked forever in the child (and ThreadSanitizer turns
//     itself off in a child forked from a multi-threaded process). run_trials counts
//     /proc/self/task and throws std::logic_error when other threads exist (TSan's own
//     background thread excepted: TSan stops and restarts it around fork).
//   * The body must not rely on the parent's other resources being private: open files and
//     sockets are shared with the child. It may start and join its own threads.
//   * googletest assertions inside a body are lost with the child; return facts in the report
//     and assert in the parent.
// Guarantees:
//   * The parent's state is untouched by anything the body does (separate address space).
//   * Every child is reaped before run_trials returns; none outlives it. None outlives the
//     parent either, however the parent ends: each child asks the kernel for SIGKILL when its
//     parent dies (PR_SET_PDEATHSIG), and runs in a process group of its own, so a Ctrl-C at the
//     terminal reaches the parent alone, which then stops its trials (RunOptions::cancel).
//   * A trial's deadline does not depend on the parent: each child also arms its own alarm
//     (timeout + kChildGrace), so a hanging trial dies even if its parent is stopped or gone.
//   * In each child, before the body: thread numbering restarts at Thread-1 and recorded thread
//     exceptions are cleared, as in a fresh Python process. An exception that escapes the body is
//     recorded as raised by "MainThread" and the trial still completes.
#pragma once

#include <chrono>
#include <csignal>
#include <cstddef>
#include <functional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "racelab/harness/trial_report.hpp"
#include "racelab/harness/trial_result.hpp"

namespace racelab::harness {

// What a trial runs in its child.
using TrialFn = std::function<TrialReport()>;

struct RunOptions {
  int trials = 1;
  int jobs = 1;                               // children alive at once; >= 1
  std::chrono::milliseconds timeout{10'000};  // per trial, from its fork
  std::size_t max_output_bytes = 1 << 20;     // per trial; the rest is read and dropped
  // Launch no further trial once one satisfies this (the trials already running finish).
  std::function<bool(const TrialResult&)> stop_when;
  // Called in the parent for every trial as it ends, in end order.
  std::function<void(const TrialResult&)> on_trial;
  // Set (typically by a SIGINT/SIGTERM handler) to stop: every running trial is killed and
  // reaped, uncounted, and run_trials returns what ended so far with Histogram::interrupted.
  // Checked at least every kCancelPollMs.
  const volatile std::sig_atomic_t* cancel = nullptr;
};

// How often run_trials looks at RunOptions::cancel while it waits.
inline constexpr int kCancelPollMs = 50;
// A child's own deadline is its timeout plus this: the parent's kill normally comes first and
// the trial counts as timed out; the child's alarm is for a parent that cannot kill it.
inline constexpr std::chrono::milliseconds kChildGrace{1000};

// The trials counted by outcome.
struct Histogram {
  struct Row {
    TrialOutcome outcome;
    int count = 0;
    TrialResult first;  // the first trial that ended this way (its output, its reports)
  };
  std::vector<Row> rows;  // sorted by outcome (ok first), so the order never depends on timing
  int trials = 0;         // trials run (fewer than asked when stop_when fired)
  bool stopped_early = false;
  bool interrupted = false;  // RunOptions::cancel stopped the run: trials counts what ended
  std::chrono::milliseconds elapsed{0};

  int count(const TrialOutcome& o) const;
  int count_if(const std::function<bool(const TrialOutcome&)>& pred) const;
  // The first trial whose outcome satisfies pred, or nullptr.
  const TrialResult* first_where(const std::function<bool(const TrialOutcome&)>& pred) const;
  // One line, machine-readable: "trials=N <outcome-id>=<count> ..." in row order.
  std::string summary() const;
};

// Runs one trial in a child process. Throws std::system_error when fork or pipe fails, and
// std::logic_error when the calling process has other threads (see the fork-safety contract).
TrialResult run_trial(const TrialFn& body,
                      std::chrono::milliseconds timeout = std::chrono::seconds(10));

// Runs options.trials trials, up to options.jobs at a time, and counts their outcomes.
// Same preconditions and exceptions as run_trial; std::invalid_argument for trials < 0 or jobs < 1.
Histogram run_trials(const RunOptions& options, const TrialFn& body);

// Adapts a body that returns nothing (it drives sync::threads and joins them): its report is the
// thread exceptions recorded while it ran.
template <class F>
TrialFn as_trial(F&& body) {
  if constexpr (std::is_void_v<std::invoke_result_t<F&>>) {
    return [b = std::forward<F>(body)]() mutable {
      b();
      return report_recorded_thread_exceptions();
    };
  } else {
    return TrialFn(std::forward<F>(body));
  }
}

// run_trials(n, jobs, fn): the short form. fn returns a TrialReport, or nothing (see as_trial).
template <class F>
Histogram run_trials(int trials, int jobs, F&& body) {
  RunOptions options;
  options.trials = trials;
  options.jobs = jobs;
  return run_trials(options, as_trial(std::forward<F>(body)));
}

}  // namespace racelab::harness
