// racelab/scenarios/check.hpp — checking one scenario × implementation under the model, and the words
// every output uses for the result. `racelab check`, the demo, `racelab stress` (its model
// column), racelab-verdicts (docs/verdicts.md) and the declared-verdict tests all call check();
// the coverage sentence and the outcome labels are written here and nowhere else (the verdict
// words are scenarios::to_string(Verdict), catalogue.hpp).
#pragma once

#include <algorithm>
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "racelab/model/estimate.hpp"
#include "racelab/model/explore.hpp"
#include "racelab/scenarios/catalogue.hpp"

namespace racelab::scenarios {

struct CheckResult {
  const Scenario* scenario = nullptr;
  std::string impl;
  model::Options options;  // as explored (the coverage sentence depends on them)
  // report.failure: the first failure, shrunk to fewest preemptions; report.witnesses: one
  // execution per violation id found, each shrunk keeping its id (model::witness_order()).
  model::Report report;
  Expectation expected;  // what scenarios/ declares for the pair
  // Every violation id seen in any execution explored (sorted: the verdict table lists them so).
  std::set<std::string> found;
  // Executions by outcome_label(), over every execution run; empty when the exploration stopped
  // at the first violation (it is then not a fair count).
  std::map<std::string, std::size_t> outcomes;
  // check_within() on dpor/dfs without a preemption bound, before exploring: the schedules dfs
  // would run (Knuth's probes, model/estimate.hpp; for dpor only with a time budget or without
  // an extrapolation) ...
  std::optional<model::Estimate> estimate;
  // ... and for dpor the traces, extrapolated from exact counts at smaller sizes (counted[0] at
  // 2 workers, counted[1] at 3, ... up to kExactUpTo and below the scenario's own size); 0 when
  // there are fewer than two smaller sizes or a count there did not fit kExactRuns (the
  // schedules estimate, a bound on the traces, stands in then).
  std::vector<std::size_t> counted;
  double extrapolated = 0;
  // The estimated size of the exhaustive run: traces (dpor) or schedules (dfs); 0 when unknown
  // (dpor below 4 workers: the schedules are only a bound on its traces, often a loose one —
  // 11,000 for 4 traces at 2 workers — and a budget is not refused on a bound).
  double estimated() const {
    if (asked == model::Strategy::dpor) return extrapolated;
    return estimate ? estimate->schedules : 0;
  }
  // The estimate was over the budget: `options` are the sampling ones that ran (random), the
  // verdict is a sample's, not a proof, and `asked` is the exhaustive strategy that was not run.
  bool fell_back = false;
  model::Strategy asked = model::Strategy::dpor;

