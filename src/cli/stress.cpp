// racelab stress: the scenario on real OS threads, each trial in its own child process (a crash
// or a hang is an outcome, not the end of the run), counted into a histogram and compared with
// the share of interleavings the model finds failing. Exit 0 when no trial violated anything,
// 1 when some did.
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "exploration.hpp"
#include "json.hpp"
#include "noise.hpp"
#include "racelab/harness/run_trials.hpp"
#include "scenario_args.hpp"
#include "stress_summary.hpp"
#include "terminal.hpp"
#include "text_layout.hpp"
#include "usage.hpp"

namespace racelab::cli {

namespace {

StressRun options_from(const StressOptions& o) {
  StressRun run;
  run.trials = static_cast<int>(parse_number("--trials", o.trials, 1, 1'000'000));
  run.jobs = static_cast<int>(parse_number("--jobs", o.jobs, 1, 64));
  run.noise_percent = static_cast<int>(parse_number("--noise", o.noise, 0, 100));
  run.timeout_ms = static_cast<int>(parse_number("--timeout-ms", o.timeout_ms, 1, 600'000));
  if (run.noise_percent > 0 && !noise_available()) {
    throw UsageError(
        "--noise needs the real facade's noise hook, which this build lacks "
        "(accepted here: --noise 0)");
  }
  return run;
}

}  // namespace

harness::Histogram run_real_trials(const scenarios::Scenario& s, const std::string& impl,
                                   const StressRun& run, bool progress) {
  harness::RunOptions options;
  options.trials = run.trials;
  options.jobs = run.jobs;
  options.timeout = std::chrono::milliseconds(run.timeout_ms);
  Progress meter(progress, s.id + " · " + impl + " · real threads", "trials",
                 static_cast<std::size_t>(run.trials));
  int done = 0;
  options.on_trial = [&](const harness::TrialResult&) {
    meter.update(static_cast<std::size_t>(++done));
  };
  const auto* scenario = &s;
  auto histogram = harness::run_trials(options, [scenario, impl, noise = run.noise_percent]() {
    // In the child, before its threads start: noise at every facade operation, if asked.
    set_noise(noise);
    return harness::to_trial_report(scenarios::real_run(*scenario, impl));
  });
  meter.finish();
  return histogram;
}

StressSummary stress_scenario(const scenarios::Scenario& s, const std::string& impl,
                              const StressRun& run, bool progress) {
  StressSummary out;
  out.subject = {s.id, s.title, impl};
  out.run = run;
  out.histogram = run_real_trials(s, impl, run, progress);

  // The model's share of failing interleavings, over every trace when that stays small.
  model::Options mopts;
  mopts.strategy = model::Strategy::dpor;
  mopts.stop_on_first_violation = false;
  mopts.max_schedules = 100'000;
  out.model = explore_scenario({&s, impl, mopts, progress}).report;
  return out;
}

int run_stress(const StressOptions& o) {
  const Subject subject = subject_for(o.scenario, o.impl);
  const StressRun run = options_from(o);
  const auto summary =
      stress_scenario(require_scenario(o.scenario), o.impl, run, progress_wanted(o.json));
  if (o.json) {
    std::cout << dump(stress_json(summary));
  } else {
    std::cout << render_stress_text(summary, style_for(1));
  }
  return summary.violating_trials() > 0 ? kExitViolation : kExitOk;
}

}  // namespace racelab::cli
