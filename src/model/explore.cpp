// explore(), replay() and probe(): the engine driven by a strategy, and what comes back.
//
// Exploring runs with tracing off (building op texts for every step would cost more than the
// step). A failure is recorded as its schedule only; afterwards that schedule is replayed once
// with tracing on, which also checks that the body is deterministic under the model.
//
// The determinism guard (nondeterministic_body, explore.hpp): a few schedules (the 1st, every
// kRecheckEvery-th) run traced while exploring and run again after all the others; the two
// traces must agree step by step. Re-running after the others is what catches state kept
// between executions: a failure re-run right away would see the same leftover state and fail the
// same way. Every execution also checks that no facade operation came from an OS thread the
// engine does not run (foreign_thread.hpp).
#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <stdexcept>
#include <tuple>

#include "model/contract.hpp"
#include "model/engine.hpp"
#include "model/foreign_thread.hpp"
#include "model/schedule_token.hpp"
#include "model/shard.hpp"
#include "model/shrink.hpp"
#include "model/strategies/scheduler.hpp"
#include "racelab/internal/text.hpp"
#include "racelab/model/explore.hpp"
#include "racelab/model/runtime.hpp"
#include "racelab/model/schedule.hpp"

namespace racelab::model {

using detail::Engine;
using detail::RunConfig;
using detail::RunEnd;

namespace {

std::unique_ptr<detail::Scheduler> make_strategy(const Options& o) {
  if (!o.prefix.empty() && o.strategy != Strategy::dfs) {
    throw std::invalid_argument("racelab::model: Options::prefix applies to Strategy::dfs only");
  }
  switch (o.strategy) {
    case Strategy::dpor: return detail::make_dpor(o.preemption_bound);
    case Strategy::dfs:
      return detail::make_dfs(o.preemption_bound, o.prefix.empty()
                                                      ? std::vector<int>{}
                                                      : Schedule::parse(o.prefix).steps());
    case Strategy::random: return detail::make_random(o.seed);
    case Strategy::pct: return detail::make_pct(o.seed, o.pct_depth);
    case Strategy::replay: return detail::make_replay(Schedule::parse(o.schedule).steps());
  }
  throw std::invalid_argument("racelab::model: unknown strategy");
}

// Options::max_schedules = 0 means: no limit for the exhaustive strategies, 1000 samples else.
std::size_t schedule_limit(const Options& o) {
  if (o.max_schedules != 0) return o.max_schedules;
  return o.strategy == Strategy::random || o.strategy == Strategy::pct ? 1000 : 0;
}

Execution collect(Engine& e, bool with_trace) {
  Execution x;
  x.violations = e.violations();
  x.schedule = format_schedule(e.choices());
  x.preemptions = e.preemptions();
  if (with_trace) x.trace = e.take_trace();
  return x;
}

// Runs `token`'s schedule once with tracing. A token that does not fit throws
// std::invalid_argument naming the token.
Execution run_traced(Engine& e, const std::string& token, const std::vector<int>& choices,
                     std::size_t max_steps, const Describe* describe = nullptr, bool probe = false,
                     RunEnd* end = nullptr) {
  auto replay = detail::make_replay(choices);
  replay->next_execution();
  RunConfig config;
  config.max_steps = max_steps;
  config.trace = true;
  config.schedule_length = choices.size();
  config.probe = probe;
  config.describe = describe;
  try {
    const RunEnd r = e.run(*replay, config);
    if (end != nullptr) *end = r;
  } catch (const detail::ScheduleMisfit& misfit) {
    throw std::invalid_argument("schedule \"" + echo_input(token) +
                                "\" does not fit: " + misfit.what());
  }
  return collect(e, true);
}

// Report::dpor_gap: what a dpor run that took a spurious wake-up may not cover.
constexpr const char* kDporSpuriousGap =
    "a thread woke spuriously from a condition_variable wait, and dpor may miss interleavings "
    "in which a waiter sleeps on past a spurious wake-up it could take (a known gap: "
    "docs/model-library.md); a wait without a predicate deserves a run with --strategy dfs "
    "(Strategy::dfs), which runs them all";

// ---- The determinism guard --------------------------------------------------------------------

constexpr const char* kLeftoverState =
    "state kept between executions (a static or global the body changes and does not reset)";
constexpr const char* kTimeOrRandom =
    "time or randomness (a clock, rand(), std::random_device, addresses): each run differs";
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
    return Divergence{i + 1, i < x.size() ? step_text(x[i]) : "the end of the execution",
                      i < y.size() ? step_text(y[i]) : "the end of the execution"};
  }
  if (a.violations != b.violations) {
    return Divergence{0, violations_text(a.violations), violations_text(b.violations)};
  }
  return std::nullopt;
}

