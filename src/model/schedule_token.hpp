// src/model/schedule_token.hpp — the replay token: a schedule a person can read and type.
//
// Grammar (docs/model-library.md):
//
//   token   := "" | run ("." run)*
//   run     := thread ["x" steps]          thread, steps: decimal; steps >= 1; "x1" may be left out
//
//   "0x4.1x3.2x3"   MainThread runs 4 steps, then Thread-1 3 steps, then Thread-2 3 steps.
//
// Every step of the execution is listed, forced ones included, so a token replays with no
// strategy at all. format() is canonical: adjacent runs of one thread merged, "x1" left out.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace racelab::model::detail {

// A well-formed token that does not fit the body: a step picks a thread that cannot run, the
// token ends before the execution does, or steps are left over after it ended. The message says
// which step and why; explore(), replay() and probe() prefix it with the token.
class ScheduleMisfit : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// The thread id of every step. Throws std::invalid_argument naming the bad part, e.g.
//   bad schedule token "0x4.zz": "zz" is not <thread>[x<steps>]; expected e.g. 0x4.1x3.2x3
std::vector<int> parse_schedule(const std::string& token);

std::string format_schedule(const std::vector<std::uint8_t>& choices);
std::string format_schedule(const std::vector<int>& choices);

}  // namespace racelab::model::detail
