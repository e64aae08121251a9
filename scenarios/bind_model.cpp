// scenarios/bind_model.cpp — one implementation's scenarios under the model backend.
//
// Compiled once per implementation folder (RACELAB_IMPL = buggy, fixed, complete) with
// RACELAB_BACKEND_MODEL; "registry.hpp" is that folder's (the build sets the include path).
#include <map>
#include <memory>
#include <stdexcept>

#include "properties.hpp"
#include "registry.hpp"
#include "workloads.hpp"

namespace racelab::scenarios::RACELAB_IMPL {

using Registry = ::racelab::RACELAB_IMPL::Registry;

namespace {

// The registry's state after the first k steps of e: a probe of that prefix, inspected.
RegistryState state_after(const model::Execution& e, int k, const model::Body& body,
                          const model::EndCheck& end_check,
                          const std::shared_ptr<std::weak_ptr<World<Registry>>>& current) {
  model::Schedule prefix;
  for (int i = 0; i < k; ++i) prefix.push(e.trace.steps[static_cast<std::size_t>(i)].thread);
  RegistryState st;
  model::probe(prefix.str(), body, end_check, 20000, [&]() -> std::string {
    if (const auto world = current->lock()) {
      st = registry_state(world->ledger, world->registry.snapshot());
    }
    return "";
  });
  return st;
}

void name_end_culprits(model::Execution& e, const model::Body& body,
                       const model::EndCheck& end_check,
                       const std::shared_ptr<std::weak_ptr<World<Registry>>>& current) {
  const int steps = static_cast<int>(e.trace.steps.size());
  if (steps == 0) return;
  std::vector<EndFinding> findings;  // the end state's, with their causes
  model::probe(model::Schedule::parse(e.schedule).str(), body, end_check, 20000,
               [&]() -> std::string {
                 if (const auto world = current->lock()) {
                   findings = end_findings(world->ledger, world->registry.snapshot());
                 }
                 return "";
               });
  std::vector<int> writes;  // the steps that may change QUEUE_USER
  for (int i = 0; i < steps; ++i) {
    const auto& st = e.trace.steps[static_cast<std::size_t>(i)];
    if (st.kind == model::OpKind::write && st.object == "QUEUE_USER") writes.push_back(i);
  }
  std::map<int, RegistryState> seen;  // probes are replays: ask each prefix once
  const auto after = [&](int k) -> RegistryState {
    const auto it = seen.find(k);
    if (it != seen.end()) return it->second;
    return seen[k] = state_after(e, k, body, end_check, current);
  };
  for (auto& v : e.violations) {
    if (v.kind != model::Outcome::property_violated || v.step >= 0) continue;
    for (const auto& f : findings) {
      if (f.violation.id == v.id && f.violation.message == v.message) {
        v.step = culprit_step(f.cause, steps, writes, after);
        break;
      }
    }
  }
}

}  // namespace

ModelRun model_run(const Scenario& s) {
  const Workload<Registry> workload = find_workload<Registry>(s.id);
  if (workload == nullptr) throw std::invalid_argument("no workload for scenario '" + s.id + "'");
  // The world of the running execution. Weak: the execution owns it (keep_until_end), so it
  // dies after the idle workers are unwound, never inside the next execution.
  auto current = std::make_shared<std::weak_ptr<World<Registry>>>();
  ModelRun run;
  run.body = [s, workload, current] {
    auto world = std::make_shared<World<Registry>>(s);
    *current = world;
    model::keep_until_end(world);
    workload(*world);
  };
  run.end_check = [current]() -> std::vector<model::Violation> {
    const auto world = current->lock();
    if (!world) return {};
    return check_end_state(world->ledger, world->registry.snapshot());
  };
  run.name_culprits = [body = run.body, end_check = run.end_check, current](model::Execution& e) {
    name_end_culprits(e, body, end_check, current);
  };
  run.describe_after = [body = run.body, end_check = run.end_check, current](
                           const model::Execution& e, int k) -> std::string {
    model::Schedule prefix;
    for (int i = 0; i < k && i < static_cast<int>(e.trace.steps.size()); ++i)
      prefix.push(e.trace.steps[static_cast<std::size_t>(i)].thread);
    std::string text;
    model::probe(prefix.str(), body, end_check, 20000, [&]() -> std::string {
      if (const auto world = current->lock())
        text = ::racelab::scenarios::describe_state(world->ledger, world->registry.snapshot());
      return "";
    });
    return text;
  };
  run.describe_state = [current]() -> std::string {
    const auto world = current->lock();
    if (!world) return "QUEUE_USER = {}";
    return ::racelab::scenarios::describe_state(world->ledger, world->registry.snapshot());
  };
  return run;
}

}  // namespace racelab::scenarios::RACELAB_IMPL
