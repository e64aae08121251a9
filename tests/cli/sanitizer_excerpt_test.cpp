// What `racelab stress` shows of a trial's sanitizer report and crash output
// (src/cli/sanitizer_excerpt.hpp), on hand-written reports in ThreadSanitizer's format.
#include "sanitizer_excerpt.hpp"

#include <gtest/gtest.h>

namespace racelab::cli {
namespace {

TEST(SanitizerExcerpt, BareFunctionDropsTemplatesParametersQualifiersAndReturnType) {
  EXPECT_EQ(bare_function("std::_Hashtable<std::string, std::pair<const std::string, int>>::find("
                          "std::string const&) const"),
            "std::_Hashtable::find");
  EXPECT_EQ(bare_function("void racelab::buggy::Registry::remove(racelab::registry::User const&)"),
            "racelab::buggy::Registry::remove");
  // operator() is a name, not a parameter list.
  EXPECT_EQ(bare_function("racelab::buggy::worker(int)::$_0::operator()() const"),
            "racelab::buggy::worker::$_0::operator()");
}

TEST(SanitizerExcerpt, ShortLocationKeepsTheLastFolderFileAndLine) {
  EXPECT_EQ(short_location("/work/main/buggy/registry.cpp:17:50"), "buggy/registry.cpp:17");
  EXPECT_EQ(short_location("registry.cpp:17"), "registry.cpp:17");
  EXPECT_EQ(short_location("/registry.cpp"), "/registry.cpp");
}

TEST(SanitizerExcerpt, CondensedReportKeepsHeadlinesAndOwnFramesOnly) {
  const std::string report =
      "WARNING: ThreadSanitizer: data race (pid=42)\n"
      "  Write of size 8 at 0x7b0400000000 by thread T2:\n"
      "    #0 operator delete(void*) /usr/lib/llvm-14/lib/tsan.cpp:126:3 (racelab+0x1)\n"
      "    #1 std::_Hashtable<int, int>::erase(int const&) /usr/include/c++/12/hashtable.h:9:1 "
      "(racelab+0x2)\n"
      "    #2 racelab::buggy::Registry::remove(racelab::registry::User const&) "
      "/work/main/buggy/registry.cpp:48:20 (racelab+0x3)\n"
      "    #3 racelab::buggy::worker(int) /work/main/buggy/worker.cpp:30:5 (racelab+0x4)\n"
      "    #4 racelab::scenarios::run(int) /work/main/scenarios/check.cpp:9:1 (racelab+0x5)\n"
      "    #5 racelab::scenarios::main(int) /work/main/scenarios/check.cpp:99:1 (racelab+0x6)\n"
      "\n"
      "  Previous read of size 8 at 0x7b0400000000 by thread T1:\n"
      "    #0 racelab::buggy::Registry::contains(int) /work/main/buggy/registry.cpp:40:3 "
      "(racelab+0x7)\n"
      "SUMMARY: ThreadSanitizer: data race /work/main/buggy/registry.cpp:48:20 in remove\n";
  EXPECT_EQ(condensed_report(report),
            "WARNING: ThreadSanitizer: data race (pid=42)\n"
            "  Write of size 8 at 0x7b0400000000 by thread T2:\n"
            "      racelab::buggy::Registry::remove  buggy/registry.cpp:48\n"
            "      racelab::buggy::worker  buggy/worker.cpp:30\n"
            "      racelab::scenarios::run  scenarios/check.cpp:9\n"
            "  Previous read of size 8 at 0x7b0400000000 by thread T1:\n"
            "      racelab::buggy::Registry::contains  buggy/registry.cpp:40\n"
            "SUMMARY: ThreadSanitizer: data race /work/main/buggy/registry.cpp:48:20 in remove\n");
  // One frame per stack when asked.
  EXPECT_EQ(condensed_report(report, 1).find("racelab::buggy::worker"), std::string::npos);
}

TEST(SanitizerExcerpt, HeadAndTailLines) {
  const std::string text = "a\nb\nc\nd\n";
  EXPECT_EQ(tail_lines(text, 2), "c\nd\n");
  EXPECT_EQ(tail_lines(text, 9), text);
  EXPECT_EQ(head_lines(text, 2), "a\nb\n…\n");
  EXPECT_EQ(head_lines("a\nb", 5), "a\nb");
}

}  // namespace
}  // namespace racelab::cli
