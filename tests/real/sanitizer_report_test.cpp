// Finding sanitizer reports in a child's captured output: the text the harness classifies
// trials by. Canned output, in the formats LLVM 14 and GCC 12's runtimes print.
#include <gtest/gtest.h>

#include "racelab/harness/trial_result.hpp"

namespace racelab::harness {
namespace {

constexpr const char* kTsanOutput =
    "Exception in thread Thread-3 (worker):\n"
    "KeyError: 'GCCDianaramirez'\n"
    "==================\n"
    "WARNING: ThreadSanitizer: data race (pid=4242)\n"
    "  Read of size 8 at 0x7b1000000010 by thread T3:\n"
    "    #0 std::_Hashtable<...>::count(...) const hashtable.h:1610\n"
    "    #1 racelab::buggy::real::Registry::tear_down(...) buggy/registry.cpp:44\n"
    "  Previous write of size 8 at 0x7b1000000010 by thread T2:\n"
    "    #0 std::_Hashtable<...>::erase(...) hashtable.h:2290\n"
    "SUMMARY: ThreadSanitizer: data race hashtable.h:1610 in count\n"
    "==================\n"
    "Exception in thread Thread-4 (worker):\n"
    "KeyError: 'GCCDianaramirez'\n";

TEST(SanitizerReports, TsanDataRaceIsFoundWithItsWholeReport) {
  const auto reports = find_sanitizer_reports(kTsanOutput);
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].tool, "ThreadSanitizer");
  EXPECT_EQ(reports[0].kind, "data race");
  EXPECT_EQ(reports[0].text.rfind("WARNING: ThreadSanitizer: data race (pid=4242)\n", 0), 0u);
  EXPECT_NE(reports[0].text.find("Registry::tear_down"), std::string::npos);
  EXPECT_NE(reports[0].text.find("SUMMARY: ThreadSanitizer: data race"), std::string::npos);
  EXPECT_EQ(reports[0].text.find("Thread-4"), std::string::npos) << "report ran past its SUMMARY";
}

TEST(SanitizerReports, AsanAndUbsanKindsAreNamed) {
  const auto reports = find_sanitizer_reports(
      "==77==ERROR: AddressSanitizer: heap-use-after-free on address 0x602000000010 at pc 0x1\n"
      "READ of size 8 at 0x602000000010 thread T3\n"
      "SUMMARY: AddressSanitizer: heap-use-after-free hashtable.h:1610\n"
      "registry.cpp:12:3: runtime error: member call on null pointer of type 'Entry'\n");
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_EQ(reports[0].tool, "AddressSanitizer");
  EXPECT_EQ(reports[0].kind, "heap-use-after-free");
  EXPECT_EQ(reports[1].tool, "UndefinedBehaviorSanitizer");
  EXPECT_EQ(reports[1].kind, "runtime error");
}

TEST(SanitizerReports, PlainOutputHasNone) {
  EXPECT_TRUE(
      find_sanitizer_reports("Exception in thread Thread-3 (worker):\nKeyError: 'x'\n").empty());
}

TEST(SanitizerReports, OutcomeNamesTheRaceBesideTheKeyErrors) {
  TrialResult r;
  r.report = TrialReport{{{"Thread-3 (worker)", "KeyError", "KeyError: 'GCCDianaramirez'"},
                          {"Thread-4 (worker)", "KeyError", "KeyError: 'GCCDianaramirez'"}},
                         {}};
  r.sanitizer_reports = find_sanitizer_reports(kTsanOutput);
  EXPECT_EQ(r.outcome().label(), "KeyError ×2 + ThreadSanitizer: data race");
  EXPECT_EQ(r.outcome().id(), "KeyError*2+tsan:data-race");
  EXPECT_TRUE(r.outcome().has_tsan_report());
}

}  // namespace
}  // namespace racelab::harness
