// src/cli/exploration.hpp — running a scenario under the model, as check and demo need it.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "racelab/model/explore.hpp"
#include "scenarios/catalogue.hpp"

namespace racelab::cli {

struct ExploreRequest {
  const scenarios::Scenario* scenario = nullptr;
  std::string impl;
  model::Options options;
  bool progress = false;  // draw a progress line on stderr (see terminal.hpp)
};

struct ExploreResult {
  model::Report report;
  // Executions by outcome_label(), over every execution run; empty when the exploration
  // stopped at the first violation (it is then not a fair count).
  std::map<std::string, std::size_t> outcomes;
};

// Explores the scenario's model run for the implementation. Throws std::invalid_argument (from
// the engine) for a bad replay token.
ExploreResult explore_scenario(const ExploreRequest& r);

// "ok", or the violations counted by id: "KeyError ×3 + data-race" (ids in order of first
// appearance, ×n when more than one).
std::string outcome_label(const std::vector<model::Violation>& vs);

// "exhaustive: all 148 traces explored (212 schedules) in 3.1 ms", "sampled 1000 schedules
// (random, seed 7) in 40 ms — not exhaustive", ...: what the verdict covers, honestly.
std::string coverage_line(const model::Report& r, const model::Options& o);

// The violation ids of an execution, each once, in order of first appearance.
std::vector<std::string> violation_ids(const std::vector<model::Violation>& vs);

}  // namespace racelab::cli
