// wire.hpp (private) — a TrialReport as bytes, for the pipe from child to parent.
//
// Length-prefixed strings, no pointers. A child killed mid-write leaves a truncated message;
// decode() rejects it rather than guessing, and the trial counts as ended without a report.
#pragma once

#include <optional>
#include <string>

#include "racelab/harness/trial_report.hpp"

namespace racelab::harness::detail {

std::string encode(const TrialReport& report);
// nullopt unless `bytes` is exactly one whole encoded report.
std::optional<TrialReport> decode(const std::string& bytes);

}  // namespace racelab::harness::detail
