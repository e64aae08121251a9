// happy-path — why the bug shipped: with proxies, every implementation is fine.
//
// A request registers the user while proxies are available and enqueues two tasks; the four
// workers serve them. No worker tears down, so nothing deletes the key: even the buggy registry
// passes, in every interleaving. A test suite that only exercises this path cannot see the seed's
// race — the failure needs the no-proxies branch.
#pragma once

#include "world.hpp"

namespace racelab::scenarios::happy_path {

// MainThread, the request and its workers.
inline int threads(const Size& z) { return 2 + z.workers; }

inline Scenario spec(const Size& z = {}) {
  const std::string n = std::to_string(z.workers);
  Scenario s;
  s.id = "happy-path";
  s.title = "1 request, " + n + " workers, proxies available, 2 tasks";
  s.story = "Proxies are free: the " + n +
            " workers serve the request's two tasks and nobody tears down. "
            "Every implementation passes — the race hides on the no-proxies branch.";
  s.properties = {
      {"lost-task", "every accepted task is processed exactly once or refused"},
      {"duplicate-task", "no task is processed twice"},
      {"unserved-task", "every task is processed: with proxies, nothing may be refused"},
      {"KeyError", "no thread raises KeyError"},
      {"data-race", "no data race on QUEUE_USER"}};
  s.expected = {{"buggy", {Verdict::safe, {}}},
                {"fixed", {Verdict::safe, {}}},
                {"complete", {Verdict::safe, {}}}};
  s.proxies_per_group = {3};
  s.workers_per_user = z.workers;
  s.goal = "break anything at all (you cannot: the bug needs the no-proxies branch)";
  s.goal_reached = [](const std::vector<model::Violation>& v) { return !v.empty(); };
  return s;
}

template <class Registry>
void workload(World<Registry>& w) {
  // Proxies are free and nothing tears down: a healthy registry serves both tasks.
  w.ledger.expect_served(1);
  w.ledger.expect_served(2);
  auto request = start_request([&w] {
    w.registry.add_user_with_queue(kSeedUser, false);
    w.registry.enqueue(kSeedUser, registry::Task{1, "sync contacts"});
    w.registry.enqueue(kSeedUser, registry::Task{2, "send report"});
  });
  request.join();
}

// The registration (scenarios/registered.hpp lists it).
struct Definition {
  static constexpr std::string_view id = "happy-path";  // = spec().id (tested)
  static constexpr bool takes_requests = false;
  static constexpr int max_requests = 1, max_groups = 1;
  static Scenario spec(const Size& z) { return happy_path::spec(z); }
  static int threads(const Size& z) { return happy_path::threads(z); }
  template <class Registry>
  static void workload(World<Registry>& w) {
    happy_path::workload(w);
  }
};

}  // namespace racelab::scenarios::happy_path
