#include "model/shrink.hpp"

#include <algorithm>
#include <set>
#include <utility>

namespace racelab::model::detail {

namespace {

// The steps all bounds may still run, and the executions run so far.
struct Spent {
  std::size_t steps_left;
  std::size_t runs = 0;
};

// Runs the next execution `strategy` has (false: none left), charging its steps and counting it;
// `ended` says whether it ran to its end, so that its violations are the engine's.
bool run_next(Engine& engine, Scheduler& strategy, const RunConfig& config, Spent& spent,
              bool& ended) {
  if (!strategy.next_execution()) return false;
  ++spent.runs;
  ended = engine.run(strategy, config) == RunEnd::ended;
  spent.steps_left -= std::min(spent.steps_left, engine.choices().size());
  return true;
}

// Ids whose absence bounded DPOR cannot vouch for. A step limit cuts an execution at a step count,
// and two orders of one trace, cut there, are different prefixes; a livelock is judged by the fair
// scheduler from one order's history of spins. The others (assertions, exceptions, deadlocks, data
// races, misuse) are facts about the trace, the same in each of its orders.
bool depends_on_order(const std::string& id) { return id == "step-limit" || id == "livelock"; }

// The ids of `looking` that some execution with at most `bound` preemptions shows, by bounded
// DPOR: complete within the bound (every trace with such an execution is explored,
// dpor_bound_test.cpp), so an id it does not show, bounded DFS at this bound cannot find either.
// Each id shown → the schedule of the first execution that showed it (empty for ids kept
// unshown). Ids that depend on the order are always kept. Stops early once every id is shown;
// when its budgets run out first, keeps every id (nothing proved).
std::map<std::string, std::vector<int>> shown_within(Engine& engine, const RunConfig& config,
                                                     int bound,
                                                     const std::set<std::string>& looking,
                                                     Spent& spent) {
  std::map<std::string, std::vector<int>> shown;
  std::set<std::string> unseen;
  for (const std::string& id : looking) {
    if (depends_on_order(id)) {
      shown[id];
    } else {
      unseen.insert(id);
    }
  }
  const auto dpor = make_dpor(bound);
  std::size_t budget = kShrinkBudgetPerBound;
  bool ended = false;
  while (!unseen.empty()) {
    if (budget-- == 0 || spent.steps_left == 0) {
      for (const std::string& id : unseen) shown[id];
      return shown;
    }
    if (!run_next(engine, *dpor, config, spent, ended)) break;
    // Bounded DPOR keeps to its bound (dpor_impl.hpp, within_bound); a witness must, whatever
    // it does.
    if (!ended || engine.preemptions() > bound) continue;
    for (const Violation& v : engine.violations()) {
      if (unseen.erase(v.id) > 0) {
        shown[v.id].assign(engine.choices().begin(), engine.choices().end());
      }
    }
  }
  return shown;
}

}  // namespace

Shrunk shrink_each(Engine& engine, const std::map<std::string, int>& preemptions,
                   std::size_t max_steps, std::size_t step_budget, ShrinkSearch search) {
  Shrunk out;
  int most = 0;
  for (const auto& [id, p] : preemptions) most = std::max(most, p);
  RunConfig config;
  config.max_steps = max_steps;
  Spent spent{step_budget};
  for (int bound = 0; bound < most && spent.steps_left > 0; ++bound) {
    std::set<std::string> looking;  // ids whose search runs at this bound: fewer than found
    for (const auto& [id, p] : preemptions) {
      if (bound < p && out.schedules.count(id) == 0) looking.insert(id);
    }
    if (search != ShrinkSearch::dfs && !looking.empty()) {
      const std::size_t before = spent.runs;
      auto shown = shown_within(engine, config, bound, looking, spent);
      out.dpor_runs += spent.runs - before;
      looking.clear();
      for (auto& [id, choices] : shown) {
        // dpor: its schedule is the witness; the DFS looks for the rest (a step limit or a
        // livelock, which bounded DPOR cannot vouch for, or everything when its budget ran out).
        if (search == ShrinkSearch::dpor && !choices.empty()) {
          out.schedules[id] = std::move(choices);
        } else {
          looking.insert(id);
        }
      }
    }
    if (looking.empty()) continue;
    const auto dfs = make_dfs(bound);
    std::size_t budget = kShrinkBudgetPerBound;
    bool ended = false;
    while (!looking.empty() && budget-- > 0 && spent.steps_left > 0 &&
           run_next(engine, *dfs, config, spent, ended)) {
      if (!ended) continue;
      for (const Violation& v : engine.violations()) {
        if (looking.erase(v.id) > 0) {
          out.schedules[v.id].assign(engine.choices().begin(), engine.choices().end());
        }
      }
    }
  }
  out.runs = spent.runs;
  return out;
}

Shrunk calm_each(Engine& engine, const std::map<std::string, int>& preemptions,
                 std::size_t max_steps, std::size_t step_budget) {
  Shrunk out;
  int most = -1;
  for (const auto& [id, p] : preemptions) most = std::max(most, p);
  RunConfig config;
  config.max_steps = max_steps;
  config.spurious_wakeups = false;
  Spent spent{step_budget};
  for (int bound = 0; bound <= most && spent.steps_left > 0; ++bound) {
    std::set<std::string> looking;
    for (const auto& [id, p] : preemptions) {
      if (bound <= p && out.schedules.count(id) == 0) looking.insert(id);
    }
    if (looking.empty()) continue;
    for (auto& [id, choices] : shown_within(engine, config, bound, looking, spent)) {
      if (!choices.empty()) out.schedules[id] = std::move(choices);
    }
  }
  out.runs = spent.runs;
  out.dpor_runs = spent.runs;
  return out;
}

}  // namespace racelab::model::detail
