#include "properties.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace racelab::scenarios {
namespace {

model::Violation property(const std::string& id, std::string message) {
  model::Violation v;
  v.kind = model::Outcome::property_violated;
  v.id = id;
  v.message = std::move(message);
  return v;
}

std::string group_name(int id) { return "group#" + std::to_string(id); }

}  // namespace

std::vector<model::Violation> check_end_state(const registry::Ledger& ledger,
                                              const Snapshot& snapshot) {
  std::vector<model::Violation> out;
  for (auto& f : end_findings(ledger, snapshot)) out.push_back(std::move(f.violation));
  return out;
}

RegistryState registry_state(const registry::Ledger& ledger, const Snapshot& snapshot) {
  return {ledger.groups(), ledger.tasks(), snapshot};
}

std::vector<EndFinding> end_findings(const registry::Ledger& ledger, const Snapshot& snapshot) {
  std::vector<EndFinding> out;
  const auto groups = ledger.groups();
  std::map<std::string, std::vector<int>> live_by_user;
  std::set<int> live;
  for (const auto& g : groups) {
    if (g.live()) {
      live_by_user[g.user].push_back(g.id);
      live.insert(g.id);
    }
  }
  std::map<std::string, int> entry_of(snapshot.begin(), snapshot.end());

  for (const auto& [user, ids] : live_by_user) {
    if (ids.size() > 1) {
      std::string names;
      for (int id : ids) names += (names.empty() ? "" : " and ") + group_name(id);
      out.push_back(
          {property("duplicate-workers", std::to_string(ids.size()) +
                                             " live worker groups serve '" + user + "': " + names),
           {Cause::entry_lost, user, ids.front(), 0}});
    }
    for (int id : ids) {
      const auto it = entry_of.find(user);
      if (it == entry_of.end() || it->second != id) {
        out.push_back({property("stale-entry",
                                group_name(id) + " serves '" + user + "' but QUEUE_USER " +
                                    (it == entry_of.end() ? std::string("has no entry for it")
                                                          : "points at " + group_name(it->second))),
                       {Cause::entry_lost, user, id, 0}});
      }
    }
  }
  for (const auto& [user, id] : entry_of) {
    if (live.count(id) == 0) {
      out.push_back({property("stale-entry", "QUEUE_USER['" + user + "'] belongs to " +
                                                 group_name(id) + ", whose workers are gone"),
                     {Cause::group_died, user, id, 0}});
    }
  }
  for (const auto& t : ledger.tasks()) {
    if (t.must_serve && t.times_processed == 0) {
      out.push_back(
          {property("unserved-task", "task " + std::to_string(t.id) + " was never processed (" +
                                         (t.rejected     ? "refused: " + t.reason
                                          : t.group == 0 ? std::string("never accepted")
                                                         : "accepted by " + group_name(t.group)) +
                                         "), though a healthy registry serves it here"),
           {Cause::none, "", t.group, t.id}});
    }
    if (t.times_processed > 1) {
      out.push_back({property("duplicate-task", "task " + std::to_string(t.id) + " processed " +
                                                    std::to_string(t.times_processed) + " times"),
                     {Cause::task_reprocessed, "", t.group, t.id}});
    }
    if (t.group != 0 && t.times_processed == 0 && !t.rejected && live.count(t.group) == 0) {
      out.push_back({property("lost-task", "task " + std::to_string(t.id) + " was accepted by " +
                                               group_name(t.group) +
                                               ", whose workers are gone: never processed, never "
                                               "refused"),
                     {Cause::task_accepted, "", t.group, t.id}});
    }
  }
  return out;
}

namespace {

bool live_in(const RegistryState& st, int group) {
  for (const auto& g : st.groups) {
    if (g.id == group) return g.live();
  }
  return false;
}

bool entry_is(const RegistryState& st, const std::string& user, int group) {
  for (const auto& [name, id] : st.snapshot) {
    if (name == user) return id == group;
  }
  return false;
}

const registry::TaskRecord* task_in(const RegistryState& st, int task) {
  for (const auto& t : st.tasks) {
    if (t.id == task) return &t;
  }
  return nullptr;
}

// The first k in [1, steps] where `fact` holds after k steps (it holds from there on), as the
// 0-based index of that step; -1 when it never holds.
int first_step_where(int steps, const std::function<bool(int)>& fact) {
  if (steps <= 0 || !fact(steps)) return -1;
  int lo = 1, hi = steps;  // fact(hi) holds
  while (lo < hi) {
    const int mid = lo + (hi - lo) / 2;
    if (fact(mid)) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  return lo - 1;
}

}  // namespace

int culprit_step(const Cause& cause, int steps, const std::vector<int>& writes,
                 const std::function<RegistryState(int)>& state_after) {
  switch (cause.kind) {
    case Cause::entry_lost:
      for (auto w = writes.rbegin(); w != writes.rend(); ++w) {
        const RegistryState before = state_after(*w);
        if (!entry_is(before, cause.user, cause.group) || !live_in(before, cause.group)) continue;
        if (!entry_is(state_after(*w + 1), cause.user, cause.group)) return *w;
      }
      return -1;
    case Cause::group_died: {  // created, then not live: once not live, a group never is again
      return first_step_where(steps, [&](int k) {
        const RegistryState st = state_after(k);
        return std::any_of(st.groups.begin(), st.groups.end(),
                           [&](const auto& g) { return g.id == cause.group; }) &&
               !live_in(st, cause.group);
      });
    }
    case Cause::task_accepted:
      return first_step_where(steps, [&](int k) {
        const RegistryState st = state_after(k);
        const auto* t = task_in(st, cause.task);
        return t != nullptr && t->group == cause.group;
      });
    case Cause::task_reprocessed:
      return first_step_where(steps, [&](int k) {
        const RegistryState st = state_after(k);
        const auto* t = task_in(st, cause.task);
        return t != nullptr && t->times_processed > 1;
      });
    case Cause::none: break;
  }
  return -1;
}

std::string describe_state(const registry::Ledger& ledger, const Snapshot& snapshot) {
  std::string s = "QUEUE_USER = {";
  for (std::size_t i = 0; i < snapshot.size(); ++i) {
    s += (i == 0 ? " '" : ", '") + snapshot[i].first + "': " + group_name(snapshot[i].second);
  }
  s += snapshot.empty() ? "}" : " }";
  for (const auto& g : ledger.groups()) {
    std::map<std::string, int> counts;
    for (auto w : g.workers) ++counts[registry::to_string(w)];
    s += "  " + group_name(g.id) + ":";
    for (const auto& [state, n] : counts) s += " " + state + "×" + std::to_string(n);
  }
  return s;
}

}  // namespace racelab::scenarios
