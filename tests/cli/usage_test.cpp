// The small text helpers behind errors and layout. (Numbers on the command line are checked by
// CLI11 in app.cpp; e2e_usage_test.cpp runs every bad input through the real binary.)
#include "usage.hpp"

#include <gtest/gtest.h>

#include "racelab/internal/text.hpp"
#include "terminal.hpp"

namespace racelab::cli {
namespace {

TEST(OneOf, ListsNamesTheWayASentenceDoes) {
  EXPECT_EQ(one_of({"buggy"}), "buggy");
  EXPECT_EQ(one_of({"buggy", "fixed", "complete"}), "buggy, fixed or complete");
  EXPECT_EQ(join({"KeyError", "data-race"}), "KeyError, data-race");
  EXPECT_EQ(join({}), "");
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
