// racelab/harness/trial_report.hpp — what a trial's child process sends back to the parent.
//
// A trial body runs in a forked child (racelab/harness/run_trials.hpp). When it returns, the child
// serialises this report over a pipe; a child that crashes or hangs sends nothing, and the parent
// records how it ended instead. Only plain values cross the pipe, never pointers.
#pragma once

#include <string>
#include <vector>

#include "racelab/result.hpp"
#include "racelab/thread_exceptions.hpp"

namespace racelab::harness {

struct TrialReport {
  // Python-style, as the threads raised them: {"Thread-3 (worker)", "KeyError: 'GCCDianaramirez'"}.
  std::vector<ThreadException> exceptions;
  // Every other broken property ("one-live-group", "lost-task", ...), in the vocabulary every
  // backend shares (racelab/result.hpp); a real-thread run names no steps.
  std::vector<Violation> violations;
};

// The exceptions the real backend's threads have recorded since the last
// clear_thread_exceptions() (racelab/thread_exceptions.hpp), as a report. Call after joining.
TrialReport report_recorded_thread_exceptions();

// A scenario run (racelab::scenarios::RealRun, or anything shaped like it) as a report: the
// exceptions as raised, and the violations that are not exceptions (RealRun lists each exception
// among its violations too; counting it twice would double every KeyError). A template so the
// harness does not link the scenario library.
template <class RealRun>
TrialReport to_trial_report(const RealRun& run) {
  TrialReport report{run.exceptions, {}};
  for (const auto& v : run.violations) {
    bool is_exception = false;
    for (const auto& e : run.exceptions)
      is_exception |= (e.thread == v.thread && e.line == v.message);
    if (!is_exception) report.violations.push_back(v);
  }
  return report;
}

}  // namespace racelab::harness
