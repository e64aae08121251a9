// src/cli/exploration.hpp — the outcome label, for play_session.cpp: it lives with check() in
// scenarios/check.hpp, the one place that words a result.
#pragma once

#include "scenarios/check.hpp"

namespace racelab::cli {
using scenarios::outcome_label;
}  // namespace racelab::cli
