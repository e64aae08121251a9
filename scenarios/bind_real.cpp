// scenarios/bind_real.cpp — one implementation's scenarios on real OS threads.
//
// Compiled once per implementation folder (RACELAB_IMPL = buggy, fixed, complete) against the
// real facade; under the tsan preset, ThreadSanitizer watches the run.
#include <chrono>
#include <stdexcept>
#include <thread>

#include "properties.hpp"
#include "registry.hpp"
#include "workloads.hpp"

namespace racelab::scenarios::RACELAB_IMPL {

using Registry = ::racelab::RACELAB_IMPL::Registry;

namespace {

// Settled: every worker has decided (Serving or Gone) and every task accepted by a live group
// has been processed. Real workers serve forever, so "all threads finished" never comes; this is
// the real-thread counterpart of the model's quiescence. It waits for a state, it does not hope
// for an interleaving; the bound only keeps a broken run from hanging the caller.
bool wait_until_settled(const registry::Ledger& ledger) {
  using namespace std::chrono;
  const auto deadline = steady_clock::now() + seconds(10);
  while (steady_clock::now() < deadline) {
    bool settled = true;
    const auto groups = ledger.groups();
    for (const auto& g : groups) {
      for (auto w : g.workers) {
        settled &= w == registry::WorkerState::Serving || w == registry::WorkerState::Gone;
      }
    }
    for (const auto& t : ledger.tasks()) {
      const bool live = t.group > 0 && ledger.group(t.group)->live();
      settled &= !(live && t.times_processed == 0 && !t.rejected);
    }
    if (settled) return true;
    std::this_thread::sleep_for(microseconds(200));
  }
  return false;
}

}  // namespace

RealRun real_run(const Scenario& s) {
  const Workload<Registry> workload = find_workload<Registry>(s.id);
  if (workload == nullptr) throw std::invalid_argument("no workload for scenario '" + s.id + "'");
  clear_thread_exceptions();
  sync::reset_thread_numbering();

  RealRun run;
  World<Registry> world(s);
  workload(world);
  const bool settled = wait_until_settled(world.ledger);
  run.violations = check_end_state(world.ledger, world.registry.snapshot());
  world.registry.shutdown();

  run.exceptions = recorded_thread_exceptions();
  for (const auto& e : run.exceptions) {
    model::Violation v;
    v.kind = model::Outcome::uncaught_exception;
    v.id = e.line.substr(0, e.line.find(':'));
    v.thread = e.thread;
    v.message = e.line;
    run.violations.push_back(v);
  }
  if (!settled) {
    model::Violation v;
    v.kind = model::Outcome::step_limit;
    v.id = "not-settled";
    v.message = "workers did not settle within 10 s";
    run.violations.push_back(v);
  }
  return run;
}

}  // namespace racelab::scenarios::RACELAB_IMPL
