// tests/model/determinism.hpp — the output two processes must agree on, byte for byte.
#pragma once

#include <string>

namespace racelab::model::testing {

// A random exploration of the lost-update counter with traces: every schedule token, outcome
// and timeline, concatenated. Address-space layout differs between processes (ASLR), so equal
// text means no decision depended on a pointer.
std::string determinism_sample();

// The environment variable that makes the test binary write determinism_sample() to the file it
// names and exit, instead of running the tests (see main.cpp).
inline constexpr const char* kDeterminismChildEnv = "RACELAB_MODEL_DETERMINISM_OUT";

}  // namespace racelab::model::testing