// Foreign facade operations counted so far (a std::thread behind the facade's back).
std::size_t foreign_ops() { return detail::g_foreign_ops.load(std::memory_order_relaxed); }

[[noreturn]] void hidden_thread(const std::string& token) {
  throw nondeterministic_body(token, 0, "every facade operation on the explored threads",
                              "an operation from another OS thread", kHiddenThread);
}

// Runs `choices` traced. A run that no longer fits its own schedule is a divergence: returned as
// the partial trace it made, with the misfit as its last words.
Execution run_again(Engine& e, const std::vector<int>& choices, std::size_t max_steps,
                    std::string& misfit) {
  auto replay = detail::make_replay(choices);
  replay->next_execution();
  RunConfig config;
  config.max_steps = max_steps;
  config.trace = true;
  config.schedule_length = choices.size();
  const std::size_t foreign = foreign_ops();
  try {
    e.run(*replay, config);
  } catch (const detail::ScheduleMisfit& m) {
    misfit = m.what();
  }
  if (foreign_ops() != foreign) hidden_thread(Schedule(choices).str());
  Execution x = collect(e, true);
  return x;
}

// A schedule explored traced, to be run again after the others.
struct Sample {
  std::vector<int> choices;
  Execution first;
};

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

// An execution that first showed one or more violation ids, as exploration found it (untraced).
struct Seen {
  std::vector<int> choices;
  std::vector<Violation> violations;
};

