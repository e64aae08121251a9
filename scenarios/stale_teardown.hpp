// stale-teardown — an old worker group tears down while a new request re-registers the user.
//
// The first group finds no proxies and tears down. Meanwhile proxies come back: a second request
// re-registers the user with a new group that serves, and a third request arrives after it.
// The seed's pop(user, None) does not ask whose entry it pops: a late worker of the old group
// removes the new group's entry, and the third request starts yet another group.
#pragma once

#include "world.hpp"

namespace racelab::scenarios::stale_teardown {

// MainThread, three requests, and up to three worker groups (the third request's is the
// duplicate).
inline int threads(const Size& z) { return 4 + 3 * z.workers; }

inline Scenario spec(const Size& z = {}) {
  Scenario s;
  s.id = "stale-teardown";
  s.title = "old group tears down while the user is re-registered";
  s.story =
      "Group 1 has no proxies and tears down; request 2 re-registers the user (proxies are back) "
      "and request 3 follows. An old worker's pop removes group 2's entry: request 3 starts a "
      "duplicate group.";
  s.properties = {{"duplicate-workers", "at most one live worker group per user"},
                  {"stale-entry", "the registry entry always belongs to the live group"},
                  {"KeyError", "no thread raises KeyError"},
                  {"data-race", "no data race on QUEUE_USER"}};
  s.expected = {{"buggy", {Verdict::violation, {"KeyError", "data-race", "duplicate-workers"}}},
                {"fixed", {Verdict::violation, {"duplicate-workers", "stale-entry"}}},
                {"complete", {Verdict::safe, {}}}};
  s.proxies_per_group = {0, 2};
  s.workers_per_user = z.workers;
  s.goal = "make two worker groups serve the same user (an old worker pops the new entry)";
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
  first.join();  // group 1 exists and starts tearing down
  auto second = start_request([&w] { w.registry.add_user_with_queue(kSeedUser, false); });
  second.join();
  auto third = start_request([&w] { w.registry.add_user_with_queue(kSeedUser, false); });
  third.join();
}

// The registration (scenarios/registered.hpp lists it).
struct Definition {
  static constexpr std::string_view id = "stale-teardown";  // = spec().id (tested)
  static constexpr bool takes_requests = false;
  static constexpr int max_requests = 3, max_groups = 3;  // each request may start one
  static Scenario spec(const Size& z) { return stale_teardown::spec(z); }
  static int threads(const Size& z) { return stale_teardown::threads(z); }
  template <class Registry>
  static void workload(World<Registry>& w) {
    stale_teardown::workload(w);
  }
};

}  // namespace racelab::scenarios::stale_teardown
