// concurrent-add — two requests for the same user at once.
//
// Proxies are available, so every worker group serves. Without a lock, both requests can pass
// `if user not in QUEUE_USER` before either inserts: two groups of 4 workers serve one user,
// and the second insert overwrites the first group's entry (its queue now unreachable).
// The seed's fix moves the check-and-create under QUEUE_USER_LOCK.
// With --requests R: R requests at once, up to R groups.
#pragma once

#include <array>
#include "world.hpp"

namespace racelab::scenarios::concurrent_add {

inline constexpr int kRequests = 2;  // the seed's view, called twice at once

inline int requests(const Size& z) { return z.requests > 0 ? z.requests : kRequests; }
// MainThread, the requests and a worker group for each.
inline int threads(const Size& z) { return 1 + requests(z) * (1 + z.workers); }

inline Scenario spec(const Size& z = {}) {
  const int r = requests(z);
  const std::string both = r == 2 ? "Both" : "All " + std::to_string(r);
  Scenario s;
  s.id = "concurrent-add";
  s.title = std::to_string(r) + " requests for one user at once, proxies available";
  s.story = (r == 2 ? std::string("Two") : std::to_string(r)) +
            " requests for GCCDianaramirez arrive together. " + both +
            " check QUEUE_USER, find no entry, create a queue and start " +
            std::to_string(z.workers) + " workers: duplicate worker groups.";
  s.properties = {{"duplicate-workers", "at most one live worker group per user"},
                  {"data-race", "no data race on QUEUE_USER"}};
  s.expected = {{"buggy", {Verdict::violation, {"duplicate-workers", "data-race"}}},
                {"fixed", {Verdict::safe, {}}},
                {"complete", {Verdict::safe, {}}}};
  s.proxies_per_group = {2};
  s.workers_per_user = z.workers;
  s.requests = r;
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
  // A fixed array, not a vector: no heap traffic of its own under any backend (Relacy's too).
  std::array<sync::thread, kMaxRequests> requests;
  const int n = w.requests > 0 ? w.requests : kRequests;
  for (int i = 0; i < n; ++i) {
    requests[i] = start_request([&w] { w.registry.add_user_with_queue(kSeedUser, false); });
  }
  for (int i = 0; i < n; ++i) requests[i].join();
}

// The registration (scenarios/registered.hpp lists it).
struct Definition {
  static constexpr std::string_view id = "concurrent-add";  // = spec().id (tested)
  static constexpr bool takes_requests = true;
  static constexpr int max_requests = 2, max_groups = 2;  // buggy: both requests start a group
  static Scenario spec(const Size& z) { return concurrent_add::spec(z); }
  static int threads(const Size& z) { return concurrent_add::threads(z); }
  template <class Registry>
  static void workload(World<Registry>& w) {
    concurrent_add::workload(w);
  }
};

}  // namespace racelab::scenarios::concurrent_add