// Runs a schedule found while exploring again, traced, and checks that it gives the same
// violations (the body must be deterministic under the model).
Execution retrace(Engine& e, const Options& o, const Seen& seen) {
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

// Each id's witness: the first execution that showed it, traced; then, when Options::shrink,
// the schedule with the fewest preemptions that still shows that id (shrink_each: bounded DFS
// for K = 0, 1, … below the witness's count, one pass serving every id). Report::failure is
// the witness of the first failure's first violation: exactly what it was before witnesses.
void explain_witnesses(Engine& e, const Options& o, const std::vector<Seen>& seen,
                       const std::map<std::string, std::size_t>& seen_at, Report& report) {
  std::vector<Execution> found;
  found.reserve(seen.size());
  for (const Seen& s : seen) found.push_back(retrace(e, o, s));
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
  for (auto& [id, choices] : detail::shrink_each(e, preemptions, o.max_steps)) {
    const std::string token = Schedule(choices).str();
    auto it = traced.find(token);
    if (it == traced.end())
      it = traced.emplace(token, run_traced(e, token, choices, o.max_steps)).first;
    report.witnesses[id] = it->second;
  }
  report.failure = report.witnesses.at(seen.front().violations.front().id);
}

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

// What an exploration saw, for the witnesses and the determinism guard afterwards.
struct Findings {
  std::vector<Seen> seen;                      // executions that showed a new id, in order
  std::map<std::string, std::size_t> seen_at;  // id → its index in `seen`
  std::vector<Sample> samples;                 // run traced, to run again after the others
};

struct Loop {
  bool exhausted = false;  // the strategy had nothing left
  bool stopped = false;    // the first violation (or the witness bound after it) ended it
};

// Runs the strategy's executions into `report` until it has none left, the report counts `limit`
// schedules (0: no limit) or, when may_stop, Options::stop_on_first_violation ends it.
// on_new_id is told each violation id the first time it shows.
Loop run_loop(Engine& engine, detail::Scheduler& strategy, const Options& o, std::size_t limit,
              bool may_stop, Report& report, Findings& f,
              const std::function<void(const std::string&)>& on_new_id) {
  RunConfig config;
  config.max_steps = o.max_steps;
  config.symmetry = o.symmetry;
  std::size_t witness_stop = 0;  // the witness bound, once a violation was found
  Loop loop;
  for (;;) {
    if (!strategy.next_execution()) {
      loop.exhausted = true;
      break;
    }
    if (limit != 0 && report.schedules >= limit) break;
    if (witness_stop != 0 && report.schedules >= witness_stop) {
      loop.stopped = true;
      break;
    }
    // The next schedule counted is a sample: trace it (tracing changes no decision).
    const bool sample = o.check_determinism && report.schedules % kRecheckEvery == 0 &&
                        f.samples.size() < kMaxRechecks;
    config.trace = o.record_traces || sample;
    const std::size_t foreign = foreign_ops();
    ++report.runs;
    const RunEnd end = engine.run(strategy, config);
    if (foreign_ops() != foreign) hidden_thread(format_schedule(engine.choices()));
    report.symmetric_groups = std::max(report.symmetric_groups, engine.symmetric_groups());
    report.symmetric_threads = std::max(report.symmetric_threads, engine.symmetric_threads());
    if (report.weak_memory.empty()) report.weak_memory = engine.weak_note();
    if (report.dpor_gap.empty() && o.strategy == Strategy::dpor && engine.spurious_taken())
      report.dpor_gap = kDporSpuriousGap;
    if (end == RunEnd::abandoned) continue;
    ++report.schedules;
    if (sample) {
      f.samples.push_back({std::vector<int>(engine.choices().begin(), engine.choices().end()),
                           collect(engine, true)});
    }
    const auto& violations = engine.violations();
    bool new_id = false;
    for (const Violation& v : violations) {
      if (f.seen_at.count(v.id) > 0) continue;
      f.seen_at[v.id] = f.seen.size();
      report.first_seen[v.id] = report.schedules;
      on_new_id(v.id);
      new_id = true;
    }
    if (new_id) {
      f.seen.push_back(
          {std::vector<int>(engine.choices().begin(), engine.choices().end()), violations});
    }
    const bool failed = !violations.empty();
    if (failed) ++report.failing_schedules;
    if (o.on_execution && sample) {
      Execution x = f.samples.back().first;
      if (!o.record_traces) x.trace = {};
      o.on_execution(x);
    } else if (o.on_execution) {
      o.on_execution(collect(engine, o.record_traces));
    }
    if (may_stop && failed && o.stop_on_first_violation && witness_stop == 0) {
      if (!o.every_witness) {
        loop.stopped = true;
        break;
      }
      witness_stop = witness_limit(report.schedules);
    }
  }
  return loop;
}

// After exploring: the determinism guard's re-runs, then the witnesses.
void conclude(Engine& engine, const Options& o, const Findings& f, Report& report) {
  for (const Sample& s : f.samples) {
    report.reruns += 2;
    recheck(engine, o, s);
  }
  if (!f.seen.empty()) {
    explain_witnesses(engine, o, f.seen, f.seen_at, report);
    report.failure_id = f.seen.front().violations.front().id;
  }
}

// Options::partition: this part's units (model/shard.hpp), each explored in full.
void explore_part(Engine& engine, const Options& o, Report& report) {
  const Partition part = *o.partition;
  if (part.count == 0 || part.index >= part.count) {
    throw std::invalid_argument("racelab::model: Options::partition " + std::to_string(part.index) +
                                " of " + std::to_string(part.count) +
                                " does not exist (accepted: index 0 to count-1, count >= 1)");
  }
  if (o.strategy == Strategy::dpor && o.preemption_bound) {
    throw std::invalid_argument(
        "racelab::model: a dpor run with a preemption bound cannot be partitioned (use dfs, or "
        "no bound)");
  }
  if (!o.prefix.empty()) {
    throw std::invalid_argument(
        "racelab::model: Options::prefix and Options::partition exclude "
        "each other");
  }
  if (o.symmetry) {  // the cut (split_tree) runs without the twins' turns
    throw std::invalid_argument(
        "racelab::model: Options::symmetry and Options::partition exclude each other");
  }
  const bool sampling = o.strategy == Strategy::random || o.strategy == Strategy::pct;
  std::vector<detail::Subtree> subtrees;
  std::size_t pct_steps = 0;
  if (sampling) {
    report.units = schedule_limit(o);
    if (o.strategy == Strategy::pct) {  // k, measured once by a run no sample is
      const auto measure = detail::make_pct(detail::sample_seed(o.seed, report.units), o.pct_depth);
      measure->next_execution();
      RunConfig config;
      config.max_steps = o.max_steps;
      ++report.runs;
      const RunEnd end = engine.run(*measure, config);
      pct_steps =
          std::max<std::size_t>(1, engine.choices().size() + (end == RunEnd::abandoned ? 1 : 0));
    }
  } else {
    subtrees = detail::split_tree(engine, o.strategy == Strategy::dpor, o.preemption_bound,
                                  o.max_steps, report.runs);
    report.units = subtrees.size();
  }
  report.partition = part;
  Findings found;
  bool complete = !sampling;
  std::size_t next = 0;  // the next unit to consider, without next_unit
  const auto next_unit = [&]() -> std::size_t {
    if (o.next_unit) return o.next_unit();
    while (next < report.units && detail::part_of(next, part.count) != part.index) ++next;
    return next++;
  };
  for (std::size_t u = next_unit(); u < report.units; u = next_unit()) {
    std::unique_ptr<detail::Scheduler> strategy;
    const std::uint64_t seed = detail::sample_seed(o.seed, u);
    switch (o.strategy) {
      case Strategy::random: strategy = detail::make_random(seed); break;
      case Strategy::pct: strategy = detail::make_pct(seed, o.pct_depth, pct_steps); break;
      case Strategy::dfs:
        strategy = detail::make_dfs(o.preemption_bound, subtrees[u].prefix);
        break;
      default:
        strategy = detail::make_dpor(std::nullopt, subtrees[u].prefix, subtrees[u].sleep);
        break;
    }
    const std::size_t before = report.schedules;
    const Loop loop = run_loop(engine, *strategy, o, sampling ? before + 1 : 0,
                               /*may_stop=*/false, report, found, [&](const std::string& id) {
                                 report.first_seen_at[id] = {u, report.schedules - before};
                               });
    report.traces += strategy->traces();
    if (!strategy->exhaustive() || !loop.exhausted) complete = false;
    report.unit_schedules.emplace_back(u, report.schedules - before);
  }
  report.complete = complete;
  conclude(engine, o, found, report);
}
}  // namespace

