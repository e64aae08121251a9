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
#include <set>
#include <string>
#include <vector>

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
// preemptions: …", "sampled 1000 schedules (seed 7, depth 3) in 40 ms — not exhaustive".
std::string coverage(const CheckResult& r, const std::string& elapsed = "");

}  // namespace racelab::scenarios
