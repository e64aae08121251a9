// no-proxies — the seed (app/views.py, fix-de-concurrencia-views.md).
//
// One request registers GCCDianaramirez and starts 4 workers; the proxy pool is empty, so every
// worker runs `del QUEUE_USER[user]`. Python's log: Thread-2 deletes, Threads 3, 4 and 5 raise
// KeyError. In C++ the same four unlocked deletes are also a data race on the map, and the
// lookup-then-erase can let two workers both "succeed", so fewer KeyErrors is possible too.
// With --workers N: N workers, up to N - 1 KeyErrors.
#pragma once

#include "world.hpp"

namespace racelab::scenarios::no_proxies {

// A named schedule (4 workers) that reproduces the seed's log exactly: Thread-2 deletes the key, then
// Threads 3, 4 and 5 each look it up, find it gone and raise KeyError: 'GCCDianaramirez'.
// (Replay token: thread id per step, run-length; see docs/model-library.md.)
inline constexpr const char* kSeedLogSchedule = "0.1x7.0x2.2x4.3x3.4x3.5x3";

// MainThread, the request and its workers.
inline int threads(const Size& z) { return 2 + z.workers; }

inline Scenario spec(const Size& z = {}) {
  const std::string n = std::to_string(z.workers);
  const int others = z.workers - 1;
  const std::string raise = others == 1   ? "the other raises KeyError"
                            : others == 3 ? "three raise KeyError"
                                          : std::to_string(others) + " raise KeyError";
  Scenario s;
  s.id = "no-proxies";
  s.title = "1 request, " + n + " workers, 0 proxies";
  s.story = "The seed: a request registers GCCDianaramirez and starts " + n +
            " workers; no proxy is free, so all " + n +
            " run `del QUEUE_USER[user]`. One succeeds, " + raise +
            ". In this C++ port `del` is a lookup then an erase (a find, then an erase that "
            "does nothing when the key is gone): a worker that looked before another erased "
            "raises nothing, so from none to " +
            std::to_string(others) + " raise, as the interleaving goes.";
  s.properties = {{"KeyError", "no thread raises KeyError"},
                  {"data-race", "no data race on QUEUE_USER"},
                  {"stale-entry", "at the end QUEUE_USER holds no entry without live workers"}};
  s.expected = {{"buggy", {Verdict::violation, {"KeyError", "data-race"}}},
                {"fixed", {Verdict::safe, {}}},
                {"complete", {Verdict::safe, {}}}};
  s.proxies_per_group = {0};
  s.workers_per_user = z.workers;
  s.goal = others == 3 ? "make three workers raise KeyError: 'GCCDianaramirez' (the seed's log)"
                       : "make " + std::to_string(others) + (others == 1 ? " worker" : " workers") +
                             " raise KeyError: 'GCCDianaramirez' (all but the one that deletes)";
  s.goal_reached = [others](const std::vector<model::Violation>& v) {
    int key_errors = 0;
    for (const auto& x : v) key_errors += x.id == "KeyError" ? 1 : 0;
    return key_errors >= others;
  };
  return s;
}

template <class Registry>
void workload(World<Registry>& w) {
  auto request = start_request([&w] { w.registry.add_user_with_queue(kSeedUser, false); });
  request.join();
}

// The registration (scenarios/registered.hpp lists it).
struct Definition {
  static constexpr std::string_view id = "no-proxies";  // = spec().id (tested)
  static constexpr bool takes_requests = false;
  static constexpr int max_requests = 1, max_groups = 1;
  static Scenario spec(const Size& z) { return no_proxies::spec(z); }
  static int threads(const Size& z) { return no_proxies::threads(z); }
  template <class Registry>
  static void workload(World<Registry>& w) {
    no_proxies::workload(w);
  }
};

}  // namespace racelab::scenarios::no_proxies
