// Output that does not reach stdout is never a success: a CI job must not read an empty or cut
// document after exit 0. A full disk (/dev/full) is exit 3 and one line on stderr; a pipe whose
// reader is gone (`racelab list | head -1`: the reader has what it wanted) is exit 141 and
// nothing on stderr (once it said "... could not be written to standard output (Broken pipe)").
// The same commands on a working stdout exit as they always do.
#include <gtest/gtest.h>

#include <string>
#include <vector>

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

// The reader closed the pipe before racelab wrote anything.
TEST(WriteErrors, APipeClosedBeforeTheOutputEndsQuietlyWith141) {
  RunSpec spec;
  spec.stdout_closed = true;
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"list", "--json"}, {"--help"}, {"check", "no-proxies", "--impl", "buggy"}}) {
    spec.args = args;
    const auto r = run_racelab(spec);
    EXPECT_EQ(r.exit_code, 141) << args[0] << ": " << r.err;
    EXPECT_EQ(r.err, "") << args[0];
  }
}

// `racelab list --json | head -c 1`: the reader takes one byte of output longer than the pipe
// holds, and closes it while racelab still writes.
TEST(WriteErrors, APipeWhoseReaderStopsAfterOneByteEndsQuietlyWith141) {
  RunSpec spec;
  spec.stdout_head = 1;
  spec.args = {"list", "--json"};
  const auto whole = run_racelab({"list", "--json"});
  ASSERT_GT(whole.out.size(), 4096u);  // more than the pipe's page, or it could all fit
  const auto r = run_racelab(spec);
  EXPECT_EQ(r.out, whole.out.substr(0, 1));
  EXPECT_EQ(r.exit_code, 141) << r.err;
  EXPECT_EQ(r.err, "");
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
