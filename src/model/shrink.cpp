#include "model/shrink.hpp"

#include <algorithm>

namespace racelab::model::detail {

std::optional<std::vector<int>> shrink_preemptions(Engine& engine, const std::string& violation_id,
                                                   int preemptions, std::size_t max_steps) {
  RunConfig config;
  config.max_steps = max_steps;
  for (int bound = 0; bound < preemptions; ++bound) {
    const auto dfs = make_dfs(bound);
    std::size_t budget = kShrinkBudgetPerBound;
    while (budget-- > 0 && dfs->next_execution()) {
      if (engine.run(*dfs, config) != RunEnd::ended) continue;
      const auto& vs = engine.violations();
      const bool same = std::any_of(vs.begin(), vs.end(),
                                    [&](const Violation& v) { return v.id == violation_id; });
      if (same) return std::vector<int>(engine.choices().begin(), engine.choices().end());
    }
  }
  return std::nullopt;
}

}  // namespace racelab::model::detail
