// verdict_table.hpp — every scenario × implementation checked under the model (scenarios::check,
// exhaustive dpor) against its declared verdict. The table in docs/verdicts.md is this output.
#pragma once

#include <string>
#include <vector>

#include "racelab/scenarios/check.hpp"

namespace racelab::verdicts {

// Every reference implementation of every scenario, catalogue order, every trace explored.
std::vector<scenarios::CheckResult> check_all();

// The Markdown table for docs/verdicts.md.
std::string render_markdown(const std::vector<scenarios::CheckResult>& rows);

}  // namespace racelab::verdicts
