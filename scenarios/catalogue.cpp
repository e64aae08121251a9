#include "catalogue.hpp"

#include <algorithm>

#include "workloads.hpp"

namespace racelab::scenarios {

const char* to_string(Verdict v) { return v == Verdict::safe ? "safe" : "violation"; }

const std::vector<std::string>& implementations() {
  static const std::vector<std::string> names{"buggy", "fixed", "complete"};
  return names;
}

bool is_implementation(std::string_view impl) {
  const auto& names = implementations();
  return std::find(names.begin(), names.end(), impl) != names.end();
}

const std::vector<Scenario>& catalogue() {
  static const std::vector<Scenario> all{no_proxies::spec(), concurrent_add::spec(),
                                         stale_teardown::spec(), enqueue_during_teardown::spec(),
                                         happy_path::spec()};
  return all;
}

const Scenario* find_scenario(std::string_view id) {
  for (const auto& s : catalogue()) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

}  // namespace racelab::scenarios
