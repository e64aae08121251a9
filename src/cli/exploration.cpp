#include "exploration.hpp"

#include <algorithm>

#include "terminal.hpp"
#include "text_layout.hpp"

namespace racelab::cli {

std::vector<std::string> violation_ids(const std::vector<model::Violation>& vs) {
  std::vector<std::string> ids;
  for (const auto& v : vs) {
    if (std::find(ids.begin(), ids.end(), v.id) == ids.end()) ids.push_back(v.id);
  }
  return ids;
}

std::string outcome_label(const std::vector<model::Violation>& vs) {
  if (vs.empty()) return "ok";
  std::string out;
  for (const auto& id : violation_ids(vs)) {
    const auto n = std::count_if(vs.begin(), vs.end(), [&](const auto& v) { return v.id == id; });
    if (!out.empty()) out += " + ";
    out += id;
    if (n > 1) out += " ×" + std::to_string(n);
  }
  return out;
}

ExploreResult explore_scenario(const ExploreRequest& r) {
  ExploreResult result;
  const auto run = scenarios::model_run(*r.scenario, r.impl);
  model::Options options = r.options;
  const std::size_t total =
      options.max_schedules > 0 ? options.max_schedules
      : (options.strategy == model::Strategy::random || options.strategy == model::Strategy::pct)
          ? 1000
          : 0;
  Progress progress(r.progress, r.scenario->id + " · " + r.impl, "schedules", total);
  std::size_t done = 0;
  const bool counting = !options.stop_on_first_violation;
  options.on_execution = [&](const model::Execution& e) {
    ++done;
    if (counting) ++result.outcomes[outcome_label(e.violations)];
    progress.update(done);
    if (r.options.on_execution) r.options.on_execution(e);
  };
  result.report = model::explore(options, run.body, run.end_check);
  progress.finish();
  return result;
}

std::string coverage_line(const model::Report& r, const model::Options& o) {
  auto plural = [](std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
  };
  const std::string time = " in " + format_ms(r.elapsed_ms);
  const std::string bound =
      o.preemption_bound ? " with ≤" + std::to_string(*o.preemption_bound) + " preemptions" : "";
  if (r.complete) {
    if (r.traces > 0) {
      return "exhaustive" + bound + ": all " + plural(r.traces, "trace", "traces") + " explored (" +
             plural(r.schedules, "schedule", "schedules") + ")" + time;
    }
    return "exhaustive" + bound + ": all " + plural(r.schedules, "schedule", "schedules") +
           " explored" + time;
  }
  if (r.failure && o.stop_on_first_violation) {
    return "stopped at the first violation, after " + plural(r.schedules, "schedule", "schedules") +
           time + " — not exhaustive";
  }
  std::string how;
  if (o.strategy == model::Strategy::random || o.strategy == model::Strategy::pct) {
    how = " (seed " + std::to_string(o.seed);
    if (o.strategy == model::Strategy::pct) how += ", depth " + std::to_string(o.pct_depth);
    how += ")";
  }
  return "sampled " + plural(r.schedules, "schedule", "schedules") + how + bound + time +
         " — not exhaustive";
}

}  // namespace racelab::cli
