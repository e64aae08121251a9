// model::merge() (explore.hpp): the parts of a partitioned exploration, put back together as the
// report of the whole. Counts add up; a violation id's witness is the same in every part that
// found it (canonical witnesses, Options::partition); first_seen is recounted over the units in
// order, as a run of one part explores them.
#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "racelab/model/explore.hpp"

namespace racelab::model {

namespace {

[[noreturn]] void refuse(const std::string& why) {
  throw std::invalid_argument("racelab::model::merge: " + why);
}

void check_parts(const std::vector<Report>& parts) {
  if (parts.empty()) refuse("no parts to merge");
  std::set<std::size_t> indices;
  const Report& first = parts.front();
  if (!first.partition) refuse("a report without a partition is not a part");
  const std::size_t count = first.partition->count;
  for (const Report& p : parts) {
    if (!p.partition) refuse("a report without a partition is not a part");
    if (p.partition->count != count) {
      refuse("parts of " + std::to_string(count) + " and of " + std::to_string(p.partition->count) +
             " do not belong together");
    }
    if (p.strategy != first.strategy) {
      refuse("parts of " + to_string(first.strategy) + " and of " + to_string(p.strategy) +
             " do not belong together");
    }
    if (p.units != first.units) {
      refuse("parts that cut the exploration into " + std::to_string(first.units) + " and " +
             std::to_string(p.units) + " units do not belong together (another body or options)");
    }
    if (!indices.insert(p.partition->index).second) {
      refuse("part " + std::to_string(p.partition->index + 1) + " of " + std::to_string(count) +
             " is given twice");
    }
  }
  for (std::size_t i = 0; i < count; ++i) {
    if (indices.count(i) == 0) {
      refuse("part " + std::to_string(i + 1) + " of " + std::to_string(count) + " is missing");
    }
  }
}

}  // namespace

Report merge(const std::vector<Report>& parts) {
  check_parts(parts);
  Report r;
  r.strategy = parts.front().strategy;
  // No thread shared a sync object only if no part's did.
  r.unshared = parts.front().unshared;
  for (const Report& p : parts)
    if (p.unshared.empty()) r.unshared.clear();
  r.partition = Partition{0, 1};
  r.units = parts.front().units;
  r.complete = true;
  std::map<std::size_t, std::size_t> per_unit;
  std::size_t weak_from = parts.size();  // the weak-memory note of the lowest part index with one
  for (const Report& p : parts) {
    if (!p.weak_memory.empty() && p.partition->index < weak_from) {
      weak_from = p.partition->index;
      r.weak_memory = p.weak_memory;
    }
    if (r.dpor_gap.empty()) r.dpor_gap = p.dpor_gap;  // one sentence: any part's is the whole's
    if (r.unjoined.empty()) r.unjoined = p.unjoined;  // the first part's thread: the same words
    r.schedules += p.schedules;
    r.traces += p.traces;
    r.runs += p.runs;
    r.reruns += p.reruns;
    r.shrink_runs += p.shrink_runs;
    r.failing_schedules += p.failing_schedules;
    r.complete = r.complete && p.complete;
    r.elapsed_ms = std::max(r.elapsed_ms, p.elapsed_ms);
    for (const auto& [unit, n] : p.unit_schedules) {
      if (unit >= r.units || !per_unit.emplace(unit, n).second) {
        refuse("unit " + std::to_string(unit) + " is in two parts, or out of range");
      }
    }
    for (const auto& [id, x] : p.witnesses) {
      const auto [it, added] = r.witnesses.emplace(id, x);
      if (!added && it->second.schedule != x.schedule) {
        refuse("the parts' witnesses of " + id + " differ (" + it->second.schedule + ", " +
               x.schedule + "): not parts of one exploration");
      }
    }
    for (const auto& [id, at] : p.first_seen_at) {
      const auto [it, added] = r.first_seen_at.emplace(id, at);
      if (!added) it->second = std::min(it->second, at);
    }
  }
  if (per_unit.size() != r.units) {
    refuse(std::to_string(r.units - per_unit.size()) + " of " + std::to_string(r.units) +
           " units were run by no part");
  }
  // Schedules before each unit, in unit order: a run of one part counts them so.
  std::vector<std::size_t> before(r.units + 1, 0);
  for (const auto& [unit, n] : per_unit) before[unit + 1] = before[unit] + n;
  r.unit_schedules.assign(per_unit.begin(), per_unit.end());
  for (const auto& [id, at] : r.first_seen_at) r.first_seen[id] = before[at.first] + at.second;
  // The first failure overall is the first failure of the part that met it first.
  const Report* earliest = nullptr;
  for (const Report& p : parts) {
    if (p.failure_id.empty()) continue;
    if (earliest == nullptr ||
        p.first_seen_at.at(p.failure_id) < earliest->first_seen_at.at(earliest->failure_id)) {
      earliest = &p;
    }
  }
  if (earliest != nullptr) {
    r.failure_id = earliest->failure_id;
    r.failure = r.witnesses.at(r.failure_id);
  }
  return r;
}

}  // namespace racelab::model
