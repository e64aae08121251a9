// Output that does not reach stdout is an error, never a success: a CI job must not read an empty
// or cut document after exit 0. A full disk (/dev/full) and a pipe whose reader is gone each give
// exit 3 and one line on stderr; the same commands on a working stdout exit as they always do.
#include <gtest/gtest.h>

#include "run_command.hpp"

namespace racelab::cli::testing {
namespace {

void expect_write_error(const RunSpec& spec) {
  const auto r = run_racelab(spec);
  EXPECT_EQ(r.exit_code, 3) << r.err;
  const auto lines = lines_of(r.err);
  ASSERT_EQ(lines.size(), 1u) << r.err;
  EXPECT_EQ(lines[0].rfind("racelab: error: the output could not be written to standard output", 0),
            0u)
      << lines[0];
}

TEST(WriteErrors, AFullDiskIsExitThree) {
  RunSpec spec;
  spec.stdout_file = "/dev/full";
  spec.args = {"list", "--json"};
  expect_write_error(spec);
  spec.args = {"check", "no-proxies", "--impl", "fixed", "--json"};
  expect_write_error(spec);
}

TEST(WriteErrors, AClosedPipeIsExitThree) {
  RunSpec spec;
  spec.stdout_closed = true;
  spec.args = {"list", "--json"};
  expect_write_error(spec);
}

TEST(WriteErrors, AWorkingStdoutKeepsTheCommandsOwnExitCode) {
  EXPECT_EQ(run_racelab({"list", "--json"}).exit_code, 0);
  // A violation found is exit 1, whether or not the output is written.
  EXPECT_EQ(run_racelab({"check", "no-proxies", "--impl", "buggy", "--json"}).exit_code, 1);
  RunSpec spec;
  spec.stdout_file = "/dev/null";
  spec.args = {"check", "no-proxies", "--impl", "buggy", "--json"};
  EXPECT_EQ(run_racelab(spec).exit_code, 1);
}

}  // namespace
}  // namespace racelab::cli::testing
