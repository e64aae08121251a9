// Every byte safe in an error: control bytes escaped, long input cut, one line, exit 2 — and the
// wording racelab's own (issue 15 §2, §4; docs/reliability.md).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "run_command.hpp"

namespace racelab::cli::testing {
namespace {

// The one error line, checked: exit 2, nothing on stdout, one line on stderr with no control
// byte and at most `max_bytes` bytes.
std::string one_error_line(const std::vector<std::string>& args, std::size_t max_bytes = 1000) {
  const auto r = run_racelab(args);
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(lines_of(r.err).size(), 1u) << r.err;
  EXPECT_LE(r.err.size(), max_bytes);
  for (std::size_t i = 0; i + 1 < r.err.size(); ++i) {
    EXPECT_GE(static_cast<unsigned char>(r.err[i]), 0x20u)
        << "control byte at " << i << ": " << r.err;
    EXPECT_NE(static_cast<unsigned char>(r.err[i]), 0x7fu);
  }
  return r.err;
}

TEST(Errors, ANewlineInATokenStaysOnOneLine) {
  const auto err =
      one_error_line({"replay", "no-proxies", "--impl", "buggy", "--schedule", "0\n1"});
  EXPECT_NE(err.find("\"0\\n1\""), std::string::npos) << err;
}

TEST(Errors, CarriageReturnAndTabAreEscaped) {
  const auto err =
      one_error_line({"replay", "no-proxies", "--impl", "buggy", "--schedule", "0\r\t1"});
  EXPECT_NE(err.find("0\\r\\t1"), std::string::npos) << err;
}

TEST(Errors, AnsiEscapeInANameNeverReachesTheTerminal) {
  const auto err = one_error_line({"check", "\x1b[2J", "--impl", "buggy"});
  EXPECT_NE(err.find("'\\e[2J'"), std::string::npos) << err;
  EXPECT_NE(err.find("accepted: no-proxies"), std::string::npos) << err;
}

TEST(Errors, AHugeTokenIsCutWithAnEllipsisAndItsLength) {
  const std::string token(100'000, '1');
  const auto err =
      one_error_line({"replay", "no-proxies", "--impl", "buggy", "--schedule", token}, 600);
  EXPECT_NE(err.find("… (100000 bytes)"), std::string::npos) << err;
}

TEST(Errors, AHugeNameWithControlBytesIsCutToo) {
  std::string name;
  for (int i = 0; i < 5000; ++i) name += "\x1b\x07\x01";
  const auto err = one_error_line({"check", name, "--impl", "buggy"}, 600);
  EXPECT_NE(err.find("\\e\\x07\\x01"), std::string::npos) << err;
  EXPECT_NE(err.find("… (15000 bytes)"), std::string::npos) << err;
}

TEST(Errors, MalformedUtf8AndC1ControlsAreEscaped) {
  const auto err = one_error_line({"check",
                                   "a\xff\xc2\x9b"
                                   "b",
                                   "--impl", "buggy"});
  EXPECT_NE(err.find("a\\xff\\xc2\\x9bb"), std::string::npos) << err;
}

TEST(Errors, BooleanFlagsRejectValues) {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"list", "--json=0"},
           {"check", "no-proxies", "--impl", "buggy", "--first=5"},
           {"check", "no-proxies", "--impl", "buggy", "--json=garbage"},
           {"stress", "no-proxies", "--impl", "buggy", "--json=1"}}) {
    const auto err = one_error_line(args);
    EXPECT_NE(err.find("does not take the value"), std::string::npos) << err;
    EXPECT_NE(err.find("accepted: --"), std::string::npos) << err;
  }
}

TEST(Errors, DoubleDashIsAnError) {
  EXPECT_NE(one_error_line({"--"}).find("'--' is not accepted"), std::string::npos);
  EXPECT_NE(one_error_line({"list", "--"}).find("'--' is not accepted"), std::string::npos);
}

TEST(Errors, ReplayJsonPointsToFormatJson) {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"replay", "no-proxies", "--impl", "buggy", "--json"},
           {"replay", "no-proxies", "--impl", "buggy", "--schedule", "0", "--json"}}) {
    EXPECT_NE(one_error_line(args).find("--format json"), std::string::npos);
  }
}

TEST(Errors, RepeatedOptionsAreWordedByRacelab) {
  const auto err = one_error_line({"check", "no-proxies", "--impl", "buggy", "--seed", "1",
                                   "--seed", "2", "--strategy", "random"});
  EXPECT_NE(err.find("--seed is given more than once (accepted: once)"), std::string::npos) << err;
  EXPECT_EQ(err.find("At Most"), std::string::npos) << err;
}

TEST(Errors, NumbersWithControlBytesAreEscaped) {
  const auto err = one_error_line({"stress", "no-proxies", "--impl", "buggy", "--jobs", "1\n2"});
  EXPECT_NE(err.find("got '1\\n2'"), std::string::npos) << err;
}

}  // namespace
}  // namespace racelab::cli::testing
