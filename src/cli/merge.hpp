// src/cli/merge.hpp — racelab check --shard I/K, check --jobs N and racelab merge: one exploration
// in parts (model::Options::partition), each part a JSON document, and the parts put back
// together (model::merge) into the report one run gives (docs/cli.md, "Both cores, many
// machines").
//
// A part's JSON is check --json's plus a "shard" object: which part, the run it belongs to
// (strategy, seed, samples, bound, depth, units) and what merging needs (each unit's schedules,
// where each id was first seen, the first failure's id, the outcome counts). Witnesses travel as
// their schedules: merging replays them here (they are canonical: the same in every part).
#pragma once

#include <string>
#include <vector>

#include "json.hpp"
#include "racelab/model/explore.hpp"
#include "racelab/scenarios/catalogue.hpp"
#include "racelab/scenarios/check.hpp"

namespace racelab::cli {

// racelab check --json, as a document (check.cpp).
Json check_json(const scenarios::CheckResult& r);
// Prints a check's result as racelab check does, text or JSON; returns the exit code (check.cpp).
// focus: --focus (the text report's timeline shows only the threads involved).
int show_check(const scenarios::Scenario& s, const scenarios::CheckResult& r, bool json,
               const std::string& expect, bool focus = false);

// "I/K" (1 <= I <= K <= 10000) → the 0-based Partition; UsageError naming what is accepted.
model::Partition parse_shard(const std::string& text);

// racelab check ... --shard I/K: part I of K, printed as JSON (exit 1 when it found a violation).
int run_check_part(const scenarios::Scenario& s, const std::string& impl, model::Options o);

// racelab check ... --jobs N: N parts at once, each in a forked child process, merged.
int run_check_jobs(const scenarios::Scenario& s, const std::string& impl, model::Options o,
                   int jobs, bool json, const std::string& expect, bool focus = false);

// racelab merge PART.json... [--json]: the parts of one run, put together.
int run_merge(const std::vector<std::string>& files, bool json);

}  // namespace racelab::cli
