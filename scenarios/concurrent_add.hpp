// concurrent-add — two requests for the same user at once.
//
// Proxies are available, so every worker group serves. Without a lock, both requests can pass
// `if user not in QUEUE_USER` before either inserts: two groups of 4 workers serve one user,
// and the second insert overwrites the first group's entry (its queue now unreachable).
// The seed's fix moves the check-and-create under QUEUE_USER_LOCK.
#pragma once

#include "world.hpp"

namespace racelab::scenarios::concurrent_add {

inline Scenario spec() {
  Scenario s;
  s.id = "concurrent-add";
  s.title = "2 requests for one user at once, proxies available";
  s.story =
      "Two requests for GCCDianaramirez arrive together. Both check QUEUE_USER, both find no "
      "entry, both create a queue and start 4 workers: duplicate worker groups.";
  s.properties = {{"duplicate-workers", "at most one live worker group per user"},
                  {"data-race", "no data race on QUEUE_USER"}};
  s.expected = {{"buggy", {Verdict::violation, {"duplicate-workers", "data-race"}}},
                {"fixed", {Verdict::safe, {}}},
                {"complete", {Verdict::safe, {}}}};
  s.proxies_per_group = {2};
  s.workers_per_user = registry::kWorkersPerUser;
  s.goal = "make both requests start a worker group for the same user";
  s.goal_reached = [](const std::vector<model::Violation>& v) {
    for (const auto& x : v) {
      if (x.id == "duplicate-workers") return true;
    }
    return false;
  };
  return s;
}

template <class Registry>
void workload(World<Registry>& w) {
  auto first = start_request([&w] { w.registry.add_user_with_queue(kSeedUser, false); });
  auto second = start_request([&w] { w.registry.add_user_with_queue(kSeedUser, false); });
  first.join();
  second.join();
}

}  // namespace racelab::scenarios::concurrent_add
