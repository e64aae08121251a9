// The shared parts of verify's reports (verify_report.hpp): where a violation points, and JSON.
#include "verify_report.hpp"

#include <algorithm>

namespace racelab::cli {

bool all_as_declared(const VerifyRun& run) {
  return std::all_of(run.pairs.begin(), run.pairs.end(),
                     [](const PairOutcome& p) { return p.as_declared; });
}

SourcePoint source_point(const model::Execution& e, int step) {
  const auto& steps = e.trace.steps;
  if (step < 0 || step >= static_cast<int>(steps.size())) return {};
  // An exit step has no source: the exception came from the thread's last operation.
  for (int i = step; i >= 0; --i) {
    const auto& s = steps[static_cast<std::size_t>(i)];
    if (s.thread == steps[static_cast<std::size_t>(step)].thread && !s.file.empty()) {
      return {s.file, s.line, i};
    }
  }
  return {};
}

std::vector<model::Violation> violations_of(const model::Execution& e, const std::string& id) {
  std::vector<model::Violation> vs;
  for (const auto& v : e.violations) {
    if (v.id == id) vs.push_back(v);
  }
  return vs;
}

Json verify_json(const VerifyRun& run) {
  Json pairs = Json::array();
  for (const auto& p : run.pairs) {
    Json witnesses = Json::array();
    for (const auto& [id, x] : p.witnesses) {
      for (const auto& v : violations_of(x, id)) {
        Json w = violation_json(v, x);
        w["replay"] = replay_command(p.subject, x.schedule);
        witnesses.push_back(std::move(w));
      }
    }
    pairs.push_back({{"scenario", p.subject.scenario},
                     {"impl", p.subject.impl},
                     {"expected", p.expected},
                     {"finds", p.declared_finds},
                     {"verdict", p.verdict},
                     {"found", p.found},
                     {"as_declared", p.as_declared},
                     {"exhaustive", p.exhaustive},
                     {"coverage", p.coverage},
                     {"schedules", p.schedules},
                     {"elapsed_ms", p.elapsed_ms},
                     {"witnesses", std::move(witnesses)}});
    for (const auto& note : p.notes) pairs.back()[note.field] = note.text;
  }
  return {{"pairs", std::move(pairs)},
          {"as_declared", all_as_declared(run)},
          {"elapsed_ms", run.elapsed_ms}};
}

}  // namespace racelab::cli
