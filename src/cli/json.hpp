// src/cli/json.hpp — the JSON racelab prints with --json / --format json.
//
// This is a contract for scripts and CI (docs/json.md): fields are added, never renamed or
// removed. Keys are snake_case; counts are integers; times are milliseconds as numbers.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "racelab/model/explore.hpp"
#include "racelab/scenarios/catalogue.hpp"
#include "render.hpp"

namespace racelab::cli {

// Objects keep their keys in the order written here, so the output reads like docs/json.md.
using Json = nlohmann::ordered_json;

// {kind, message, thread?, step?, schedule}: one violation and the token that replays it.
Json violation_json(const model::Violation& v, const std::string& schedule);
// The same, with what e's trace says about the steps it names: `locks_held` (the locks the
// culprit step's thread held, by name) and, with `related_steps`, `related_locks_held` (one list
// per related step, in the same order): "the write held QUEUE_USER_LOCK; the read held none".
Json violation_json(const model::Violation& v, const model::Execution& e);

// The workload's size, after scenario and impl: {workers, requests (where the scenario has a
// variable number)}.
void add_size(Json& j, const Subject& s);

// One interleaving with its trace: {scenario, impl, workers, requests?, schedule, preemptions, verdict, threads,
// steps: [{step, thread, op, kind, object?, detail?, value?, raised?, file?, line?, locks_held,
// preemption, flagged}], violations}.
Json execution_json(const Subject& s, const model::Execution& e);

// "data-race ×2 + KeyError" → "data-race*2+KeyError": an outcome label (scenarios/check.hpp) as
// an id without spaces, the way the stress harness names its outcomes. (racelab check --json is
// built in check.cpp, racelab stress --json in stress.cpp.)
std::string outcome_id(const std::string& label);

// One catalogue entry: {id, title, story, properties, implementations, expected, finds}, the
// implementations listed in `order` first (racelab lists buggy, fixed, complete).
Json scenario_json(const scenarios::Scenario& s, const std::vector<std::string>& order);

// Pretty-printed with a trailing newline, as every --json output is.
std::string dump(const Json& j);

}  // namespace racelab::cli