nondeterministic_body::nondeterministic_body(std::string schedule, std::size_t step,
                                             std::string first, std::string second,
                                             std::string cause)
    : std::logic_error(one_line("racelab::model: the body is not deterministic: schedule \"" +
                                schedule + "\" ran differently when run again: " +
                                (step > 0 ? "at step " + std::to_string(step) + " it was \"" +
                                                first + "\", then \"" + second + "\""
                                          : "it ended with " + first + ", then with " + second) +
                                "; likely cause: " + cause)),
      schedule_(std::move(schedule)),
      step_(step),
      first_(std::move(first)),
      second_(std::move(second)),
      cause_(std::move(cause)) {}

Report explore(const Options& o, const Body& body, const EndCheck& end_check) {
  if (!body) throw std::invalid_argument("racelab::model::explore: the body is empty");
  const detail::ExplorationInProgress in_progress;
  const auto t0 = std::chrono::steady_clock::now();
  Report report;
  report.strategy = o.strategy;
  Engine engine(body, end_check, detail::Semantics{o.spurious_wakeups, o.spin_limit});

  if (o.strategy == Strategy::replay) {
    if (o.schedule.empty()) {
      throw std::invalid_argument(
          "racelab::model: strategy replay needs Options::schedule, a "
          "token such as 0x4.1x3.2x3");
    }
    Execution x = run_traced(engine, o.schedule, Schedule::parse(o.schedule).steps(), o.max_steps);
    report.schedules = 1;
    report.runs = 1;
    if (o.on_execution) o.on_execution(x);
    if (!x.ok()) {
      report.failing_schedules = 1;
      for (const Violation& v : x.violations) {
        report.witnesses.emplace(v.id, x);
        report.first_seen.emplace(v.id, 1);
      }
      report.failure = std::move(x);
    }
    report.elapsed_ms = ms_since(t0);
    return report;
  }

  report.symmetry = o.symmetry;
  if (o.partition) {
    explore_part(engine, o, report);
  } else {
    const auto strategy = make_strategy(o);
    Findings found;
    const Loop loop = run_loop(engine, *strategy, o, schedule_limit(o), /*may_stop=*/true, report,
                               found, [](const std::string&) {});
    report.traces = strategy->traces();
    report.complete = strategy->exhaustive() && loop.exhausted && !loop.stopped;
    conclude(engine, o, found, report);
  }
  report.elapsed_ms = ms_since(t0);
  return report;
}

