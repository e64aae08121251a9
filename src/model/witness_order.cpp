// The witness bound and the order witnesses are shown in (racelab/model/explore.hpp).
#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "racelab/model/explore.hpp"

namespace racelab::model {

// The witness bound. Stopping at the first violation hides the bug: on a lost-update counter
// DPOR's first schedule already races, while the wrong total needs a later one. Exploration
// cannot know which other ids are reachable, so it spends a budget tied to what the first one
// cost: the first violation took `first` schedules, so going on for at most (kWitnessFactor-1)
// times as many keeps the price of the answer within a constant factor of today's (the multiple),
// while the additive slack covers the common case where the first violation comes at schedule 1
// or 2 and a factor alone would stop after a handful. DPOR and DFS explore in depth-first order:
// the traces right after the first failing one share its prefix and differ in the last few
// choices — the reorderings of the very accesses that just raced, which is where the bug the race
// enables (the lost update, the double construction, the missed wake-up) is. Random and PCT
// sample, so a budget proportional to the first hit gives each further id about as many tries as
// the first one needed. Measured on the lost-update counter and the registry scenarios (see
// tests/model/witness_test.cpp and the witnesses commit message): every declared id is found well
// within this bound.
std::size_t witness_limit(std::size_t first) {
  return std::max(kWitnessFactor * first, first + kWitnessSlack);
}

int strength(Outcome kind) {
  switch (kind) {
    case Outcome::uncaught_exception:
    case Outcome::assertion_failed:
    case Outcome::property_violated: return 0;  // the wrong result itself
    case Outcome::deadlock:
    case Outcome::livelock: return 1;    // the program hangs: as visible, but no wrong value
    case Outcome::data_race: return 2;   // the cause that makes a wrong result possible
    case Outcome::step_limit: return 3;  // maybe no bug at all: only a long execution
    case Outcome::ok: break;
  }
  return 4;
}

std::vector<std::string> witness_order(const Report& report) {
  struct Key {
    int strength;
    std::size_t seen;
    std::string id;
  };
  std::vector<Key> keys;
  for (const auto& entry : report.witnesses) {
    // Named, not a structured binding: clang 14 cannot capture one in a lambda.
    const std::string& id = entry.first;
    const Execution& x = entry.second;
    const auto v = std::find_if(x.violations.begin(), x.violations.end(),
                                [&](const Violation& w) { return w.id == id; });
    const auto at = report.first_seen.find(id);
    keys.push_back({v == x.violations.end() ? strength(Outcome::ok) : strength(v->kind),
                    at == report.first_seen.end() ? 0 : at->second, id});
  }
  std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
    return std::tie(a.strength, a.seen, a.id) < std::tie(b.strength, b.seen, b.id);
  });
  std::vector<std::string> ids;
  for (auto& k : keys) ids.push_back(std::move(k.id));
  return ids;
}

}  // namespace racelab::model
