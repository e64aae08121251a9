// src/cli/long_search.hpp — racelab check's word before a search that will take long.
//
// An exhaustive search estimated to take more than a minute says so on stderr before it starts
// (a terminal or not: a CI log shows it too), with what cuts it. It was silent, and
// `check no-proxies --impl buggy --strategy dfs` ran for days without a word (new-user trial 9).
#pragma once

#include <cstddef>
#include <string>

#include "racelab/model/explore.hpp"
#include "racelab/scenarios/catalogue.hpp"
#include "racelab/scenarios/check.hpp"

namespace racelab::cli {

// Says it for a whole run when the plan (scenarios::check_within's estimate) is past a minute (or
// past 10^7 runs when the time per run was not probed). `parts`: 0 for a whole run; else the run
// is cut into that many parts (--shard, --jobs), the plan is one part's, and the cuts that do not
// apply to parts (sampling, dpor) are not offered.
void warn_if_long(const scenarios::Plan& plan, const model::Options& o, std::size_t parts = 0);

// Before an exhaustive dfs run cut into `parts` (--shard I/K: K, --jobs N: N), each of about a
// `parts`-th of the whole: estimates the whole (model::estimate, milliseconds) and says on
// stderr when a part is expected to take more than a minute. Nothing for other runs.
void warn_before_parts(const scenarios::Scenario& s, const std::string& impl,
                       const model::Options& o, std::size_t parts);

}  // namespace racelab::cli
