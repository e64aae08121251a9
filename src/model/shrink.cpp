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

namespace {

// Ids whose absence bounded DPOR cannot vouch for. A step limit cuts an execution at a step count,
// and two orders of one trace, cut there, are different prefixes; a livelock is judged by the fair
// scheduler from one order's history of spins. The others (assertions, exceptions, deadlocks, data
// races, misuse) are facts about the trace, the same in each of its orders.
bool depends_on_order(const std::string& id) { return id == "step-limit" || id == "livelock"; }

// The ids of `looking` that some execution with at most `bound` preemptions shows, by bounded
// DPOR: complete within the bound (every trace with such an execution is explored,
// dpor_bound_test.cpp), so an id it does not show, bounded DFS at this bound cannot find either.
// Ids that depend on the order are always kept. Stops early once every id is shown; when its
// budgets run out first, keeps every id (nothing proved).
std::set<std::string> shown_within(Engine& engine, const RunConfig& config, int bound,
                                   const std::set<std::string>& looking, std::size_t& steps_left) {
  std::set<std::string> shown;
  std::set<std::string> unseen;
  for (const std::string& id : looking) (depends_on_order(id) ? shown : unseen).insert(id);
  const auto dpor = make_dpor(bound);
  std::size_t budget = kShrinkBudgetPerBound;
  while (!unseen.empty()) {
    if (budget-- == 0 || steps_left == 0) return looking;
    if (!dpor->next_execution()) break;
    const RunEnd end = engine.run(*dpor, config);
    steps_left -= std::min(steps_left, engine.choices().size());
    if (end != RunEnd::ended) continue;
    for (const Violation& v : engine.violations()) {
      if (unseen.erase(v.id) > 0) shown.insert(v.id);
    }
  }
  return shown;
}

}  // namespace

std::map<std::string, std::vector<int>> shrink_each(Engine& engine,
                                                    const std::map<std::string, int>& preemptions,
                                                    std::size_t max_steps, std::size_t step_budget,
                                                    ShrinkPrecheck precheck) {
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
    if (precheck == ShrinkPrecheck::bounded_dpor && !looking.empty()) {
      looking = shown_within(engine, config, bound, looking, steps_left);
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
