// racelab/harness/trial_result.hpp — how one fork-isolated trial ended, and its outcome class.
//
// A trial of racy code can end in more ways than pass/fail: it can raise KeyErrors, crash on a
// corrupted map, hang, or finish while a sanitizer reports a race. Each is a TrialOutcome, a plain
// value that orders and compares, so trials can be counted into a histogram and a test can
// declare the outcome it expects (as Relacy's test_result does).
#pragma once

#include <chrono>
#include <compare>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "racelab/harness/trial_report.hpp"

namespace racelab::harness {

// How the child process ended.
//
//   ending     meaning                                          report
//   completed  the body returned and the report arrived         yes
//   crashed    killed by a signal (SIGSEGV, SIGABRT, ...)       no (or discarded)
//   timed_out  still running at the deadline; the parent killed it with SIGKILL
//   exited     exited (code in exit_code) without sending a report, e.g. a sanitizer's exit
enum class Ending { completed, crashed, timed_out, exited };
const char* to_string(Ending e);

// "SIGSEGV" for 11, "signal 64" when the platform has no name for it.
std::string signal_name(int signal);

// A sanitizer's report found in the child's output.
struct SanitizerReport {
  std::string tool;  // "ThreadSanitizer", "AddressSanitizer", "UndefinedBehaviorSanitizer", ...
  std::string kind;  // "data race", "heap-use-after-free", "runtime error", ...
  std::string text;  // the report as printed, from its WARNING/ERROR line to its SUMMARY line
};

// Every sanitizer report in `output`, in order. Empty when there is none.
std::vector<SanitizerReport> find_sanitizer_reports(const std::string& output);

// The class of a trial's result: what a histogram counts.
struct TrialOutcome {
  Ending ending = Ending::completed;
  int signal = 0;     // crashed: the signal number
  int exit_code = 0;  // exited: the exit code
  // completed: how many of each finding, by id. Exceptions count by their Python type
  // ("KeyError" → 3); property violations by their id ("one-live-group" → 1).
  std::map<std::string, int> findings;
  // Distinct "tool: kind" of the sanitizer reports, sorted ("ThreadSanitizer: data race").
  std::vector<std::string> sanitizers;

  bool ok() const { return ending == Ending::completed && findings.empty() && sanitizers.empty(); }
  int key_errors() const;
  bool has_tsan_report() const;
  // For people: "ok", "KeyError ×3", "crashed: SIGSEGV", "timeout",
  // "KeyError ×2 + ThreadSanitizer: data race".
  std::string label() const;
  // For machines, no spaces: "ok", "KeyError*3", "signal:SIGSEGV", "timeout", "exit:1",
  // "KeyError*2+tsan:data-race".
  std::string id() const;

  auto operator<=>(const TrialOutcome&) const = default;
};

// Everything known about one trial.
struct TrialResult {
  int index = 0;  // 0-based, in launch order
  Ending ending = Ending::completed;
  int signal = 0;
  int exit_code = 0;  // may be non-zero for a completed trial: TSan exits 66 after a report
  std::optional<TrialReport> report;  // present iff ending == completed
  std::string output;                 // the child's stdout and stderr, interleaved
  bool output_truncated = false;      // output hit RunOptions::max_output_bytes
  std::vector<SanitizerReport> sanitizer_reports;
  std::chrono::microseconds elapsed{0};

  TrialOutcome outcome() const;
};

}  // namespace racelab::harness
