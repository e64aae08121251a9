// scenarios/bind_model.cpp — one implementation's scenarios under the model backend.
//
// Compiled once per implementation folder (RACELAB_IMPL = buggy, fixed, complete) with
// RACELAB_BACKEND_MODEL; "registry.hpp" is that folder's (the build sets the include path).
#include <memory>
#include <stdexcept>

#include "properties.hpp"
#include "registry.hpp"
#include "workloads.hpp"

namespace racelab::scenarios::RACELAB_IMPL {

using Registry = ::racelab::RACELAB_IMPL::Registry;

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
  run.describe_state = [current]() -> std::string {
    const auto world = current->lock();
    if (!world) return "QUEUE_USER = {}";
    return ::racelab::scenarios::describe_state(world->ledger, world->registry.snapshot());
  };
  return run;
}

}  // namespace racelab::scenarios::RACELAB_IMPL
