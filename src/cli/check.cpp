// racelab check: does the scenario's property hold for this implementation over every
// interleaving (or over the sample explored)? Exit 0 yes, 1 no (with a replayable schedule).
#include <algorithm>
#include <iostream>
#include <sstream>
#include <string>

#include "commands.hpp"
#include "fresh_replay.hpp"
#include "json.hpp"
#include "long_search.hpp"
#include "merge.hpp"
#include "racelab/internal/text.hpp"
#include "racelab/model/estimate.hpp"
#include "racelab/scenarios/check.hpp"
#include "terminal.hpp"
#include "usage.hpp"

namespace racelab::cli {

namespace {

// Most common first; ties in label order, so the list is the same run after run.
std::vector<std::pair<std::string, std::size_t>> by_count(const scenarios::CheckResult& r) {
  std::vector<std::pair<std::string, std::size_t>> rows(r.outcomes.begin(), r.outcomes.end());
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  return rows;
}

std::string outcomes_text(const scenarios::CheckResult& r) {
  const auto rows = by_count(r);
  std::string text = r.report.complete && r.report.traces == 1 ? "outcomes over the only trace:"
                     : r.report.complete && r.report.traces > 0
                         ? "outcomes over all " + std::to_string(r.report.traces) + " traces:"
                         : "outcomes over " + plural(r.report.schedules, "schedule") + ":";
  constexpr std::size_t kShown = 6;  // the most common few; the JSON output has them all
  for (std::size_t i = 0; i < rows.size() && i < kShown; ++i) {
    text += "\n    " + pad_right(std::to_string(rows[i].second), 7) + rows[i].first;
  }
  if (rows.size() > kShown) {
    text += "\n    … " + std::to_string(rows.size() - kShown) + " more (see --json)";
  }
  return text;
}

std::string declared_text(const scenarios::CheckResult& r, const Style& style) {
  std::string declared = scenarios::to_string(r.expected.verdict);
  if (!r.expected.finds.empty()) declared += " (" + join(r.expected.finds) + ")";
  std::vector<std::string> missing;  // declared kinds the exploration did not find
  for (const auto& id : r.expected.finds) {
    if (r.found.count(id) == 0) missing.push_back(id);
  }
  if (r.as_declared()) return "declared: " + declared + " — " + style.good("as declared");
  const std::string why = r.verdict() != r.expected.verdict
                              ? ""
                              : ": " + join(missing) + " not found in the schedules explored";
  return "declared: " + declared + " — " + style.warn("NOT as declared" + why);
}

// The witness's violations of one id (in the order they happened).
std::vector<model::Violation> of_id(const model::Execution& x, const std::string& id) {
  std::vector<model::Violation> vs;
  for (const auto& v : x.violations) {
    if (v.id == id) vs.push_back(v);
  }
  return vs;
}

// One short block per distinct violation id, strongest first, each with its own replay token:
//
//   1. KeyError (uncaught exception) · first seen in schedule 1 · 0 preemptions
//      ✗ violation: KeyError: 'GCCDianaramirez' in Thread-3 (worker)   [and 2 more: …]
//      replay:  racelab replay no-proxies --impl buggy --schedule 0.1x7.0x2.2x4.3x3.4x3.5x3
std::string witnesses_text(const Subject& subject, const model::Report& rep,
                           const std::vector<std::string>& order, const Style& style) {
  const std::size_t n = order.size();
  std::ostringstream out;
  out << n
      << (n == 1 ? " bug, with the schedule that shows it:\n"
                 : " distinct bugs, strongest first, each with its own schedule:\n");
  for (std::size_t i = 0; i < n; ++i) {
    const auto& x = rep.witnesses.at(order[i]);
    const auto vs = of_id(x, order[i]);
    const auto seen = rep.first_seen.find(order[i]);
    out << '\n' << style.bold(std::to_string(i + 1) + ". " + order[i]);
    std::string words = order[i];  // "data-race" says "data race" already; "KeyError" does not
    std::replace(words.begin(), words.end(), '-', ' ');
    const std::string kind = model::to_string(vs.front().kind);
    if (words != kind) out << style.dim(" (" + kind + ")");
    if (seen != rep.first_seen.end()) out << " · first seen in schedule " << seen->second;
    out << " · " << x.preemptions << (x.preemptions == 1 ? " preemption" : " preemptions") << '\n';
    // The first of its violations only (threads raising the same one are grouped on its line).
    std::istringstream lines(render_violations(vs, style));
    std::string line;
    std::getline(lines, line);
    out << "   " << line << '\n';
    std::size_t more = 0;
    while (std::getline(lines, line)) ++more;
    if (more > 0) {
      out << "   "
          << style.dim("… and " + std::to_string(more) + " more " + order[i] + " in this schedule")
          << '\n';
    }
    out << "   replay:  " << style.accent(replay_command(subject, x.schedule)) << '\n';
  }
  return out.str();
}

// "estimated beforehand: ≈2,500,000 traces (extrapolated from the exact counts at 2-4 workers:
// 4, 21, 148) · ≈1.2e+19 schedules (±40%, 100 probes) for dfs": what the estimate said before the
// exhaustive run (the coverage line says what it found).
std::string estimate_line(const scenarios::CheckResult& r) {
  const std::string schedules =
      r.estimate ? model::estimate_text(r.estimate->schedules, r.estimate->schedules_error,
                                        r.estimate->probes, "schedules") +
                       (r.asked == model::Strategy::dpor ? " for dfs" : "")
                 : "";
  if (r.extrapolated > 0) {
    std::vector<std::string> counts;
    for (auto n : r.counted) counts.push_back(std::to_string(n));
    const std::string sizes = r.counted.size() == 1
                                  ? "2 workers"
                                  : "2-" + std::to_string(1 + r.counted.size()) + " workers";
    const std::string approx = model::approx_count(r.extrapolated);
    return "estimated beforehand: " + approx + (approx == "≈1" ? " trace" : " traces") +
           " (extrapolated from the exact counts at " + sizes + ": " + join(counts) + ")" +
           (schedules.empty() ? "" : " · " + schedules);
  }
  if (r.asked == model::Strategy::dpor) {  // the schedules bound the traces, nothing better
    // (It once added "extrapolated from 4 workers on", at any size: nothing was extrapolated.)
    return "estimated beforehand: " + schedules + ", a bound on dpor's traces";
  }
  return "estimated beforehand: " + schedules;
}

// --symmetry: the traces of dpor without it, for the report line. Exact when the scenario's size
// is within kExactUpTo workers and the smaller sizes' counts predict at most kUnreducedExact
// traces there; else extrapolated from the exact counts at 2.. (scenarios::extrapolate). 0 when
// not known (a count over kExactRuns, a bound, not dpor).
//
// The bound keeps the report line from costing more than the proof it reports on: counting the
// unreduced traces means running the unreduced search, which is what --symmetry is there to
// avoid (stale-teardown buggy at 4 workers: 7,164 traces, 0.35 s, for a 318-run proof).
constexpr double kUnreducedExact = 2'000;

struct Unreduced {
  double traces = 0;
  bool exact = false;
  int counted_up_to = 0;  // extrapolated: from the exact counts at 2 .. this many workers
};
Unreduced unreduced_traces(const scenarios::Scenario& s, const std::string& impl,
                           const model::Options& options) {
  if (options.strategy != model::Strategy::dpor || options.preemption_bound) return {};
  std::vector<std::size_t> counted;
  const int top = std::min(s.workers_per_user, scenarios::kExactUpTo);
  for (int w = scenarios::kMinWorkers; w <= top; ++w) {
    if (w == s.workers_per_user && scenarios::extrapolate(counted, w) > kUnreducedExact) break;
    const auto run = scenarios::model_run(scenarios::sized(s.id, {w, s.requests}), impl);
    model::Options o = options;
    o.symmetry = false;
    o.stop_on_first_violation = false;
    o.shrink = false;
    o.check_determinism = false;
    o.on_execution = nullptr;
    o.on_violations = nullptr;
    o.max_schedules = scenarios::kExactRuns;
    const auto rep = model::explore(o, run.body, run.end_check);
    if (!rep.complete) return {};
    counted.push_back(rep.traces);
  }
  if (counted.empty()) return {};
  if (top == s.workers_per_user && counted.size() == static_cast<std::size_t>(top - 1))
    return {static_cast<double>(counted.back()), true};
  return {scenarios::extrapolate(counted, s.workers_per_user), false,
          scenarios::kMinWorkers + static_cast<int>(counted.size()) - 1};
}

// "symmetry: 8 interchangeable workers (1 group); 128 traces explored, one per class of
// traces equal up to renaming them (unreduced: ≈2,500,000 traces, extrapolated from 2-4 workers)"
std::string symmetry_line(const scenarios::CheckResult& r, const Unreduced& u) {
  const auto& rep = r.report;
  if (!rep.symmetry_off.empty()) return "symmetry: " + rep.symmetry_off;
  if (rep.symmetric_threads == 0) {
    return "symmetry: no interchangeable threads in this scenario; nothing reduced";
  }
  std::string line = "symmetry: " + std::to_string(rep.symmetric_threads) +
                     " interchangeable threads (" + std::to_string(rep.symmetric_groups) +
                     (rep.symmetric_groups == 1 ? " group)" : " groups)");
  const std::size_t n = rep.traces > 0 ? rep.traces : rep.schedules;
  line +=
      "; " + std::to_string(n) +
      (rep.traces > 0 ? (n == 1 ? " trace" : " traces") : (n == 1 ? " schedule" : " schedules")) +
      (rep.complete ? " explored, one per class up to renaming them"
                    : " explored, each a class up to renaming them");
  if (u.traces > 0) {
    line += u.exact
                ? " (unreduced: " + std::to_string(static_cast<std::size_t>(u.traces)) + " traces)"
                : " (unreduced: " + model::approx_count(u.traces) +
                      " traces, extrapolated from the exact counts at 2-" +
                      std::to_string(u.counted_up_to) + " workers)";
  }
  return line;
}

// racelab check --json (docs/json.md): {scenario, impl, workers, requests?, strategy, verdict,
// complete, schedules, traces (when known), runs, shrink_runs, failing_schedules, elapsed_ms,
// dpor_gap and weak_memory (when the report has them), schedule, preemptions, violations,
// outcomes (when every execution was counted), witnesses, expected, as_expected}.
Json check_json_of(const scenarios::CheckResult& r, const Unreduced& u) {
  const auto& rep = r.report;
  Json j = {{"scenario", r.scenario->id}, {"impl", r.impl}};
  add_size(j, subject(*r.scenario, r.impl));
  j.update({{"strategy", model::to_string(rep.strategy)},
            {"verdict", scenarios::to_string(r.verdict())},
            {"complete", rep.complete},
            {"schedules", rep.schedules}});
  if (rep.traces > 0) j["traces"] = rep.traces;
  j["runs"] = rep.runs;
  j["shrink_runs"] = rep.shrink_runs;
  j["failing_schedules"] = rep.failing_schedules;
  j["elapsed_ms"] = rep.elapsed_ms;
  // What the exploration did not cover although it may look complete (model::Report's notes).
  for (const auto& note : model::notes(rep)) j[note.field] = note.text;
  if (rep.symmetry) {  // --symmetry: what was reduced; traces/schedules count classes
    j["symmetry"] = {{"groups", rep.symmetric_groups}, {"threads", rep.symmetric_threads}};
    if (u.traces > 0) {
      j["symmetry"]["unreduced_traces"] = u.traces;
      j["symmetry"]["unreduced_exact"] = u.exact;
    }
  } else if (!rep.symmetry_off.empty()) {  // asked for, dropped: the counts are unreduced
    j["symmetry"] = {{"groups", rep.symmetric_groups},
                     {"threads", rep.symmetric_threads},
                     {"off", rep.symmetry_off}};
  }
  if (r.estimate || !r.counted.empty()) {
    j["estimate"] = Json::object();
    if (const auto& e = r.estimate) {
      j["estimate"] = {{"schedules", e->schedules},
                       {"schedules_error", e->schedules_error},
                       {"probes", e->probes},
                       {"ms_per_run", e->ms_per_run},
                       {"elapsed_ms", e->elapsed_ms}};
    }
    if (!r.counted.empty()) {
      j["estimate"]["counted"] = r.counted;  // exact traces at 2, 3, ... workers
      j["estimate"]["extrapolated_traces"] = r.extrapolated;
    }
    if (r.fell_back) j["fell_back_from"] = model::to_string(r.asked);
  }
  Json violations = Json::array();
  if (rep.failure) {
    for (const auto& v : rep.failure->violations) {
      violations.push_back(violation_json(v, *rep.failure));
    }
    j["schedule"] = rep.failure->schedule;
    j["preemptions"] = rep.failure->preemptions;
  }
  j["violations"] = std::move(violations);
  if (!r.outcomes.empty()) {
    Json o = Json::array();
    for (const auto& [label, n] : by_count(r)) {
      o.push_back({{"outcome", outcome_id(label)}, {"label", label}, {"count", n}});
    }
    j["outcomes"] = std::move(o);
  }
  Json witnesses = Json::array();  // one per violation id, strongest first
  for (const auto& id : model::witness_order(rep)) {
    const auto& x = rep.witnesses.at(id);
    const auto vs = of_id(x, id);
    Json w = violation_json(vs.front(), x);
    w["preemptions"] = x.preemptions;
    w["outcome"] = model::to_string(vs.front().kind);
    if (const auto seen = rep.first_seen.find(id); seen != rep.first_seen.end()) {
      w["first_seen"] = seen->second;
    }
    witnesses.push_back(std::move(w));
  }
  j["witnesses"] = std::move(witnesses);
  j["expected"] = scenarios::to_string(r.expected.verdict);
  j["as_expected"] = r.as_declared();
  return j;
}

}  // namespace

// racelab check --json for a run without --symmetry (racelab merge, --jobs: they refuse it).
Json check_json(const scenarios::CheckResult& r) { return check_json_of(r, Unreduced{}); }

namespace {
// --focus: the registry around the culprit step, under the focused timeline.
std::string focused_note(const scenarios::Scenario& s, const std::string& impl,
                         const model::Execution& x, const Style& style) {
  const std::string note = culprit_state_note(scenarios::model_run(s, impl), x);
  return note.empty() ? "" : style.dim(note) + "\n\n";
}
}  // namespace

int run_check(const scenarios::Scenario& s, const std::string& impl, const model::Options& o,
              bool json, const scenarios::Budget& budget, const std::string& expect, bool focus) {
  if (focus && json) throw UsageError("--focus applies to the text report (JSON has every step)");
  Subject subject = cli::subject(s, impl);
  subject.focus = focus;
  scenarios::CheckResult r;
  {
    Progress meter(progress_wanted(json), s.id + " · " + impl, "schedules", o.max_schedules);
    r = scenarios::check_within(
        s, impl, o, budget, [&](std::size_t done) { meter.update(done); },
        [&](const scenarios::Plan& plan) { warn_if_long(plan, o); });
  }
  // Trusted only once a fresh process replays each failure the same way (fresh_replay.hpp).
  for (const auto& entry : r.report.witnesses) confirm_in_fresh_process(subject, entry.second);
  return show_check(s, r, json, expect, focus);
}

int show_check(const scenarios::Scenario& s, const scenarios::CheckResult& r, bool json,
               const std::string& expect, bool focus) {
  Subject subject = cli::subject(s, r.impl);
  subject.focus = focus;
  const model::Options& o = r.options;
  int exit = r.report.failure ? kExitViolation : kExitOk;
  // --expect: 0 when the verdict is the one expected ("declared": as scenarios/ declares it).
  const bool met =
      expect == "declared" ? r.as_declared() : expect == scenarios::to_string(r.verdict());
  if (!expect.empty()) exit = met ? kExitOk : kExitViolation;
  const Unreduced unreduced =
      r.report.symmetry && r.report.complete && r.report.symmetric_threads > 0
          ? unreduced_traces(s, r.impl, o)
          : Unreduced{};
  if (json) {
    Json j = check_json_of(r, unreduced);
    if (!expect.empty()) {
      j["expect"] = expect;
      j["expect_met"] = met;
    }
    std::cout << dump(j);
    return exit;
  }

  const Style style = style_for(1);
  std::ostringstream out;
  out << style.bold(s.id) << " — " << s.title << "  · impl " << r.impl << '\n';
  out << "strategy " << model::to_string(r.report.strategy) << " · "
      << scenarios::coverage(r, format_ms(r.report.elapsed_ms)) << '\n';
  if ((r.estimate || r.extrapolated > 0) && !r.fell_back) {
    out << style.dim(estimate_line(r)) << '\n';
  }
  if (o.symmetry) out << symmetry_line(r, unreduced) << '\n';
  // Under the coverage they qualify: what "every interleaving" did not include.
  for (const auto& note : model::notes(r.report)) out << "note: " << note.text << '\n';
  out << '\n';
  const auto order = model::witness_order(r.report);
  if (r.report.failure && !(o.stop_on_first_violation && !o.every_witness) && !order.empty()) {
    // Every bug with its own witness; the strongest one's timeline (--first: the first failure).
    const auto& w = r.report.witnesses.at(order.front());
    out << witnesses_text(subject, r.report, order, style) << '\n';
    out << (o.shrink ? "shortest failing schedule for " : "failing schedule for ") << order.front()
        << " (" << w.preemptions << (w.preemptions == 1 ? " preemption" : " preemptions") << "):\n";
    out << render_timeline(w, style, 0, -1, shown_threads(subject, w)) << '\n';
    if (focus) out << focused_note(s, r.impl, w, style);
    if (!r.outcomes.empty()) out << outcomes_text(r) << '\n';
    out << declared_text(r, style) << "\n\n";
    out << "review:  " << style.accent(replay_command(subject, w.schedule, "markdown")) << '\n';
  } else if (const auto& f = r.report.failure) {
    out << render_violations(f->violations, style) << '\n';
    out << (o.shrink ? "shortest failing schedule (" : "failing schedule (") << f->preemptions
        << (f->preemptions == 1 ? " preemption" : " preemptions") << "):\n";
    out << render_timeline(*f, style, 0, -1, shown_threads(subject, *f)) << '\n';
    if (focus) out << focused_note(s, r.impl, *f, style);
    if (!r.outcomes.empty()) out << outcomes_text(r) << '\n';
    out << declared_text(r, style) << "\n\n";
    out << "replay:  " << style.accent(replay_command(subject, f->schedule)) << '\n';
    out << "review:  " << style.accent(replay_command(subject, f->schedule, "markdown")) << '\n';
  } else {
    // With dpor's gap noted above, "every interleaving" would overclaim (new-user trial 6, F5);
    // with the weak-memory note, it covers the sequentially consistent ones (trial 10, F1).
    const std::string but = r.report.dpor_gap.empty() ? "" : ", but for the note's gap";
    const std::string every = r.report.weak_memory.empty()
                                  ? "every interleaving"
                                  : "every sequentially consistent interleaving";
    out << style.good(r.report.complete ? "✓ safe in " + every + but : "✓ no violation found")
        << (r.report.complete ? ""
            : r.fell_back     ? " in the schedules sampled (not a proof: the exhaustive run is "
                                "over the budget)"
                              : " in the schedules explored (not a proof: try --strategy dpor)")
        << '\n';
    for (const auto& p : s.properties) {
      out << "  " << style.good("✓") << " " << p.id << " — " << p.text << '\n';
    }
    out << declared_text(r, style) << '\n';
  }
  if (!expect.empty()) {
    out << "expected: " << expect << " — "
        << (met ? style.good("met (exit 0)") : style.bad("NOT met (exit 1)")) << '\n';
  }
  std::cout << out.str();
  return exit;
}

}  // namespace racelab::cli
