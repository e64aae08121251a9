// Numbers from the command line: whole, in range, or a one-line error naming the flag.
#include "usage.hpp"

#include <gtest/gtest.h>

#include "terminal.hpp"
#include "text_layout.hpp"

namespace racelab::cli {
namespace {

std::string error_of(std::string_view text) {
  try {
    parse_number("--trials", text, 1, 1000);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "";
}

TEST(ParseNumber, AcceptsWholeNumbersInRange) {
  EXPECT_EQ(parse_number("--trials", "1", 1, 1000), 1u);
  EXPECT_EQ(parse_number("--trials", "1000", 1, 1000), 1000u);
}

TEST(ParseNumber, RejectsOutOfRangeNamingTheRange) {
  EXPECT_EQ(error_of("0"), "--trials 0 is out of range (accepted: 1..1000)");
  EXPECT_EQ(error_of("1001"), "--trials 1001 is out of range (accepted: 1..1000)");
}

TEST(ParseNumber, RejectsSignsSuffixesAndOverflow) {
  for (const char* bad : {"-1", "+3", "3x", "", " 3", "1e3", "99999999999999999999999"}) {
    EXPECT_EQ(error_of(bad),
              std::string("--trials expects a whole number from 1 to 1000, got '") + bad + "'")
        << bad;
  }
}

TEST(OneOf, ListsNamesTheWayASentenceDoes) {
  EXPECT_EQ(one_of({"buggy"}), "buggy");
  EXPECT_EQ(one_of({"buggy", "fixed", "complete"}), "buggy, fixed or complete");
}

TEST(TextLayout, CountsColumnsNotBytes) {
  EXPECT_EQ(display_width("✗ a → b"), 7u);
  EXPECT_EQ(pad_right("✗", 3), "✗  ");
  EXPECT_EQ(ellipsize("GCCDianaramirez", 5), "GCCD…");
  EXPECT_EQ(split_thread_name("Thread-3 (worker)"),
            (std::pair<std::string, std::string>{"Thread-3", "worker"}));
  EXPECT_EQ(split_thread_name("MainThread").second, "");
}

TEST(Terminal, NoColorTurnsColourOff) {
  ::setenv("NO_COLOR", "1", 1);
  EXPECT_FALSE(style_for(1).colour());
  ::unsetenv("NO_COLOR");
}

}  // namespace
}  // namespace racelab::cli