  Verdict verdict() const { return report.failure ? Verdict::violation : Verdict::safe; }
  // The declared verdict holds and every declared finding was found.
  bool as_declared() const {
    return verdict() == expected.verdict &&
           std::all_of(expected.finds.begin(), expected.finds.end(),
                       [this](const std::string& id) { return found.count(id) > 0; });
  }
};

// Called after each execution with the number run so far (a progress meter).
using OnProgress = std::function<void(std::size_t schedules_done)>;

// Explores the scenario's model run for the implementation under `options` (its on_execution,
// if any, is still called). Throws std::invalid_argument for an implementation that the
// scenario declares nothing for, or (from the engine) a bad replay token.
CheckResult check(const Scenario& s, const std::string& impl, const model::Options& options,
                  const OnProgress& progress = {});

// The workload sizes counted exactly to extrapolate from, and the most runs spent on each.
inline constexpr int kExactUpTo = 4;
inline constexpr std::size_t kExactRuns = 20'000;

// The traces of dpor at `workers`, from exact counts at 2, 3, ... workers: the growth ratio
// T(n)/T(n-1) of the last counts, extended linearly (constant with two counts; 0 with fewer) (factorial growth has a ratio linear in n:
// a lock taken once by each of n workers gives n! traces), never below 1. With the counts of
// no-proxies buggy (4, 21, 148) it gives 2,467,848 at 8 workers; the exploration counts
// 2,403,640 (+2.7%).
double extrapolate(const std::vector<std::size_t>& counted, int workers);

// What an exhaustive check may cost (racelab check --max-schedules, --budget).
struct Budget {
  std::size_t max_schedules = 0;  // 0: no count budget
  double seconds = 0;             // 0: no time budget
  // The estimate's probes (model::estimate); 0: none. 100 keeps the estimate to a few
  // milliseconds on the seed scenario (a fraction of its exhaustive check) at about ±35%.
  std::size_t probes = 100;
};

// check(), knowing first what it costs. For dpor or dfs without a preemption bound it estimates
// the schedules with model::estimate() (CheckResult::estimate; dpor: only for a time budget or
// below 4 workers) and, for dpor, the traces from exact counts at smaller sizes (CheckResult::extrapolated; measured against the exhaustive
// counts in docs/performance.md). When the estimate (CheckResult::estimated()) is over the budget — more than budget.max_schedules,
// or estimated time (count × the probes' time per run) over budget.seconds — it samples instead:
// random, with options.seed, as many schedules as the budget allows (max_schedules, or as many
// as fit in the time at the probes' rate), and sets fell_back. Otherwise it is check().
//
// `plan`, when given, hears what is about to run before it starts: an exhaustive search (no
// fallback), with its estimate — so that a caller can say beforehand that it will take days.
struct Plan {
  double count = 0;       // CheckResult::estimated(): dpor's traces, dfs's schedules; 0 unknown
  bool traces = false;    // count is dpor's traces (else dfs's schedules)
  double ms_per_run = 0;  // per execution: the probes' time, or (dpor) the largest smaller size's
                          // time per run counted, scaled to the workers; 0: not measured
};
using OnPlan = std::function<void(const Plan&)>;
CheckResult check_within(const Scenario& s, const std::string& impl, const model::Options& options,
                         const Budget& budget, const OnProgress& progress = {},
                         const OnPlan& plan = {});

// The check of a verdict against a declaration (racelab verify; the demo's table does the same):
// a declared violation is looked for in the first kDeclaredViolationBudget schedules of dpor,
// which find every declared kind in each scenario; when one is missing there, and for a declared
// safe pair (the proof), every trace is explored — no verdict is cut short by the budget.
// `declared` is normally s.expected.at(impl); the result's `expected` is it.
inline constexpr std::size_t kDeclaredViolationBudget = 200;
CheckResult check_declared(const Scenario& s, const std::string& impl, const Expectation& declared,
                           const OnProgress& progress = {});

// dpor, exhaustive, and every execution counted (not stopping at the first violation): the
// options of a verdict that rests on every trace.
model::Options every_trace();

// "ok", or the violations counted by id: "KeyError ×3 + data-race" (ids in order of first
// appearance, ×n when more than one).
std::string outcome_label(const std::vector<model::Violation>& vs);

// What the verdict covers, honestly. Brief (no `elapsed`): "exhaustive: all 148 traces",
// "sampled 1000 schedules (seed 7)", "stopped at the first violation, after 2 schedules"
// (Options::every_witness false), "stopped at the witness bound, after 201 schedules (first
// violation at schedule 1)" (the default options: model::witness_limit()).
// With `elapsed` (the time, as the caller formats it), the whole sentence:
// "exhaustive: all 148 traces explored (148 schedules) in 87 ms", "exhaustive with ≤2
// preemptions: …", "sampled 1000 schedules (seed 7, depth 3) in 40 ms — not exhaustive". After a
// budget fallback (CheckResult::fell_back): "sampled 1000 schedules (estimated ≈2,500,000
// traces; not a proof)"; with `elapsed`: "sampled 1000 schedules (seed 0) in 40 ms (estimated
// ≈2,500,000 traces; not a proof)".
std::string coverage(const CheckResult& r, const std::string& elapsed = "");

}  // namespace racelab::scenarios
