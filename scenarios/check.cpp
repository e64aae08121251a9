#include "racelab/scenarios/check.hpp"

#include <stdexcept>

namespace racelab::scenarios {

namespace {
std::string count(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}
}  // namespace

CheckResult check(const Scenario& s, const std::string& impl, const model::Options& options,
                  const OnProgress& progress) {
  const auto declared = s.expected.find(impl);
  if (declared == s.expected.end()) {
    throw std::invalid_argument("scenario '" + s.id + "' declares no verdict for '" + impl + "'");
  }
  CheckResult result{&s, impl, options, {}, declared->second, {}, {}};
  result.options.on_execution = nullptr;
  const auto run = model_run(s, impl);
  model::Options explored = options;
  std::size_t done = 0;
  explored.on_execution = [&](const model::Execution& e) {
    for (const auto& v : e.violations) result.found.insert(v.id);
    if (!options.stop_on_first_violation) ++result.outcomes[outcome_label(e.violations)];
    if (progress) progress(++done);
    if (options.on_execution) options.on_execution(e);
  };
  result.report = model::explore(explored, run.body, run.end_check);
  // The executions a person reads get the culprit step of their end-of-run violations.
  if (run.name_culprits) {
    if (result.report.failure) run.name_culprits(*result.report.failure);
    for (auto& [id, x] : result.report.witnesses) run.name_culprits(x);
  }
  return result;
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
  std::string how;
  if (o.strategy == model::Strategy::random || o.strategy == model::Strategy::pct) {
    how = " (seed " + std::to_string(o.seed) +
          (o.strategy == model::Strategy::pct ? ", depth " + std::to_string(o.pct_depth) : "") +
          ")";
  }
  return "sampled " + schedules + how + bound + time + caveat;
}

}  // namespace racelab::scenarios
