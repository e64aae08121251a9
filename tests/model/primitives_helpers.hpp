// tests/model/primitives_helpers.hpp — what the primitives tests ask of an exploration: options
// for a strategy, whether a violation id was found, every id over all executions, the first
// schedule DFS runs.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "programs.hpp"

namespace racelab::model::testing {

inline Options opts_for(Strategy s, bool stop_on_first = true) {
  Options o;
  o.strategy = s;
  o.stop_on_first_violation = stop_on_first;
  return o;
}

inline bool found(const Report& r, const std::string& id) {
  return r.failure && std::any_of(r.failure->violations.begin(), r.failure->violations.end(),
                                  [&](const Violation& v) { return v.id == id; });
}

// Outcome ids over every execution (stop_on_first_violation = false).
inline std::vector<std::string> all_ids(const Body& body,
                                        Options o = opts_for(Strategy::dpor, false)) {
  std::vector<std::string> ids;
  o.on_execution = [&](const Execution& e) {
    for (const Violation& v : e.violations)
      if (std::find(ids.begin(), ids.end(), v.id) == ids.end()) ids.push_back(v.id);
  };
  (void)explore(o, body);
  std::sort(ids.begin(), ids.end());
  return ids;
}

// The first schedule DFS runs, with its trace.
inline Execution first_execution(const Body& body) {
  Execution first;
  Options o = opts_for(Strategy::dfs);
  o.max_schedules = 1;
  o.record_traces = true;
  o.on_execution = [&](const Execution& e) { first = e; };
  (void)explore(o, body);
  return first;
}

}  // namespace racelab::model::testing
