// racelab check's warning before an exhaustive search that will take long (long_search.hpp).
#include "long_search.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "racelab/internal/text.hpp"
#include "racelab/model/estimate.hpp"

namespace racelab::cli {

namespace {
// "3 minutes", "5 hours", "11 days", "2,400 years", "4.3e+11 years": the order of magnitude one
// plans by.
std::string duration_text(double seconds) {
  struct Unit {
    double seconds;
    const char* one;
  };
  static constexpr Unit kUnits[] = {
      {31'557'600, "year"}, {86'400, "day"}, {3'600, "hour"}, {60, "minute"}, {1, "second"}};
  for (const Unit& u : kUnits) {
    const double n = seconds / u.seconds;
    if (n < 1 && u.seconds > 1) continue;
    if (n >= 1e6) {
      char text[32];
      std::snprintf(text, sizeof text, "%.1e %ss", n, u.one);
      return text;
    }
    return plural(static_cast<std::size_t>(std::llround(std::max(1.0, n))), u.one);
  }
  return "";
}

}  // namespace

void warn_if_long(const scenarios::Plan& plan, const model::Options& o, std::size_t parts) {
  constexpr double kLongSeconds = 60;
  constexpr double kManyRuns = 1e7;  // when the time per run was not probed
  const double seconds = plan.count * plan.ms_per_run / 1000;
  if (plan.ms_per_run > 0 ? seconds <= kLongSeconds : plan.count <= kManyRuns) return;
  std::string time;
  if (plan.ms_per_run > 0) time = ", about " + duration_text(seconds) + " at this machine's pace";
  // What cuts it, where it applies: --symmetry (the catalogue's workers are tagged
  // interchangeable), dpor instead of dfs, a preemption bound, sampling (not with --shard or
  // --jobs, which take neither sampling nor dpor).
  const char* each = parts > 1 ? " in each part" : "";
  std::string cuts;
  const auto cut = [&](const char* words) {
    cuts += (cuts.empty() ? "" : "; ") + std::string(words);
  };
  if (o.strategy == model::Strategy::dpor && !o.symmetry)
    cut("--symmetry runs one interleaving per class of interchangeable workers");
  if (o.strategy == model::Strategy::dfs && parts == 0)
    cut("--strategy dpor runs one interleaving per class of equivalent ones");
  if (o.strategy == model::Strategy::dfs)
    cut("--preemption-bound 2 runs those with at most 2 preemptions");
  // A bug, when there is one, is often found early: --first stops there (trial 10).
  if (parts == 0 && !o.stop_on_first_violation)
    cut("--first stops at the first violation, if there is one");
  if (parts == 0) cut("--budget 10s or --max-schedules N samples instead (not a proof)");
  std::fprintf(stderr,
               "racelab: an exhaustive %s search of %s %s%s (estimated%s) starts now and runs "
               "until it is done%s%s\n",
               model::to_string(o.strategy).c_str(), model::approx_count(plan.count).c_str(),
               plan.traces ? "traces" : "schedules", each, time.c_str(), cuts.empty() ? "" : "; ",
               cuts.c_str());
}

void warn_before_parts(const scenarios::Scenario& s, const std::string& impl,
                       const model::Options& o, std::size_t parts) {
  if (o.strategy != model::Strategy::dfs || o.preemption_bound || parts == 0) return;
  const auto run = scenarios::model_run(s, impl);
  const model::Estimate e = model::estimate(model::estimate_options(o, scenarios::Budget{}.probes),
                                            run.body, run.end_check);
  const auto k = static_cast<double>(parts);
  warn_if_long(scenarios::Plan{e.schedules / k, false, e.ms_per_run}, o, parts);
}

}  // namespace racelab::cli