Execution replay(const std::string& schedule, const Body& body, const EndCheck& end_check,
                 std::size_t max_steps) {
  if (!body) throw std::invalid_argument("racelab::model::replay: the body is empty");
  const detail::ExplorationInProgress in_progress;
  Engine engine(body, end_check);
  const std::size_t foreign = foreign_ops();
  Execution x;
  try {
    x = run_traced(engine, schedule, Schedule::parse(schedule).steps(), max_steps);
  } catch (const std::invalid_argument&) {
    // A token that does not fit because a hidden thread changed the run: say that instead.
    if (foreign_ops() != foreign) hidden_thread(echo_input(schedule));
    throw;
  }
  if (foreign_ops() != foreign) hidden_thread(x.schedule);
  return x;
}

Probe probe(const std::string& prefix, const Body& body, const EndCheck& end_check,
            std::size_t max_steps, const Describe& describe) {
  if (!body) throw std::invalid_argument("racelab::model::probe: the body is empty");
  Engine engine(body, end_check);
  RunEnd end = RunEnd::ended;
  Execution x = run_traced(engine, prefix, Schedule::parse(prefix).steps(), max_steps, &describe,
                           /*probe=*/true, &end);
  Probe p;
  p.trace = std::move(x.trace);
  p.next = engine.take_next();
  p.violations = std::move(x.violations);
  p.finished = end == RunEnd::ended;
  p.schedule = std::move(x.schedule);
  p.state = engine.take_state();
  return p;
}

void keep_until_end(std::shared_ptr<void> p) {
  Engine* e = Engine::active();
  if (e == nullptr) {
    detail::contract_failure(
        "keep_until_end() called outside an execution: call it from the "
        "explored body or a thread it started");
  }
  e->keep(std::move(p));
}

// The witness bound. Stopping at the first violation hides the bug: on a lost-update counter
// DPOR's first schedule already races, while the wrong total needs a later one. Exploration
// cannot know which other ids are reachable, so it spends a budget tied to what the first one
// cost: the first violation took `first` schedules, so going on for at most (kWitnessFactor-1)
// times as many keeps the price of the answer within a constant factor of today's (the multiple),
// while the additive slack covers the common case where the first violation comes at schedule 1
// or 2 and a factor alone would stop after a handful. DPOR and DFS explore in depth-first order:
// the traces right after the first failing one share its prefix and differ in the last few
// choices — the reorderings of the very accesses that just raced, which is where the bug the race
// enables (the lost update, the double construction, the missed wake-up) is. Random and PCT
// sample, so a budget proportional to the first hit gives each further id about as many tries as
// the first one needed. Measured on the lost-update counter and the registry scenarios (see
// tests/model/witness_test.cpp and the witnesses commit message): every declared id is found well
// within this bound.
std::size_t witness_limit(std::size_t first) {
  return std::max(kWitnessFactor * first, first + kWitnessSlack);
}

int strength(Outcome kind) {
  switch (kind) {
    case Outcome::uncaught_exception:
    case Outcome::assertion_failed:
    case Outcome::property_violated: return 0;  // the wrong result itself
    case Outcome::deadlock:
    case Outcome::livelock: return 1;    // the program hangs: as visible, but no wrong value
    case Outcome::data_race: return 2;   // the cause that makes a wrong result possible
    case Outcome::step_limit: return 3;  // maybe no bug at all: only a long execution
    case Outcome::ok: break;
  }
  return 4;
}

std::vector<std::string> witness_order(const Report& report) {
  struct Key {
    int strength;
    std::size_t seen;
    std::string id;
  };
  std::vector<Key> keys;
  for (const auto& entry : report.witnesses) {
    // Named, not a structured binding: clang 14 cannot capture one in a lambda.
    const std::string& id = entry.first;
    const Execution& x = entry.second;
    const auto v = std::find_if(x.violations.begin(), x.violations.end(),
                                [&](const Violation& w) { return w.id == id; });
    const auto at = report.first_seen.find(id);
    keys.push_back({v == x.violations.end() ? strength(Outcome::ok) : strength(v->kind),
                    at == report.first_seen.end() ? 0 : at->second, id});
  }
  std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
    return std::tie(a.strength, a.seen, a.id) < std::tie(b.strength, b.seen, b.id);
  });
  std::vector<std::string> ids;
  for (auto& k : keys) ids.push_back(std::move(k.id));
  return ids;
}

void check(bool cond, const std::string& message) {
  if (!cond) rt::fail(message);
}

}  // namespace racelab::model
