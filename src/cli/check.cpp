// racelab check: does the scenario's property hold for this implementation over every
// interleaving (or over the sample explored)? Exit 0 yes, 1 no (with a replayable schedule).
#include <iostream>
#include <limits>
#include <sstream>

#include "commands.hpp"
#include "exploration.hpp"
#include "json.hpp"
#include "render.hpp"
#include "scenario_args.hpp"
#include "terminal.hpp"
#include "text_layout.hpp"
#include "usage.hpp"

namespace racelab::cli {

namespace {

model::Options options_from(const CheckOptions& o) {
  model::Options opts;
  const auto strategy = model::parse_strategy(o.strategy);
  if (!strategy || *strategy == model::Strategy::replay) {
    throw UsageError("unknown strategy '" + o.strategy +
                     "' (accepted: dpor, dfs, random or pct; to run one schedule use "
                     "'racelab replay')");
  }
  opts.strategy = *strategy;
  const bool sampling =
      opts.strategy == model::Strategy::random || opts.strategy == model::Strategy::pct;
  if (o.seed) {
    if (!sampling) throw UsageError("--seed applies to --strategy random or pct only");
    opts.seed = parse_number("--seed", *o.seed, 0, std::numeric_limits<std::uint64_t>::max());
  }
  if (o.pct_depth) {
    if (opts.strategy != model::Strategy::pct) {
      throw UsageError("--pct-depth applies to --strategy pct only");
    }
    opts.pct_depth = static_cast<int>(parse_number("--pct-depth", *o.pct_depth, 1, 100));
  }
  if (o.max_schedules) {
    opts.max_schedules = parse_number("--max-schedules", *o.max_schedules, 1, 1'000'000'000);
  }
  if (o.preemption_bound) {
    if (sampling) throw UsageError("--preemption-bound applies to --strategy dpor or dfs only");
    opts.preemption_bound =
        static_cast<int>(parse_number("--preemption-bound", *o.preemption_bound, 0, 1000));
  }
  opts.stop_on_first_violation = o.first;
  return opts;
}

std::string outcomes_line(const std::map<std::string, std::size_t>& outcomes,
                          const model::Report& r) {
  std::vector<std::pair<std::string, std::size_t>> rows(outcomes.begin(), outcomes.end());
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  std::string line = r.complete && r.traces > 0
                         ? "outcomes over all " + std::to_string(r.traces) + " traces:"
                         : "outcomes over " + std::to_string(r.schedules) + " schedules:";
  // The most common few; the JSON output has them all.
  constexpr std::size_t kShown = 6;
  for (std::size_t i = 0; i < rows.size() && i < kShown; ++i) {
    line += "\n    " + pad_right(std::to_string(rows[i].second), 7) + rows[i].first;
  }
  if (rows.size() > kShown) {
    line += "\n    … " + std::to_string(rows.size() - kShown) + " more (see --json)";
  }
  return line;
}

std::string declared_line(const scenarios::Expectation& exp, bool violation, const Style& style) {
  std::string declared = exp.verdict == scenarios::Verdict::safe ? "safe" : "violation";
  if (!exp.finds.empty()) {
    declared += " (";
    for (std::size_t i = 0; i < exp.finds.size(); ++i) declared += (i ? ", " : "") + exp.finds[i];
    declared += ")";
  }
  const bool as_declared = violation == (exp.verdict == scenarios::Verdict::violation);
  return "declared: " + declared + " — " +
         (as_declared ? style.good("as declared") : style.warn("NOT as declared"));
}

}  // namespace

int run_check(const CheckOptions& o) {
  const Subject subject = subject_for(o.scenario, o.impl);
  const auto& scenario = require_scenario(o.scenario);
  ExploreRequest request{&scenario, o.impl, options_from(o), progress_wanted(o.json)};
  const ExploreResult result = explore_scenario(request);
  const auto& r = result.report;
  const auto& exp = expectation(scenario, o.impl);
  const bool violation = r.failure.has_value();

  if (o.json) {
    std::cout << dump(check_json(subject, r, result.outcomes, exp));
    return violation ? kExitViolation : kExitOk;
  }

  const Style style = style_for(1);
  std::ostringstream out;
  out << style.bold(scenario.id) << " — " << scenario.title << "  · impl " << o.impl << '\n';
  out << "strategy " << model::to_string(r.strategy) << " · " << coverage_line(r, request.options)
      << "\n\n";
  if (violation) {
    const auto& f = *r.failure;
    out << render_violations(f.violations, style) << '\n';
    out << (request.options.shrink ? "shortest failing schedule (" : "failing schedule (")
        << f.preemptions << (f.preemptions == 1 ? " preemption" : " preemptions") << "):\n";
    out << render_timeline(f, style) << '\n';
    if (!result.outcomes.empty()) out << outcomes_line(result.outcomes, r) << '\n';
    out << declared_line(exp, true, style) << "\n\n";
    out << "replay:  " << style.accent(replay_command(subject, f.schedule)) << '\n';
    out << "review:  " << style.accent(replay_command(subject, f.schedule, "markdown")) << '\n';
  } else {
    out << style.good(r.complete ? "✓ safe in every interleaving" : "✓ no violation found")
        << (r.complete ? "" : " in the schedules explored (not a proof: try --strategy dpor)")
        << '\n';
    for (const auto& p : scenario.properties) {
      out << "  " << style.good("✓") << " " << p.id << " — " << p.text << '\n';
    }
    out << declared_line(exp, false, style) << '\n';
  }
  std::cout << out.str();
  return violation ? kExitViolation : kExitOk;
}

}  // namespace racelab::cli
