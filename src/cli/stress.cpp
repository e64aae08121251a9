// racelab stress: the scenario on real OS threads, each trial in its own child process (a crash
// or a hang is an outcome, not the end of the run), counted into a histogram and compared with
// the share of interleavings the model finds failing. Exit 0 when no trial violated anything,
// 1 when some did.
#include <iostream>

#include "commands.hpp"
#include "racelab/sync.hpp"
#include "scenarios/check.hpp"
#include "usage.hpp"

namespace racelab::cli {

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
  return harness::run_trials(options, [scenario, impl, noise = run.noise_percent]() {
    // In the child, before its threads start: noise at every facade operation, if asked.
    sync::set_noise(noise);
    return harness::to_trial_report(scenarios::real_run(*scenario, impl));
  });
}

int run_stress(const scenarios::Scenario& s, const std::string& impl, const StressRun& run,
               bool json) {
  const bool progress = progress_wanted(json);
  StressSummary summary{subject(s, impl), run, run_real_trials(s, impl, run, progress), {}};
  // The model's share of failing interleavings, over every trace when that stays small.
  model::Options every = scenarios::every_trace();
  every.max_schedules = 100'000;
  Progress meter(progress, s.id + " · " + impl, "schedules");
  summary.model = scenarios::check(s, impl, every, [&](std::size_t n) { meter.update(n); }).report;
  meter.finish();
  std::cout << (json ? dump(stress_json(summary)) : render_stress_text(summary, style_for(1)));
  return summary.violating_trials() > 0 ? kExitViolation : kExitOk;
}

}  // namespace racelab::cli
