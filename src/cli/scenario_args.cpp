#include "scenario_args.hpp"

#include "usage.hpp"

namespace racelab::cli {

namespace {
std::vector<std::string> scenario_ids() {
  std::vector<std::string> ids;
  for (const auto& s : scenarios::catalogue()) ids.push_back(s.id);
  return ids;
}
}  // namespace

const scenarios::Scenario& require_scenario(const std::string& id) {
  if (const auto* s = scenarios::find_scenario(id)) return *s;
  throw UsageError("unknown scenario '" + id + "' (accepted: " + one_of(scenario_ids()) +
                   "; see 'racelab list')");
}

void require_implementation(const scenarios::Scenario& s, const std::string& impl) {
  if (s.expected.count(impl) > 0) return;
  std::vector<std::string> accepted;
  for (const auto& name : scenarios::implementations()) {
    if (s.expected.count(name) > 0) accepted.push_back(name);
  }
  if (scenarios::is_implementation(impl)) {
    throw UsageError("scenario '" + s.id + "' declares no verdict for implementation '" + impl +
                     "' (accepted: " + one_of(accepted) + ")");
  }
  throw UsageError("unknown implementation '" + impl + "' (accepted: " + one_of(accepted) + ")");
}

Subject subject_for(const std::string& scenario, const std::string& impl) {
  const auto& s = require_scenario(scenario);
  require_implementation(s, impl);
  return {s.id, s.title, impl};
}

const scenarios::Expectation& expectation(const scenarios::Scenario& s, const std::string& impl) {
  return s.expected.at(impl);
}

}  // namespace racelab::cli
