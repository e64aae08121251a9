// verdict_table.hpp — measures every scenario × implementation under the model and compares the
// measured verdict with the declared one. The table in docs/verdicts.md is this code's output.
#pragma once

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "catalogue.hpp"

namespace racelab::verdicts {

struct Budget {
  model::Strategy strategy = model::Strategy::dpor;
  std::size_t max_schedules = 0;  // 0: exhaustive (no cut)
  std::uint64_t seed = 0;
};

struct Row {
  std::string scenario;
  std::string impl;
  scenarios::Verdict declared = scenarios::Verdict::safe;
  scenarios::Verdict measured = scenarios::Verdict::safe;
  std::vector<std::string> declared_finds;
  std::set<std::string> found;         // every violation id seen in any explored schedule
  std::size_t schedules = 0;
  std::size_t traces = 0;
  std::size_t failing = 0;             // schedules with at least one violation
  bool complete = false;
  double elapsed_ms = 0;
  std::optional<model::Execution> shortest;  // first failure, shrunk to fewest preemptions
  // The declared verdict holds and every declared finding was found.
  bool agrees() const;
};

// Explores one pair, keeping going after violations so that every kind is counted.
Row measure(const scenarios::Scenario& s, const std::string& impl, const Budget& budget = {});

// Every scenario × implementation, catalogue order.
std::vector<Row> measure_all(const Budget& budget = {});

// The Markdown table for docs/verdicts.md (with a header saying how it was made).
std::string render_markdown(const std::vector<Row>& rows);

}  // namespace racelab::verdicts
