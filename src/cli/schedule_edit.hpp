// src/cli/schedule_edit.hpp — growing and shrinking a replay token one step at a time (play).
//
// A token is the thread id of every step, run-length encoded: "0x4.1x3.2" is MainThread four
// steps, Thread-1 three, Thread-2 one. The engine parses and checks tokens; play only needs to
// add a step and take one back, on tokens the engine printed in canonical form.
#pragma once

#include <string>
#include <vector>

namespace racelab::cli {

// The thread of every step. Throws std::invalid_argument on a malformed token.
std::vector<int> schedule_steps(const std::string& token);
// The canonical token of those steps ("" for none).
std::string schedule_token(const std::vector<int>& steps);

// token + one step of `thread`.
std::string schedule_append(const std::string& token, int thread);
// token without its last step ("" stays "").
std::string schedule_drop_last(const std::string& token);

}  // namespace racelab::cli
