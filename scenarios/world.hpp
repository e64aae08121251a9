// scenarios/world.hpp — what one run of a scenario owns: the proxy pool, the ledger, the registry.
//
// A template over the implementation's Registry type, so each backend's translation unit builds
// its own World (racelab::buggy::model::Registry, racelab::buggy::real::Registry, ...) from the
// same workload code. Workloads use only racelab/sync.hpp and the shared registry interface.
#pragma once

#include <string>
#include <vector>

#include "racelab/registry/ledger.hpp"
#include "racelab/registry/types.hpp"
#include "racelab/scenarios/catalogue.hpp"
#include "racelab/sync.hpp"

namespace racelab::scenarios {

// The seed's user, whose name is in the seed's log.
inline const registry::User kSeedUser{"GCCDianaramirez"};

template <class Registry>
struct World {
  explicit World(const Scenario& s)
      : requests(s.requests),
        pool(s.proxies_per_group),
        registry(pool, ledger, s.workers_per_user) {}

  int requests;  // Scenario::requests: how many the workload starts at once (0: its own count)

  registry::ProxyPool pool;
  registry::Ledger ledger;
  Registry registry;
};

// Starts a request thread ("Thread-N (request)") that runs `handle`, as Django's server would.
// The caller's location is passed through, so a timeline shows the workload's line.
template <class F>
sync::thread start_request(F&& handle, source_loc loc = source_loc::current()) {
  return sync::thread("request", std::forward<F>(handle), loc);
}

}  // namespace racelab::scenarios
