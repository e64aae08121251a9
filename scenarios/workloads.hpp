// scenarios/workloads.hpp — every scenario's workload, by id, for one Registry type.
//
// The one place that lists the scenario headers; catalogue.cpp lists their specs.
#pragma once

#include <string_view>

#include "concurrent_add.hpp"
#include "enqueue_during_teardown.hpp"
#include "happy_path.hpp"
#include "no_proxies.hpp"
#include "stale_teardown.hpp"

namespace racelab::scenarios {

template <class Registry>
using Workload = void (*)(World<Registry>&);

// nullptr for an unknown id.
template <class Registry>
Workload<Registry> find_workload(std::string_view id) {
  if (id == "no-proxies") return &no_proxies::workload<Registry>;
  if (id == "concurrent-add") return &concurrent_add::workload<Registry>;
  if (id == "stale-teardown") return &stale_teardown::workload<Registry>;
  if (id == "enqueue-during-teardown") return &enqueue_during_teardown::workload<Registry>;
  if (id == "happy-path") return &happy_path::workload<Registry>;
  return nullptr;
}

}  // namespace racelab::scenarios
