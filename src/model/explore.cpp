// explore(), replay() and probe(): the engine driven by a strategy, and what comes back.
//
// Exploring runs with tracing off (building op texts for every step would cost more than the
// step). A failure is recorded as its schedule only; afterwards that schedule is replayed once
// with tracing on, which also checks that the body is deterministic under the model.
#include <chrono>
#include <stdexcept>

#include "model/contract.hpp"
#include "model/engine.hpp"
#include "model/schedule_token.hpp"
#include "model/shrink.hpp"
#include "model/strategies/scheduler.hpp"
#include "racelab/model/explore.hpp"
#include "racelab/model/runtime.hpp"
#include "racelab/model/schedule.hpp"

namespace racelab::model {

using detail::Engine;
using detail::RunConfig;
using detail::RunEnd;

namespace {

std::unique_ptr<detail::Scheduler> make_strategy(const Options& o) {
  switch (o.strategy) {
    case Strategy::dpor: return detail::make_dpor(o.preemption_bound);
    case Strategy::dfs: return detail::make_dfs(o.preemption_bound);
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
    throw std::invalid_argument("schedule \"" + token + "\" does not fit: " + misfit.what());
  }
  return collect(e, true);
}

// The failure found while exploring, traced; with the fewest preemptions when asked.
Execution explain_failure(Engine& e, const Options& o, const std::vector<int>& choices,
                          const std::vector<Violation>& seen) {
  const std::string token = Schedule(choices).str();
  Execution x = run_traced(e, token, choices, o.max_steps);
  if (x.violations != seen) {
    throw std::logic_error(
        "racelab::model: the body is not deterministic: schedule \"" + token +
        "\" gave other violations when run again (does it depend on time, randomness, addresses "
        "or state kept between executions?)");
  }
  if (o.shrink && x.preemptions > 0 && !x.violations.empty()) {
    const auto shorter =
        detail::shrink_preemptions(e, x.violations.front().id, x.preemptions, o.max_steps);
    if (shorter) x = run_traced(e, Schedule(*shorter).str(), *shorter, o.max_steps);
  }
  return x;
}

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

Report explore(const Options& o, const Body& body, const EndCheck& end_check) {
  if (!body) throw std::invalid_argument("racelab::model::explore: the body is empty");
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
    if (o.on_execution) o.on_execution(x);
    if (!x.ok()) {
      report.failing_schedules = 1;
      report.failure = std::move(x);
    }
    report.elapsed_ms = ms_since(t0);
    return report;
  }

  const auto strategy = make_strategy(o);
  const std::size_t limit = schedule_limit(o);
  RunConfig config;
  config.max_steps = o.max_steps;
  config.trace = o.record_traces;
  std::vector<int> first_choices;
  std::vector<Violation> first_violations;
  bool exhausted = false;
  bool stopped = false;
  for (;;) {
    if (!strategy->next_execution()) {
      exhausted = true;
      break;
    }
    if (limit != 0 && report.schedules >= limit) break;
    if (engine.run(*strategy, config) == RunEnd::abandoned) continue;
    ++report.schedules;
    const bool failed = !engine.violations().empty();
    if (failed && report.failing_schedules++ == 0) {
      first_choices.assign(engine.choices().begin(), engine.choices().end());
      first_violations = engine.violations();
    }
    if (o.on_execution) o.on_execution(collect(engine, o.record_traces));
    if (failed && o.stop_on_first_violation) {
      stopped = true;
      break;
    }
  }
  report.traces = strategy->traces();
  report.complete = strategy->exhaustive() && exhausted && !stopped;
  if (report.failing_schedules > 0) {
    report.failure = explain_failure(engine, o, first_choices, first_violations);
  }
  report.elapsed_ms = ms_since(t0);
  return report;
}

Execution replay(const std::string& schedule, const Body& body, const EndCheck& end_check,
                 std::size_t max_steps) {
  if (!body) throw std::invalid_argument("racelab::model::replay: the body is empty");
  Engine engine(body, end_check);
  return run_traced(engine, schedule, Schedule::parse(schedule).steps(), max_steps);
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

void check(bool cond, const std::string& message) {
  if (!cond) rt::fail(message);
}

}  // namespace racelab::model
