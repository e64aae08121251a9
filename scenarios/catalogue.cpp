#include "racelab/scenarios/catalogue.hpp"

#include <algorithm>

#include "workloads.hpp"

namespace racelab::scenarios {

const std::vector<std::string>& implementations() {
  static const std::vector<std::string> names{"buggy", "fixed", "complete"};
  return names;
}

bool is_implementation(std::string_view impl) {
  const auto& names = implementations();
  return impl == kExercise || std::find(names.begin(), names.end(), impl) != names.end();
}

namespace {
// The exercise's goal is the complete fix's verdict: safe on every scenario.
Scenario with_exercise_goal(Scenario s) {
  s.expected[kExercise] = Expectation{Verdict::safe, {}};
  return s;
}
}  // namespace

const std::vector<Scenario>& catalogue() {
  static const std::vector<Scenario> all{
      with_exercise_goal(no_proxies::spec()), with_exercise_goal(concurrent_add::spec()),
      with_exercise_goal(stale_teardown::spec()),
      with_exercise_goal(enqueue_during_teardown::spec()), with_exercise_goal(happy_path::spec())};
  return all;
}

const Scenario* find_scenario(std::string_view id) {
  for (const auto& s : catalogue()) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

}  // namespace racelab::scenarios
