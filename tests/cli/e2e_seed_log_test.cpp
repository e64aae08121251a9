// The seed's log, printed by the C++ run itself: replaying the seed's schedule shows the
// three exceptions exactly as Python's threading printed them in production.
#include <gtest/gtest.h>

#include "run_command.hpp"

namespace racelab::cli::testing {
namespace {

TEST(SeedLog, ReplayOfTheSeedsSchedulePrintsTheSeedsLog) {
  const auto r = run_racelab(
      {"replay", "no-proxies", "--impl", "buggy", "--schedule", "0.1x7.0x2.2x4.3x3.4x3.5x3"});
  ASSERT_EQ(r.exit_code, 1) << r.err;
  const std::string log =
      "    Exception in thread Thread-3 (worker):\n"
      "    KeyError: 'GCCDianaramirez'\n"
      "    Exception in thread Thread-4 (worker):\n"
      "    KeyError: 'GCCDianaramirez'\n"
      "    Exception in thread Thread-5 (worker):\n"
      "    KeyError: 'GCCDianaramirez'\n";
  EXPECT_NE(r.out.find("what the run printed"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(log), std::string::npos) << r.out;
}

TEST(SeedLog, ASafeRunPrintsNoExceptions) {
  const auto r = run_racelab(
      {"replay", "no-proxies", "--impl", "fixed", "--schedule", "0.1x7.0x2.2x4.3x3.4x3.5x3"});
  // The fixed registry takes the lock: the same token may not fit it; whatever it does, no
  // exception escapes a thread.
  EXPECT_EQ(r.out.find("Exception in thread"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace racelab::cli::testing
