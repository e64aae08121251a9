// ThreadSanitizer on the textbook programs (built only by the tsan preset).
//
// Only deterministic facts are asserted. ThreadSanitizer reports two accesses when neither
// happens-before the other, whatever the timing; in each buggy program below, every execution
// has such a pair (the lost-update increments, the unlocked first check of lazy-init against the
// constructor's write, the payload behind a relaxed flag, the writer under a reader lock against
// a reader: TSan's reader unlock releases nothing a reader lock acquires), and nothing else orders
// them (thread start orders MainThread before each thread, never one thread before another). So
// one run is enough, and the report is certain. The correct versions must stay silent over many
// runs in one process (one TSan history).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "programs.hpp"
#include "racelab/harness/run_trials.hpp"
#include "racelab/sync.hpp"

namespace racelab::textbook {
namespace {

std::vector<const Textbook*> rows(bool buggy_data_races) {
  std::vector<const Textbook*> out;
  for (const Textbook& t : kPrograms) {
    if (t.expected.can_hang()) continue;
    if (buggy_data_races ? t.expected.finds("data-race") : !t.buggy) out.push_back(&t);
  }
  return out;
}

std::string test_name(const testing::TestParamInfo<const Textbook*>& info) {
  std::string name = std::string(info.param->name) + "_" + info.param->version;
  for (char& c : name) {
    if (c == '-') c = '_';
  }
  return name;
}

const harness::SanitizerReport* first_data_race(const harness::TrialResult& r) {
  for (const auto& rep : r.sanitizer_reports) {
    if (rep.tool == "ThreadSanitizer" && rep.kind == "data race") return &rep;
  }
  return nullptr;
}

class RacyTextbookProgram : public testing::TestWithParam<const Textbook*> {};

TEST_P(RacyTextbookProgram, ThreadSanitizerReportsTheDataRace) {
  const Textbook& t = *GetParam();
  const harness::TrialResult r = harness::run_trial(harness::as_trial([&t] { t.body(); }));
  ASSERT_EQ(r.ending, harness::Ending::completed) << r.output;
  const harness::SanitizerReport* race = first_data_race(r);
  ASSERT_NE(race, nullptr) << r.output;
  // The racing accesses are the program's own, on a sync::var.
  EXPECT_NE(race->text.find("programs.hpp"), std::string::npos) << race->text;
  EXPECT_NE(race->text.find("var<"), std::string::npos) << race->text;
}

class CorrectTextbookProgramUnderTsan : public testing::TestWithParam<const Textbook*> {};

TEST_P(CorrectTextbookProgramUnderTsan, IsSilentOverFiftyRunsInOneProcess) {
  const Textbook& t = *GetParam();
  const harness::TrialResult r = harness::run_trial(harness::as_trial([&t] {
                                                      sync::set_noise(20);
                                                      for (int i = 0; i < 50; ++i) t.body();
                                                    }),
                                                    std::chrono::seconds(300));
  ASSERT_EQ(r.ending, harness::Ending::completed) << r.output;
  EXPECT_TRUE(r.sanitizer_reports.empty()) << r.output;
  ASSERT_TRUE(r.report.has_value());
  EXPECT_TRUE(r.report->exceptions.empty()) << r.output;
  EXPECT_EQ(r.exit_code, 0);  // TSan exits 66 when it reported anything
}

INSTANTIATE_TEST_SUITE_P(Textbook, RacyTextbookProgram, testing::ValuesIn(rows(true)), test_name);
INSTANTIATE_TEST_SUITE_P(Textbook, CorrectTextbookProgramUnderTsan, testing::ValuesIn(rows(false)),
                         test_name);

}  // namespace
}  // namespace racelab::textbook
