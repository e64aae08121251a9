// The model tests' main: googletest, or — when kDeterminismChildEnv is set — the child side of
// Determinism.SameScheduleSameTraceInAnotherProcess, which writes the sample and exits.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "determinism.hpp"

int main(int argc, char** argv) {
  if (const char* out = std::getenv(racelab::model::testing::kDeterminismChildEnv)) {
    std::ofstream(out, std::ios::binary) << racelab::model::testing::determinism_sample();
    return 0;
  }
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
