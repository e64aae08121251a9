// explore(): the engine driven by a strategy, and what comes back (replay() and probe():
// replay_probe.cpp; Options::partition's parts: explore_part.cpp).
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
// engine does not run (foreign_thread.hpp). The re-runs themselves: rerun.cpp.
#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <stdexcept>

#include "common/real_threads.hpp"
#include "model/contract.hpp"
#include "model/elapsed.hpp"
#include "model/engine.hpp"
#include "model/explore_loop.hpp"
#include "model/foreign_thread.hpp"
#include "model/rerun.hpp"
#include "model/schedule_token.hpp"
#include "model/spin_probe.hpp"
#include "model/stall_watch.hpp"
#include "model/strategies/scheduler.hpp"
#include "racelab/internal/text.hpp"
#include "racelab/model/explore.hpp"
#include "racelab/model/runtime.hpp"
#include "racelab/model/schedule.hpp"

namespace racelab::model {

using detail::collect;
using detail::conclude;
using detail::Engine;
using detail::explain_witnesses;
using detail::explore_part;
using detail::Findings;
using detail::FirstSeen;
using detail::foreign_ops;
using detail::hidden_thread;
using detail::kUnshared;
using detail::Loop;
using detail::recheck;
using detail::run_loop;
using detail::run_traced;
using detail::RunConfig;
using detail::RunEnd;
using detail::Sample;
using detail::schedule_limit;

namespace detail {

// Report::dpor_gap: what a dpor run that took a spurious wake-up may not cover.
constexpr const char* kDporSpuriousGap =
    "a thread woke spuriously from a condition_variable wait, and dpor may miss interleavings "
    "in which a waiter sleeps on past a spurious wake-up it could take (a known gap: "
    "docs/model-library.md); a wait without a predicate deserves a run with --strategy dfs "
    "(Strategy::dfs), which runs them all — with --preemption-bound 2 when dfs alone does not "
    "finish";

std::size_t schedule_limit(const Options& o) {
  if (o.max_schedules != 0) return o.max_schedules;
  return o.strategy == Strategy::random || o.strategy == Strategy::pct ? 1000 : 0;
}

const char* const kUnshared =
    "the threads the body started used no racelab::sync object (no var, shared, atomic, mutex, "
    "queue …), so there was nothing to interleave: racelab sees only those, and what the "
    "threads share as plain C++ data (an int member, a std::map) was not checked — declare it "
    "as sync::var<T> or sync::shared<T> (docs/model-library.md)";

// The first spinner a run hid at a site not probed yet, probed after that run's results are
// taken (spin_probe.hpp).
struct PendingProbe {
  std::vector<int> prefix;
  int thread = -1;
};

Loop run_loop(Engine& engine, Scheduler& strategy, const Options& o, std::size_t limit,
              bool may_stop, bool check_spins, Report& report, Findings& f,
              const std::function<void(const std::string&)>& on_new_id) {
  RunConfig config;
  config.max_steps = o.max_steps;
  config.symmetry = o.symmetry;
  std::size_t witness_stop = 0;  // the witness bound, once a violation was found
  Loop loop;
  PendingProbe probe;
  // True when the probe saw the spinner leave its loop by itself (loop.left_spin says how).
  const auto run_probe = [&] {
    if (probe.thread < 0) return false;
    const bool left =
        detail::probe_spin(engine, probe.prefix, probe.thread, o.spin_limit + 8, o.max_steps);
    probe.thread = -1;
    if (left) {
      loop.left_spin = engine.left_spin();
      loop.left_spin_site = engine.left_spin_site();
    }
    return left;
  };
  for (;;) {
    if (check_spins && run_probe()) break;
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
    if (config.symmetry) [[unlikely]] {
      loop.spinner = engine.symmetric_spinner();
      if (!loop.spinner.empty()) break;
    }
    if (check_spins) {
      if (!engine.left_spin().empty()) [[unlikely]] {
        loop.left_spin = engine.left_spin();
        loop.left_spin_site = engine.left_spin_site();
        break;
      }
      const Engine::HiddenSpinner& hidden = engine.hidden_spinner();
      if (hidden.thread >= 0) [[unlikely]] {
        engine.mark_probed(hidden.site);
        probe.thread = hidden.thread;
        probe.prefix.assign(engine.choices().begin(),
                            engine.choices().begin() + static_cast<std::ptrdiff_t>(hidden.step));
      }
    }
    report.symmetric_groups = std::max(report.symmetric_groups, engine.symmetric_groups());
    report.symmetric_threads = std::max(report.symmetric_threads, engine.symmetric_threads());
    if (report.weak_memory.empty()) report.weak_memory = engine.weak_note();
    if (report.unjoined.empty()) report.unjoined = engine.unjoined_note();
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
    if (o.on_violations) o.on_violations(violations);
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

}  // namespace detail

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

// Report::bounded_spin's last words, after the loops it names.
constexpr const char* kBoundedSpinTail =
    " — not a spin, so threads there were scheduled like any other and the search started again";

// Options::symmetry, when interchangeable threads spin: the fair scheduler chooses among
// spinners by name (the lowest id goes first, a spinner stays hidden while some other thread can
// run), and the reduction's renaming argument does not cover that: a reduced search of a
// spinlock explored fewer classes than the unreduced one (docs/model-library.md, "Symmetry
// reduction", known gaps). Rather than a proof that may have lost classes, the search starts
// again without the reduction and says why (Report::symmetry_off). The runs already made stay
// counted in Report::runs; Options::on_execution saw them too.
void explore_whole(Engine& engine, const Options& o, Report& report) {
  const auto strategy = make_strategy(o);
  Findings found;
  Loop loop = run_loop(engine, *strategy, o, schedule_limit(o), /*may_stop=*/true,
                       /*check_spins=*/true, report, found, [](const std::string&) {});
  if (!loop.spinner.empty()) {
    Options plain = o;
    plain.symmetry = false;
    Report fresh;
    fresh.strategy = o.strategy;
    fresh.runs = report.runs;
    fresh.symmetry_off = "turned off: " + loop.spinner +
                         ", and the reduction is not known to keep every class of executions "
                         "when interchangeable threads spin (the fair scheduler picks among "
                         "spinners by name), so every interleaving was explored without it";
    report = std::move(fresh);
    explore_whole(engine, plain, report);
    return;
  }
  if (!loop.left_spin.empty()) {
    // The fair scheduler hid a loop that ends by itself: the runs so far may have missed the
    // interleavings in which it finishes first. The site is no spin from now on, for every run
    // of the new search (engine_fair.cpp).
    engine.not_a_spin(loop.left_spin_site);
    Report fresh;
    fresh.strategy = o.strategy;
    fresh.runs = report.runs;
    fresh.symmetry_off = report.symmetry_off;
    fresh.bounded_spin =
        (report.bounded_spin.empty() ? "fairness: " : report.bounded_spin + "; ") + loop.left_spin;
    report = std::move(fresh);
    explore_whole(engine, o, report);
    if (report.bounded_spin.find(kBoundedSpinTail) == std::string::npos)
      report.bounded_spin += kBoundedSpinTail;
    return;
  }
  report.traces = strategy->traces();
  report.complete = strategy->exhaustive() && loop.exhausted && !loop.stopped;
  if (engine.threads_started() && !engine.threads_shared()) report.unshared = kUnshared;
  conclude(engine, o, found, report);
}

// Options::close_dpor_gap: a complete, safe dpor run that took a spurious wake-up is run again
// as dfs, which has no such gap (docs/model-library.md, "A known gap"), within a count of
// schedules. The dfs run's callbacks are off: the caller heard dpor's executions already.
void close_dpor_gap(Engine& engine, const Options& o, Report& report) {
  if (o.strategy != Strategy::dpor || o.close_dpor_gap == 0 || report.dpor_gap.empty() ||
      !report.complete || report.failure)
    return;
  Options dfs = o;
  dfs.strategy = Strategy::dfs;
  dfs.max_schedules = std::min(o.close_dpor_gap, 1000 + 100 * report.runs);
  dfs.on_execution = nullptr;
  dfs.on_violations = nullptr;
  dfs.close_dpor_gap = 0;
  Report second;
  second.strategy = Strategy::dfs;
  second.symmetry = o.symmetry;
  explore_whole(engine, dfs, second);
  if (second.failure) {  // dpor missed it: the dfs run is the report
    second.runs += report.runs;
    second.dpor_gap =
        "dpor found no violation but took a spurious wake-up, and dfs, run to close dpor's gap "
        "around spurious wake-ups, found these: the report is dfs's (docs/model-library.md, \"A "
        "known gap\")";
    report = std::move(second);
    return;
  }
  if (!second.complete) {
    report.dpor_gap += " (racelab's own dfs run to close the gap stopped at its limit of " +
                       std::to_string(dfs.max_schedules) + " schedules)";
    return;
  }
  report.dpor_gap.clear();
  report.dpor_gap_closed = second.schedules;
}

// A body compiled without RACELAB_BACKEND_MODEL runs racelab::sync's real mapping: its threads are
// OS threads the model never schedules, and "every interleaving" would be one run of nothing.
// Counted on this OS thread (the body's fibers run on it), so real threads started elsewhere in
// the process do not count.
void refuse_the_real_mapping(std::uint64_t started_before) {
  const std::uint64_t started = racelab::detail::real_threads_started_here() - started_before;
  if (started == 0) return;
  detail::contract_failure(
      "the body started " + std::to_string(started) +
      " thread(s) with racelab::sync's real mapping (OS threads the model does not "
      "schedule), so no interleaving was explored: compile the code under test with "
      "RACELAB_BACKEND_MODEL defined (racelab_add_model_test does)");
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
  const detail::StallWatch stall_watch;
  const auto t0 = std::chrono::steady_clock::now();
  const std::uint64_t real_threads = racelab::detail::real_threads_started_here();
  Report report;
  report.strategy = o.strategy;
  Engine engine(body, end_check, detail::semantics_of(o));

  if (o.strategy == Strategy::replay) {
    if (o.schedule.empty()) {
      throw std::invalid_argument(
          "racelab::model: strategy replay needs Options::schedule, a "
          "token such as 0x4.1x3.2x3");
    }
    Execution x = run_traced(engine, o.schedule, Schedule::parse(o.schedule).steps(), o.max_steps);
    report.schedules = 1;
    report.runs = 1;
    if (o.on_violations) o.on_violations(x.violations);
    if (o.on_execution) o.on_execution(x);
    if (!x.ok()) {
      report.failing_schedules = 1;
      for (const Violation& v : x.violations) {
        report.witnesses.emplace(v.id, x);
        report.first_seen.emplace(v.id, 1);
      }
      report.failure = std::move(x);
    }
    refuse_the_real_mapping(real_threads);
    report.elapsed_ms = detail::ms_since(t0);
    return report;
  }

  report.symmetry = o.symmetry;
  if (o.partition) {
    explore_part(engine, o, report);
  } else {
    explore_whole(engine, o, report);
    close_dpor_gap(engine, o, report);
  }
  refuse_the_real_mapping(real_threads);
  report.elapsed_ms = detail::ms_since(t0);
  return report;
}

void check(bool cond, const std::string& message) {
  if (!cond) rt::fail(message);
}

}  // namespace racelab::model
