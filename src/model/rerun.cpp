// Runs of a schedule found before (rerun.hpp): the witnesses' traced runs, the determinism
// guard's re-runs, and run_traced for replay() and probe().
#include "model/rerun.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

#include "model/foreign_thread.hpp"
#include "model/schedule_token.hpp"
#include "model/shrink.hpp"
#include "model/strategies/scheduler.hpp"
#include "racelab/internal/text.hpp"
#include "racelab/model/schedule.hpp"

namespace racelab::model::detail {

namespace {

// The run of one whole schedule, traced: the replay must use up `choices` exactly.
RunConfig traced_config(const std::vector<int>& choices, std::size_t max_steps) {
  RunConfig config;
  config.max_steps = max_steps;
  config.trace = true;
  config.schedule_length = choices.size();
  return config;
}

constexpr const char* kLeftoverState =
    "state kept between executions (a static or global the body changes and does not reset)";
constexpr const char* kTimeOrRandom =
    "time or randomness, or state that changes every execution (a clock, rand(), addresses, a "
    "global counter the body does not reset)";
constexpr const char* kHiddenThread =
    "a std::thread behind the facade's back: a sync object was used from an OS thread the model "
    "does not run; use racelab::sync::thread";

std::string step_text(const Step& s) {
  std::string t = "thread " + std::to_string(s.thread) + ": " + op_text(s);
  if (!s.value.empty()) t += " → " + s.value;
  if (!s.file.empty()) t += " (" + s.file + ":" + std::to_string(s.line) + ")";
  return t;
}

std::string violations_text(const std::vector<Violation>& vs) {
  if (vs.empty()) return "no violation";
  std::string t;
  for (const Violation& v : vs) t += (t.empty() ? "" : ", ") + v.id;
  return t;
}

// What step_text leaves out, for two steps whose texts are equal but which differ: whether the
// step was a preemption (it depends on whether the thread before it could go on), the locks
// held, the exception raised. Empty strings when they differ in nothing shown.
std::pair<std::string, std::string> unseen_difference(const Step& a, const Step& b) {
  const auto locks = [](const Step& s) {
    std::string t;
    for (const std::string& l : s.locks_held) t += (t.empty() ? "" : ", ") + l;
    return " holding " + (t.empty() ? std::string("no lock") : t);
  };
  const auto preempts = [](const Step& s) {
    return std::string(s.preemption ? " (a preemption)" : " (no preemption)");
  };
  if (a.preemption != b.preemption) return {preempts(a), preempts(b)};
  if (a.locks_held != b.locks_held) return {locks(a), locks(b)};
  if (a.raised != b.raised) return {" raising " + a.raised, " raising " + b.raised};
  return {};
}

// Where two runs of one schedule first differ: {step (1-based, 0: only the end), first, second},
// or nullopt when they agree.
struct Divergence {
  std::size_t step;
  std::string first, second;
};
std::optional<Divergence> compare(const Execution& a, const Execution& b) {
  const auto& x = a.trace.steps;
  const auto& y = b.trace.steps;
  for (std::size_t i = 0; i < std::max(x.size(), y.size()); ++i) {
    if (i < x.size() && i < y.size() && x[i] == y[i]) continue;
    Divergence d{i + 1, i < x.size() ? step_text(x[i]) : "the end of the execution",
                 i < y.size() ? step_text(y[i]) : "the end of the execution"};
    if (d.first == d.second) {  // the same words: say what they leave out
      auto [a, b] = unseen_difference(x[i], y[i]);
      d.first += a;
      d.second += b;
    }
    return d;
  }
  if (a.violations != b.violations) {
    return Divergence{0, violations_text(a.violations), violations_text(b.violations)};
  }
  return std::nullopt;
}

// Runs `choices` traced. A run that no longer fits its own schedule is a divergence: returned as
// the partial trace it made, with the misfit as its last words.
Execution run_again(Engine& e, const std::vector<int>& choices, std::size_t max_steps,
                    std::string& misfit) {
  auto replay = make_replay(choices);
  replay->next_execution();
  const RunConfig config = traced_config(choices, max_steps);
  const std::size_t foreign = foreign_ops();
  try {
    e.run(*replay, config);
  } catch (const ScheduleMisfit& m) {
    misfit = m.what();
  }
  if (foreign_ops() != foreign) hidden_thread(Schedule(choices).str());
  Execution x = collect(e, true);
  return x;
}

// Runs a schedule found while exploring again, traced, and checks that it gives the same
// violations (the body must be deterministic under the model).
Execution retrace(Engine& e, const Options& o, const FirstSeen& seen) {
  const std::string token = Schedule(seen.choices).str();
  std::string misfit;
  Execution x = run_again(e, seen.choices, o.max_steps, misfit);
  if (!misfit.empty() || x.violations != seen.violations) {
    throw nondeterministic_body(token, 0, violations_text(seen.violations),
                                misfit.empty() ? violations_text(x.violations)
                                               : "a schedule that no longer fits: " + misfit,
                                std::string(kLeftoverState) + ", or " + kTimeOrRandom);
  }
  return x;
}

bool wakes_spuriously(const Execution& x) {
  return std::any_of(x.trace.steps.begin(), x.trace.steps.end(),
                     [](const Step& s) { return s.kind == OpKind::wake && s.value == "spurious"; });
}

// Witnesses that took a spurious wake-up they may not need: each replaced by a schedule with no
// spurious wake-up and no more preemptions that shows the same id, when one exists (calm_each).
// The new schedule is replayed under the run's own semantics and kept only if it shows the id
// there without a spurious wake-up — a token must replay as the report shows it.
void calm_witnesses(Engine& e, const Options& o, Report& report) {
  std::map<std::string, int> preemptions;
  for (const auto& [id, x] : report.witnesses) {
    if (wakes_spuriously(x)) preemptions[id] = x.preemptions;
  }
  if (preemptions.empty()) return;
  Shrunk calm = calm_each(e, preemptions, o.max_steps);
  report.shrink_runs += calm.runs;
  for (const auto& found : calm.schedules) {
    const std::string& id = found.first;
    Execution x;
    try {
      x = run_traced(e, Schedule(found.second).str(), found.second, o.max_steps);
    } catch (const std::invalid_argument&) {
      continue;  // it does not fit the run's own semantics after all: keep the witness
    }
    const bool shows = std::any_of(x.violations.begin(), x.violations.end(),
                                   [&](const Violation& v) { return v.id == id; });
    if (shows && !wakes_spuriously(x) && x.preemptions <= preemptions[id])
      report.witnesses[id] = std::move(x);
  }
}

}  // namespace

Execution collect(Engine& e, bool with_trace) {
  Execution x;
  x.violations = e.violations();
  x.schedule = format_schedule(e.choices());
  x.preemptions = e.preemptions();
  if (with_trace) x.trace = e.take_trace();
  return x;
}

Execution run_traced(Engine& e, const std::string& token, const std::vector<int>& choices,
                     std::size_t max_steps, const Describe* describe, bool probe, RunEnd* end) {
  auto replay = make_replay(choices);
  replay->next_execution();
  RunConfig config = traced_config(choices, max_steps);
  config.probe = probe;
  config.describe = describe;
  try {
    const RunEnd r = e.run(*replay, config);
    if (end != nullptr) *end = r;
  } catch (const ScheduleMisfit& misfit) {
    throw std::invalid_argument("schedule \"" + echo_input(token) +
                                "\" does not fit: " + misfit.what());
  }
  return collect(e, true);
}

std::size_t foreign_ops() { return g_foreign_ops.load(std::memory_order_relaxed); }

[[noreturn]] void hidden_thread(const std::string& token) {
  throw nondeterministic_body(token, 0, "every facade operation on the explored threads",
                              "an operation from another OS thread", kHiddenThread);
}

// Runs `s` twice more and throws nondeterministic_body when either run differs from the first.
// Two runs, not one: a body that draws a random bit per execution would pass one re-run half the
// time; and how the two re-runs compare names the likely cause.
void recheck(Engine& e, const Options& o, const Sample& s) {
  std::string misfit2, misfit3;
  const Execution second = run_again(e, s.choices, o.max_steps, misfit2);
  const Execution third = run_again(e, s.choices, o.max_steps, misfit3);
  const bool differs2 = compare(s.first, second).has_value() || !misfit2.empty();
  const bool differs3 = compare(s.first, third).has_value() || !misfit3.empty();
  if (!differs2 && !differs3) return;
  const Execution& other = differs2 ? second : third;
  const std::string& misfit = differs2 ? misfit2 : misfit3;
  auto d = compare(s.first, other);
  if (!d) d = Divergence{0, "the whole schedule", ""};
  if (!misfit.empty()) d->second += (d->second.empty() ? "" : "; ") + ("then " + misfit);
  // The re-runs agree with each other: the first run saw other state, left over by the
  // executions in between. They differ too: time or randomness.
  const bool stable = !compare(second, third) && misfit2 == misfit3;
  throw nondeterministic_body(Schedule(s.choices).str(), d->step, d->first, d->second,
                              stable ? kLeftoverState : kTimeOrRandom);
}

// Each id's witness: the first execution that showed it, traced; then, when Options::shrink,
// the schedule with the fewest preemptions that still shows that id (shrink_each: a bounded
// search for K = 0, 1, … below the witness's count, one pass serving every id).
// Report::failure is the witness of the first failure's first violation: exactly what it was
// before witnesses.
void explain_witnesses(Engine& e, const Options& o, const std::vector<FirstSeen>& seen,
                       const std::map<std::string, std::size_t>& seen_at, Report& report) {
  std::vector<Execution> found;
  found.reserve(seen.size());
  for (const FirstSeen& s : seen) found.push_back(retrace(e, o, s));
  std::map<std::string, int> preemptions;  // the ids a shorter schedule may exist for
  // Partitioned: every id searched again at its own count too, so its witness is the first in
  // bounded dfs order at the fewest preemptions, whichever execution found it (canonical).
  const bool canonical = o.partition.has_value();
  for (const auto& [id, i] : seen_at) {
    report.witnesses[id] = found[i];
    if (canonical) {
      preemptions[id] = found[i].preemptions + 1;
    } else if (o.shrink && found[i].preemptions > 0) {
      preemptions[id] = found[i].preemptions;
    }
  }
  std::map<std::string, Execution> traced;  // by token: ids sharing a schedule trace it once
  // Canonical witnesses are bounded DFS's first; any other run takes bounded DPOR's first at
  // the fewest preemptions, as short and found in fewer runs (shrink.hpp, ShrinkSearch).
  Shrunk shrunk = shrink_each(e, preemptions, o.max_steps, kShrinkStepBudget,
                              canonical ? ShrinkSearch::dpor_then_dfs : ShrinkSearch::dpor);
  report.shrink_runs += shrunk.runs;
  for (auto& [id, choices] : shrunk.schedules) {
    const std::string token = Schedule(choices).str();
    auto it = traced.find(token);
    if (it == traced.end())
      it = traced.emplace(token, run_traced(e, token, choices, o.max_steps)).first;
    report.witnesses[id] = it->second;
  }
  if (o.shrink || canonical) calm_witnesses(e, o, report);
  report.failure = report.witnesses.at(seen.front().violations.front().id);
}

}  // namespace racelab::model::detail
