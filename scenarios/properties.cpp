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
      out.push_back(property(
          "duplicate-workers",
          std::to_string(ids.size()) + " live worker groups serve '" + user + "': " + names));
    }
    for (int id : ids) {
      const auto it = entry_of.find(user);
      if (it == entry_of.end() || it->second != id) {
        out.push_back(property("stale-entry",
                               group_name(id) + " serves '" + user + "' but QUEUE_USER " +
                                   (it == entry_of.end() ? std::string("has no entry for it")
                                                         : "points at " + group_name(it->second))));
      }
    }
  }
  for (const auto& [user, id] : entry_of) {
    if (live.count(id) == 0) {
      out.push_back(property("stale-entry", "QUEUE_USER['" + user + "'] belongs to " +
                                                group_name(id) + ", whose workers are gone"));
    }
  }
  for (const auto& t : ledger.tasks()) {
    if (t.must_serve && t.times_processed == 0) {
      out.push_back(
          property("unserved-task", "task " + std::to_string(t.id) + " was never processed (" +
                                        (t.rejected     ? "refused: " + t.reason
                                         : t.group == 0 ? std::string("never accepted")
                                                        : "accepted by " + group_name(t.group)) +
                                        "), though a healthy registry serves it here"));
    }
    if (t.times_processed > 1) {
      out.push_back(property("duplicate-task", "task " + std::to_string(t.id) + " processed " +
                                                   std::to_string(t.times_processed) + " times"));
    }
    if (t.group != 0 && t.times_processed == 0 && !t.rejected && live.count(t.group) == 0) {
      out.push_back(property("lost-task", "task " + std::to_string(t.id) + " was accepted by " +
                                              group_name(t.group) +
                                              ", whose workers are gone: never processed, never "
                                              "refused"));
    }
  }
  return out;
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
