// enqueue-during-teardown — a request enqueues a task right after registering the user.
//
// The view calls addUserWithQueue and then puts the user's task on QUEUE_USER[user]['queue'].
// With no proxies the workers are tearing down at that moment: the request either finds no
// entry (KeyError on the request side: an HTTP 500) or puts the task on a queue no worker will
// ever read (the task is silently lost). The seed's fix leaves this read unlocked.
#pragma once

#include "world.hpp"

namespace racelab::scenarios::enqueue_during_teardown {

// MainThread, the request and its workers.
inline int threads(const Size& z) { return 2 + z.workers; }

inline Scenario spec(const Size& z = {}) {
  Scenario s;
  s.id = "enqueue-during-teardown";
  s.title = "request enqueues a task while workers tear down";
  s.story = "A request registers the user and enqueues a task while the " +
            std::to_string(z.workers) +
            " workers, finding no proxies, tear the entry down: the task lands on a dead queue, "
            "or the request's lookup raises KeyError.";
  s.properties = {{"lost-task", "every accepted task is processed exactly once or refused"},
                  {"KeyError", "no KeyError on the request side (nor in workers)"},
                  {"data-race", "no data race on QUEUE_USER"}};
  s.expected = {{"buggy", {Verdict::violation, {"KeyError", "data-race", "lost-task"}}},
                {"fixed", {Verdict::violation, {"KeyError", "data-race", "lost-task"}}},
                {"complete", {Verdict::safe, {}}}};
  s.proxies_per_group = {0};
  s.workers_per_user = z.workers;
  s.goal = "make the request's task vanish: accepted, never processed, never refused";
  s.goal_reached = [](const std::vector<model::Violation>& v) {
    for (const auto& x : v) {
      if (x.id == "lost-task") return true;
    }
    return false;
  };
  return s;
}

template <class Registry>
void workload(World<Registry>& w) {
  auto request = start_request([&w] {
    w.registry.add_user_with_queue(kSeedUser, false);
    w.registry.enqueue(kSeedUser, registry::Task{1, "sync contacts"});
  });
  request.join();
}

// The registration (scenarios/registered.hpp lists it).
struct Definition {
  static constexpr std::string_view id = "enqueue-during-teardown";  // = spec().id (tested)
  static constexpr bool takes_requests = false;
  static constexpr int max_requests = 1, max_groups = 1;
  static Scenario spec(const Size& z) { return enqueue_during_teardown::spec(z); }
  static int threads(const Size& z) { return enqueue_during_teardown::threads(z); }
  template <class Registry>
  static void workload(World<Registry>& w) {
    enqueue_during_teardown::workload(w);
  }
};

}  // namespace racelab::scenarios::enqueue_during_teardown
