// src/cli/scenario_args.hpp — SCENARIO and --impl, checked against the catalogue.
#pragma once

#include <string>

#include "render.hpp"
#include "scenarios/catalogue.hpp"

namespace racelab::cli {

// The scenario with this id, or a UsageError listing the ids there are.
const scenarios::Scenario& require_scenario(const std::string& id);

// Nothing when `impl` is an implementation the scenario declares a verdict for; otherwise a
// UsageError listing the implementations it accepts.
void require_implementation(const scenarios::Scenario& s, const std::string& impl);

// Both checks, and what a rendering says about the run.
Subject subject_for(const std::string& scenario, const std::string& impl);

// The declared expectation (require_implementation first).
const scenarios::Expectation& expectation(const scenarios::Scenario& s, const std::string& impl);

}  // namespace racelab::cli
