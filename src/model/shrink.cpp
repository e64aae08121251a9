#include "model/shrink.hpp"

#include <algorithm>
#include <set>

namespace racelab::model::detail {

std::optional<std::vector<int>> shrink_preemptions(Engine& engine, const std::string& violation_id,
                                                   int preemptions, std::size_t max_steps) {
  auto found = shrink_each(engine, {{violation_id, preemptions}}, max_steps);
  if (found.empty()) return std::nullopt;
  return std::move(found.begin()->second);
}

std::map<std::string, std::vector<int>> shrink_each(Engine& engine,
                                                    const std::map<std::string, int>& preemptions,
                                                    std::size_t max_steps,
                                                    std::size_t step_budget) {
  std::map<std::string, std::vector<int>> found;
  int most = 0;
  for (const auto& [id, p] : preemptions) most = std::max(most, p);
  RunConfig config;
  config.max_steps = max_steps;
  std::size_t steps_left = step_budget;
  for (int bound = 0; bound < most && steps_left > 0; ++bound) {
    std::set<std::string> looking;  // ids whose search runs at this bound: fewer than found
    for (const auto& [id, p] : preemptions) {
      if (bound < p && found.count(id) == 0) looking.insert(id);
    }
    if (looking.empty()) continue;
    const auto dfs = make_dfs(bound);
    std::size_t budget = kShrinkBudgetPerBound;
    while (!looking.empty() && budget-- > 0 && steps_left > 0 && dfs->next_execution()) {
      const RunEnd end = engine.run(*dfs, config);
      steps_left -= std::min(steps_left, engine.choices().size());
      if (end != RunEnd::ended) continue;
      for (const Violation& v : engine.violations()) {
        if (looking.erase(v.id) > 0) {
          found[v.id].assign(engine.choices().begin(), engine.choices().end());
        }
      }
    }
  }
  return found;
}

}  // namespace racelab::model::detail
