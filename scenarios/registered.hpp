// scenarios/registered.hpp — the one list of scenarios: every backend, the catalogue and the
// Relacy suites take it from here.
//
// Adding a scenario (docs/instructor.md, "Adding a scenario"): write scenarios/<name>.hpp ending
// with its `struct Definition` (see ScenarioDefinition below), include it here and add its
// Definition to Registered. Nothing else lists scenarios: catalogue.cpp builds the catalogue,
// bind_model.cpp / bind_real.cpp find the workload, tests/relacy_backend builds its suites, all
// by walking Registered.
#pragma once

#include <concepts>
#include <string_view>

#include "concurrent_add.hpp"
#include "enqueue_during_teardown.hpp"
#include "happy_path.hpp"
#include "no_proxies.hpp"
#include "stale_teardown.hpp"
#include "world.hpp"

namespace racelab::scenarios {

// What a scenario header declares about itself, once.
template <class D>
concept ScenarioDefinition = requires(const Size& z) {
  { D::id } -> std::convertible_to<std::string_view>;  // "no-proxies": the CLI's name for it
  // Its requests all run the same code at once, so `--requests` may change their number.
  { D::takes_requests } -> std::convertible_to<bool>;
  // At the catalogue's size: the request threads it starts and the most worker groups they can
  // start (Relacy needs the thread count at compile time).
  { D::max_requests } -> std::convertible_to<int>;
  { D::max_groups } -> std::convertible_to<int>;
  { D::spec(z) } -> std::same_as<Scenario>;  // title, story, properties, declared verdicts
  { D::threads(z) } -> std::same_as<int>;    // every thread a run starts, MainThread included
  // and `template <class Registry> static void workload(World<Registry>&)`: the run itself.
};

template <ScenarioDefinition... D>
struct ScenarioList {
  // Calls f.template operator()<D>() for each definition, in catalogue order.
  template <class F>
  static void for_each(F&& f) {
    (f.template operator()<D>(), ...);
  }
  static constexpr bool ids_unique() {
    constexpr std::string_view ids[] = {D::id...};
    for (std::size_t i = 0; i < sizeof...(D); ++i) {
      for (std::size_t j = i + 1; j < sizeof...(D); ++j) {
        if (ids[i] == ids[j]) return false;
      }
    }
    return true;
  }
};

// The catalogue, in the order `racelab list` shows it.
using Registered =
    ScenarioList<no_proxies::Definition, concurrent_add::Definition, stale_teardown::Definition,
                 enqueue_during_teardown::Definition, happy_path::Definition>;
static_assert(Registered::ids_unique(), "two registered scenarios have the same id");

}  // namespace racelab::scenarios
