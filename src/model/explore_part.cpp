// Options::partition: one part of an exploration cut into units (model/shard.hpp) — subtrees of
// the exhaustive strategies' tree, or seeds of a sampling budget — each explored in full; the
// parts' reports merge into the whole run's (shard_merge.cpp).
#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/explore_loop.hpp"
#include "model/shard.hpp"

namespace racelab::model::detail {

void explore_part(Engine& engine, const Options& o, Report& report) {
  const Partition part = *o.partition;
  if (part.count == 0 || part.index >= part.count) {
    throw std::invalid_argument("racelab::model: Options::partition " + std::to_string(part.index) +
                                " of " + std::to_string(part.count) +
                                " does not exist (accepted: index 0 to count-1, count >= 1)");
  }
  if (o.strategy == Strategy::dpor && o.preemption_bound) {
    throw std::invalid_argument(
        "racelab::model: a dpor run with a preemption bound cannot be partitioned (use dfs, or "
        "no bound)");
  }
  if (!o.prefix.empty()) {
    throw std::invalid_argument(
        "racelab::model: Options::prefix and Options::partition exclude "
        "each other");
  }
  if (o.symmetry) {  // the cut (split_tree) runs without the twins' turns
    throw std::invalid_argument(
        "racelab::model: Options::symmetry and Options::partition exclude each other");
  }
  const bool sampling = o.strategy == Strategy::random || o.strategy == Strategy::pct;
  std::vector<detail::Subtree> subtrees;
  std::size_t pct_steps = 0;
  if (sampling) {
    report.units = schedule_limit(o);
    if (o.strategy == Strategy::pct) {  // k, measured once by a run no sample is
      const auto measure = detail::make_pct(detail::sample_seed(o.seed, report.units), o.pct_depth);
      measure->next_execution();
      RunConfig config;
      config.max_steps = o.max_steps;
      ++report.runs;
      const RunEnd end = engine.run(*measure, config);
      pct_steps =
          std::max<std::size_t>(1, engine.choices().size() + (end == RunEnd::abandoned ? 1 : 0));
    }
  } else {
    subtrees = detail::split_tree(engine, o.strategy == Strategy::dpor, o.preemption_bound,
                                  o.max_steps, report.runs);
    report.units = subtrees.size();
  }
  report.partition = part;
  Findings found;
  bool complete = !sampling;
  std::size_t next = 0;  // the next unit to consider, without next_unit
  const auto next_unit = [&]() -> std::size_t {
    if (o.next_unit) return o.next_unit();
    while (next < report.units && detail::part_of(next, part.count) != part.index) ++next;
    return next++;
  };
  for (std::size_t u = next_unit(); u < report.units; u = next_unit()) {
    std::unique_ptr<detail::Scheduler> strategy;
    const std::uint64_t seed = detail::sample_seed(o.seed, u);
    switch (o.strategy) {
      case Strategy::random: strategy = detail::make_random(seed); break;
      case Strategy::pct: strategy = detail::make_pct(seed, o.pct_depth, pct_steps); break;
      case Strategy::dfs:
        strategy = detail::make_dfs(o.preemption_bound, subtrees[u].prefix);
        break;
      default:
        strategy = detail::make_dpor(std::nullopt, subtrees[u].prefix, subtrees[u].sleep);
        break;
    }
    const std::size_t before = report.schedules;
    const Loop loop = run_loop(engine, *strategy, o, sampling ? before + 1 : 0,
                               /*may_stop=*/false, /*check_spins=*/false, report, found,
                               [&](const std::string& id) {
                                 report.first_seen_at[id] = {u, report.schedules - before};
                               });
    report.traces += strategy->traces();
    if (!strategy->exhaustive() || !loop.exhausted) complete = false;
    report.unit_schedules.emplace_back(u, report.schedules - before);
  }
  report.complete = complete;
  if (engine.threads_started() && !engine.threads_shared()) report.unshared = kUnshared;
  conclude(engine, o, found, report);
}

}  // namespace racelab::model::detail
