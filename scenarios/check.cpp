#include "racelab/scenarios/check.hpp"

#include <algorithm>
#include <stdexcept>

namespace racelab::scenarios {

namespace {
std::string count(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// The estimated size of the exhaustive run that did not happen: traces for dpor, schedules for
// dfs (the strategy asked for; the options that ran say random).
std::string fallback_figure(const CheckResult& r) {
  const bool traces = r.asked == model::Strategy::dpor;
  return model::approx_count(r.estimated()) + (traces ? " traces" : " schedules");
}
// Exact dpor trace counts at 2.. workers (up to kExactUpTo, below the scenario's size), for
// extrapolate(); empty when there is no smaller size or a count does not fit kExactRuns.
// `ms_per_run`: the time per run of the largest size counted, scaled to the scenario's workers
// (a run's steps grow with them): rough, but it tells seconds from hours (0 when none counted).
std::vector<std::size_t> count_small_sizes(const Scenario& s, const std::string& impl,
                                           const model::Options& options, double& ms_per_run) {
  std::vector<std::size_t> counted;
  ms_per_run = 0;
  for (int w = kMinWorkers; w <= kExactUpTo && w < s.workers_per_user; ++w) {
    const Scenario small = sized(s.id, Size{w, s.requests});
    const auto run = model_run(small, impl);
    model::Options o = options;
    o.stop_on_first_violation = false;
    o.shrink = false;
    o.on_execution = nullptr;
    o.on_violations = nullptr;
    o.max_schedules = kExactRuns;
    const auto rep = model::explore(o, run.body, run.end_check);
    if (!rep.complete) {
      ms_per_run = 0;
      return {};
    }
    counted.push_back(rep.traces);
    if (rep.runs > 0)
      ms_per_run = rep.elapsed_ms / static_cast<double>(rep.runs) * s.workers_per_user / w;
  }
  return counted;
}
}  // namespace

CheckResult check(const Scenario& s, const std::string& impl, const model::Options& options,
                  const OnProgress& progress) {
  const auto declared = s.expected.find(impl);
  if (declared == s.expected.end()) {
    throw std::invalid_argument("scenario '" + s.id + "' declares no verdict for '" + impl + "'");
  }
  CheckResult result{&s,           impl, options, {},    declared->second, {}, {},
                     std::nullopt, {},   0,       false, options.strategy};
  result.options.on_execution = nullptr;
  result.options.on_violations = nullptr;
  const auto run = model_run(s, impl);
  model::Options explored = options;
  std::size_t done = 0;
  // The violations alone: an Execution per run (its replay token) is built only when the
  // caller's own on_execution asks for it.
  explored.on_violations = [&](const std::vector<model::Violation>& violations) {
    for (const auto& v : violations) result.found.insert(v.id);
    if (!options.stop_on_first_violation) ++result.outcomes[outcome_label(violations)];
    if (progress) progress(++done);
    if (options.on_violations) options.on_violations(violations);
  };
  result.report = model::explore(explored, run.body, run.end_check);
  // The executions a person reads get the culprit step of their end-of-run violations.
  if (run.name_culprits) {
    if (result.report.failure) run.name_culprits(*result.report.failure);
    for (auto& [id, x] : result.report.witnesses) run.name_culprits(x);
  }
  return result;
}

CheckResult check_within(const Scenario& s, const std::string& impl, const model::Options& options,
                         const Budget& budget, const OnProgress& progress, const OnPlan& plan) {
  const bool exhaustive =
      options.strategy == model::Strategy::dpor || options.strategy == model::Strategy::dfs;
  if (!exhaustive || options.preemption_bound || budget.probes == 0) {
    return check(s, impl, options, progress);
  }
  CheckResult planned;
  planned.asked = options.strategy;
  double small_ms_per_run = 0;  // dpor: timed on the sizes counted
  if (options.strategy == model::Strategy::dpor) {
    planned.counted = count_small_sizes(s, impl, options, small_ms_per_run);
    planned.extrapolated = extrapolate(planned.counted, s.workers_per_user);
  }
  // The probes cost about as much as a small proof: dpor runs them only for a time budget (their
  // time per run) or when there is no extrapolation to show.
  if (options.strategy == model::Strategy::dfs || budget.seconds > 0 || planned.extrapolated == 0) {
    const auto run = model_run(s, impl);
    planned.estimate =
        model::estimate(model::estimate_options(options, budget.probes), run.body, run.end_check);
  }
  const double count = planned.estimated();
  const auto keep = [&](CheckResult& r) {
    r.estimate = planned.estimate;
    r.counted = planned.counted;
    r.extrapolated = planned.extrapolated;
  };
  const double ms_per_run = planned.estimate ? planned.estimate->ms_per_run : 0;
  const double fit_in_time =  // how many runs the time budget holds at the probes' rate
      budget.seconds > 0 && ms_per_run > 0 ? budget.seconds * 1000 / ms_per_run : 0;
  const bool known = count > 0;
  const bool over_count =
      known && budget.max_schedules > 0 && count > static_cast<double>(budget.max_schedules);
  const bool over_time = known && budget.seconds > 0 && count > fit_in_time;
  if (!over_count && !over_time) {
    if (plan) {
      plan(Plan{count, options.strategy == model::Strategy::dpor,
                ms_per_run > 0 ? ms_per_run : small_ms_per_run});
    }
    CheckResult r = check(s, impl, options, progress);
    keep(r);
    return r;
  }
  model::Options sample = options;
  sample.strategy = model::Strategy::random;
  std::size_t n = budget.max_schedules;
  if (budget.seconds > 0) {
    const auto in_time = static_cast<std::size_t>(std::max(1.0, fit_in_time));
    n = n == 0 ? in_time : std::min(n, in_time);
  }
  sample.max_schedules = n;
  CheckResult r = check(s, impl, sample, progress);
  keep(r);
  r.fell_back = true;
  r.asked = options.strategy;
  return r;
}

double extrapolate(const std::vector<std::size_t>& counted, int workers) {
  if (counted.size() < 2) return 0;  // one count says nothing about growth
  const int first = 2;               // counted[0] is at 2 workers
  const int last = first + static_cast<int>(counted.size()) - 1;
  double t = static_cast<double>(counted.back());
  if (workers <= last)
    return static_cast<double>(counted[static_cast<std::size_t>(workers - first)]);
  const auto at = [&](std::size_t i) { return std::max(1.0, static_cast<double>(counted[i])); };
  const std::size_t k = counted.size();
  double ratio = at(k - 1) / at(k - 2);
  const double step = k >= 3 ? ratio - at(k - 2) / at(k - 3) : 0.0;
  for (int n = last + 1; n <= workers; ++n) {
    ratio = std::max(1.0, ratio + step);
    t *= ratio;
  }
  return t;
}

CheckResult check_declared(const Scenario& s, const std::string& impl, const Expectation& declared,
                           const OnProgress& progress) {
  if (declared.verdict == Verdict::violation) {
    model::Options budget = every_trace();
    budget.max_schedules = kDeclaredViolationBudget;
    CheckResult r = check(s, impl, budget, progress);
    r.expected = declared;
    if (r.as_declared()) return r;
  }
  CheckResult r = check(s, impl, every_trace(), progress);
  r.expected = declared;
  return r;
}

model::Options every_trace() {
  model::Options o;
  o.stop_on_first_violation = false;
  return o;
}

std::string outcome_label(const std::vector<model::Violation>& vs) {
  if (vs.empty()) return "ok";
  std::vector<std::string> ids;  // in order of first appearance
  for (const auto& v : vs) {
    if (std::find(ids.begin(), ids.end(), v.id) == ids.end()) ids.push_back(v.id);
  }
  std::string out;
  for (const auto& id : ids) {
    const auto n = std::count_if(vs.begin(), vs.end(), [&](const auto& v) { return v.id == id; });
    out += (out.empty() ? "" : " + ") + id + (n > 1 ? " ×" + std::to_string(n) : "");
  }
  return out;
}

std::string coverage(const CheckResult& r, const std::string& elapsed) {
  const auto& rep = r.report;
  const auto& o = r.options;
  const bool full = !elapsed.empty();
  const std::string time = full ? " in " + elapsed : "";
  const std::string schedules = count(rep.schedules, "schedule", "schedules");
  const std::string bound =
      o.preemption_bound ? " with ≤" + std::to_string(*o.preemption_bound) + " preemptions" : "";
  if (rep.complete) {
    if (rep.traces == 0) {
      return "exhaustive" + bound + ": all " + schedules + (full ? " explored" : "") + time;
    }
    return "exhaustive" + bound + ": all " + count(rep.traces, "trace", "traces") +
           (full ? " explored (" + schedules + ")" : "") + time;
  }
  const std::string caveat = full ? " — not exhaustive" : "";
  if (rep.failure && o.stop_on_first_violation && !o.every_witness) {
    return "stopped at the first violation, after " + schedules + time + caveat;
  }
  if (rep.failure && o.stop_on_first_violation && !rep.first_seen.empty()) {
    std::size_t first = rep.schedules;  // the schedule of the first violation
    for (const auto& [id, at] : rep.first_seen) first = std::min(first, at);
    if (rep.schedules >= model::witness_limit(first)) {
      return "stopped at the witness bound, after " + schedules + " (first violation at schedule " +
             std::to_string(first) + ")" + time + caveat;
    }
  }
  if (r.fell_back) {
    const std::string seed = full ? " (seed " + std::to_string(o.seed) + ")" : "";
    return "sampled " + schedules + seed + time + " (estimated " + fallback_figure(r) +
           "; not a proof)";
  }
  if (o.strategy == model::Strategy::dpor || o.strategy == model::Strategy::dfs) {
    // Cut by --max-schedules: the first ones in the search's own order, not a random sample
    // (new-user trial 7).
    return "the first " + schedules + " of a " + model::to_string(o.strategy) + " search" + bound +
           time + caveat;
  }
  std::string how;
  if (o.strategy == model::Strategy::random || o.strategy == model::Strategy::pct) {
    how = " (seed " + std::to_string(o.seed) +
          (o.strategy == model::Strategy::pct ? ", depth " + std::to_string(o.pct_depth) : "") +
          ")";
  }
  return "sampled " + schedules + how + bound + time + caveat;
}

}  // namespace racelab::scenarios
