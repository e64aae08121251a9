// tests/cli/check_notes_test.cpp — racelab check carries model::Report's notes (dpor_gap,
// weak_memory: what an exploration that looks exhaustive did not cover) into its text and its
// JSON, and says nothing when there are none. No catalogue scenario raises one today (their
// waits take no spurious wake-up under dpor, they use no atomics), so the report of a real check
// gets its notes by hand here; tests/model/dpor_gap_note_test.cpp and weak_memory_note_test.cpp
// test when the engine writes them.
#include <gtest/gtest.h>

#include <string>

#include "merge.hpp"  // check_json, show_check
#include "racelab/scenarios/catalogue.hpp"
#include "racelab/scenarios/check.hpp"

namespace racelab::cli {
namespace {

const scenarios::Scenario& seed() { return *scenarios::find_scenario("no-proxies"); }

scenarios::CheckResult fixed_seed_checked() {
  return scenarios::check_within(seed(), "fixed", scenarios::every_trace(), {});
}

std::string text_of(const scenarios::CheckResult& r) {
  testing::internal::CaptureStdout();
  const int exit = show_check(seed(), r, /*json=*/false, "");
  std::string out = testing::internal::GetCapturedStdout();
  EXPECT_EQ(exit, 0);
  return out;
}

TEST(CheckNotes, AProofWithoutNotesSaysNone) {
  const scenarios::CheckResult r = fixed_seed_checked();
  ASSERT_TRUE(r.report.complete);
  ASSERT_TRUE(r.report.dpor_gap.empty());
  ASSERT_TRUE(r.report.weak_memory.empty());
  const Json j = check_json(r);
  EXPECT_FALSE(j.contains("dpor_gap"));
  EXPECT_FALSE(j.contains("weak_memory"));
  EXPECT_EQ(text_of(r).find("note:"), std::string::npos);
}

TEST(CheckNotes, EachNoteIsInTheJsonAndUnderTheCoverageItQualifies) {
  scenarios::CheckResult r = fixed_seed_checked();
  r.report.dpor_gap = "a thread woke spuriously (the dpor gap)";
  r.report.weak_memory = "a pair of atomics may be reordered (the weak-memory note)";
  const Json j = check_json(r);
  EXPECT_EQ(j.at("dpor_gap"), r.report.dpor_gap);
  EXPECT_EQ(j.at("weak_memory"), r.report.weak_memory);
  const std::string text = text_of(r);
  const auto coverage = text.find("exhaustive");
  const auto gap = text.find("note: " + r.report.dpor_gap + "\n");
  const auto weak = text.find("note: " + r.report.weak_memory + "\n");
  const auto verdict = text.find("safe in every sequentially consistent interleaving");
  ASSERT_NE(coverage, std::string::npos) << text;
  ASSERT_NE(gap, std::string::npos) << text;
  ASSERT_NE(weak, std::string::npos) << text;
  ASSERT_NE(verdict, std::string::npos) << text;
  EXPECT_LT(coverage, gap);
  EXPECT_LT(gap, verdict);
  EXPECT_LT(weak, verdict);
  // Each note qualifies the verdict's words too: the gap (new-user trial 6, F5), and the
  // weak-memory note, whose outcomes the interleavings run do not include (trial 10, F1).
  EXPECT_NE(
      text.find("✓ safe in every sequentially consistent interleaving, but for the note's gap\n"),
      std::string::npos)
      << text;
  r.report.dpor_gap.clear();
  EXPECT_NE(text_of(r).find("✓ safe in every sequentially consistent interleaving\n"),
            std::string::npos);
  r.report.weak_memory.clear();
  EXPECT_NE(text_of(r).find("✓ safe in every interleaving\n"), std::string::npos);
}

}  // namespace
}  // namespace racelab::cli
