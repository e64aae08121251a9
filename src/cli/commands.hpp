// src/cli/commands.hpp — the subcommands of `racelab`, one file each, free of argument parsing.
//
// app.cpp parses and validates the command line (CLI11: typed numbers in range, known names);
// each run_* gets valid values, returns the process exit code (usage.hpp) and throws UsageError
// for input that only the run can refuse (a replay token that does not fit).
#pragma once

#include <string>
#include <vector>

#include "racelab/course/course.hpp"
#include "racelab/harness/run_trials.hpp"
#include "racelab/model/explore.hpp"
#include "racelab/scenarios/catalogue.hpp"
#include "racelab/scenarios/check.hpp"
#include "render.hpp"
#include "terminal.hpp"

namespace racelab::cli {

// What a rendering says about the run.
inline Subject subject(const scenarios::Scenario& s, const std::string& impl) {
  return {s.id, s.title, impl, scenarios::size_flags(s), s.workers_per_user, s.requests, false, ""};
}

// racelab demo: the seed's story end to end, `trials` real-thread trials per fix (demo.cpp).
int run_demo(int trials);

// racelab list [--json] (list.cpp).
int run_list(bool json);

// racelab check SCENARIO --impl IMPL ... (check.cpp).
// For dpor/dfs it estimates the size first and falls back to sampling over `budget`
// (scenarios::check_within). `expect` (--expect): "" — exit 0 when the property holds, 1 on a
// violation; "safe", "violation" or "declared" — exit 0 when the verdict is that one (declared:
// as scenarios/ declares it, scenarios::CheckResult::as_declared()), 1 when not.
// `focus` (--focus): the timeline shows only the involved threads (render.hpp, Subject::focus).
int run_check(const scenarios::Scenario& s, const std::string& impl, const model::Options& o,
              bool json, const scenarios::Budget& budget = {}, const std::string& expect = "",
              bool focus = false);

// racelab verify [SCENARIO...] [--impl IMPL...] [--json] [--junit FILE] [--sarif FILE]
// [--markdown FILE] (verify.cpp): every pair selected against its declared verdict; exit 0
// exactly when every one is as declared.
struct VerifySelection {
  std::vector<std::string> scenarios;  // empty: every scenario in the catalogue
  std::vector<std::string> impls;      // empty: the reference implementations
};
struct VerifyOutputs {  // files to write besides stdout; "" for none
  std::string junit;
  std::string sarif;
  std::string markdown;
};
int run_verify(const VerifySelection& sel, const VerifyOutputs& outputs, bool json);

// racelab replay SCENARIO --impl IMPL --schedule TOKEN [--format text|json|markdown|svg].
int run_replay(const scenarios::Scenario& s, const std::string& impl, const std::string& token,
               const std::string& format, bool focus = false);
// For a focused rendering: the registry's content before and after the first violation's
// culprit step, "QUEUE_USER before step 41: …\nQUEUE_USER after step 41: …" (run.describe_after),
// or "" when no violation has a step or the scenario cannot describe its state.
std::string culprit_state_note(const scenarios::ModelRun& run, const model::Execution& e);

// racelab stress SCENARIO --impl IMPL [--trials N] [--jobs J] [--noise P] ... (stress.cpp).
struct StressRun {  // app.cpp binds the flags to these defaults
  int trials = 1000;
  int jobs = 2;
  int noise_percent = 0;  // facade operations that pause briefly, in percent
  int timeout_ms = 10'000;
};
int run_stress(const scenarios::Scenario& s, const std::string& impl, const StressRun& run,
               bool json);

// run.trials trials on real threads, each in a child process (stress.cpp; the demo runs them too).
// While they run, SIGINT and SIGTERM stop them: the histogram comes back with `interrupted`, and
// stop_signal() says which signal it was (exit with kExitInterrupted + stop_signal()).
harness::Histogram run_real_trials(const scenarios::Scenario& s, const std::string& impl,
                                   const StressRun& run, bool progress);
int stop_signal();
// "interrupted by SIGINT after 3 of 200 trials; …": the partial summary's first line.
std::string interrupted_line(const harness::Histogram& h, int of);
// True when this binary was built with ThreadSanitizer: its trials can end in a TSan report.
bool built_with_tsan();
// The commands that build racelab with ThreadSanitizer and stress the same scenario there.
std::string tsan_command(const Subject& s);

// racelab play SCENARIO --impl IMPL [--schedule TOKEN] [--lang LANG]: start from a saved game
// (play.cpp). Levels (play --level N) are in play_levels.hpp.
int run_play(const scenarios::Scenario& s, const std::string& impl, const std::string& start,
             course::Language language = course::Language::en);

}  // namespace racelab::cli
