// src/cli/stress_summary.hpp — what a stress run measured, and how it is shown.
#pragma once

#include <string>

#include "json.hpp"
#include "racelab/harness/run_trials.hpp"
#include "racelab/model/explore.hpp"
#include "render.hpp"
#include "scenarios/catalogue.hpp"
#include "terminal.hpp"

namespace racelab::cli {

// What `racelab stress` runs (app.cpp binds its flags to these defaults).
struct StressRun {
  int trials = 1000;
  int jobs = 2;
  int noise_percent = 0;
  int timeout_ms = 10'000;
};

struct StressSummary {
  Subject subject;
  StressRun run;
  harness::Histogram histogram;  // real threads, one child per trial
  model::Report model;           // the same scenario under the model (dpor, every outcome)

  // Trials that did not end ok: an exception, a broken property, a crash, a hang, a report.
  int violating_trials() const;
  // The model's failing share of what it explored, in [0, 1].
  double model_hit_rate() const;
};

// True when this binary was built with ThreadSanitizer: its trials can end in a TSan report.
bool built_with_tsan();

// The commands that build racelab with ThreadSanitizer and stress the same scenario there.
std::string tsan_command(const Subject& s);

// Runs run.trials trials of the scenario on real threads, each in a child process (stress.cpp).
harness::Histogram run_real_trials(const scenarios::Scenario& s, const std::string& impl,
                                   const StressRun& run, bool progress);

// The histogram as a table, the hit rates side by side, and the first crash or TSan report.
std::string render_stress_text(const StressSummary& s, const Style& style);

// racelab stress --json (docs/json.md).
Json stress_json(const StressSummary& s);

}  // namespace racelab::cli
