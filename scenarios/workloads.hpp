// scenarios/workloads.hpp — every registered scenario's workload, by id, for one Registry type.
#pragma once

#include <string_view>

#include "registered.hpp"

namespace racelab::scenarios {

template <class Registry>
using Workload = void (*)(World<Registry>&);

// nullptr for an unknown id.
template <class Registry>
Workload<Registry> find_workload(std::string_view id) {
  Workload<Registry> found = nullptr;
  Registered::for_each([&]<class D>() {
    if (D::id == id) found = &D::template workload<Registry>;
  });
  return found;
}

}  // namespace racelab::scenarios
