// src/model/schedule_token.hpp — when a well-formed schedule does not fit the body (engine-internal).
// The token itself is racelab/model/schedule.hpp.
#pragma once

#include <stdexcept>

#include "racelab/model/schedule.hpp"

namespace racelab::model::detail {

// A well-formed token that does not fit the body: a step picks a thread that cannot run, the
// token ends before the execution does, or steps are left over after it ended. The message says
// which step and why; explore(), replay() and probe() prefix it with the token.
class ScheduleMisfit : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

}  // namespace racelab::model::detail
