// The textbook programs on real threads (tests/textbook/programs.hpp): every correct version
// runs many times, fork-isolated, and no sync::check ever fires; the table itself is checked for
// what the model and Relacy runners rely on. Buggy versions that can hang (deadlock, livelock)
// never run here.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "programs.hpp"
#include "racelab/harness/run_trials.hpp"
#include "racelab/sync.hpp"

namespace racelab::textbook {
namespace {

constexpr int kPlainRuns = 200;
constexpr int kNoisyRuns = 50;  // with the facade's noise: pauses at 20% of operations

std::vector<const Textbook*> correct_programs() {
  std::vector<const Textbook*> out;
  for (const Textbook& t : kPrograms) {
    if (!t.buggy) out.push_back(&t);
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

class CorrectTextbookProgram : public testing::TestWithParam<const Textbook*> {};

TEST_P(CorrectTextbookProgram, NoCheckFiresOnRealThreads) {
  const Textbook& t = *GetParam();
  const harness::TrialResult r = harness::run_trial(harness::as_trial([&t] {
                                                      for (int i = 0; i < kPlainRuns; ++i) t.body();
                                                      sync::set_noise(20);
                                                      for (int i = 0; i < kNoisyRuns; ++i) t.body();
                                                    }),
                                                    std::chrono::seconds(120));
  ASSERT_EQ(r.ending, harness::Ending::completed) << r.output;
  EXPECT_EQ(r.exit_code, 0) << r.output;
  ASSERT_TRUE(r.report.has_value()) << r.output;
  EXPECT_TRUE(r.report->exceptions.empty())
      << r.report->exceptions.front().thread << ": " << r.report->exceptions.front().line;
}

INSTANTIATE_TEST_SUITE_P(Textbook, CorrectTextbookProgram, testing::ValuesIn(correct_programs()),
                         test_name);

TEST(TextbookTable, EveryProgramHasABuggyAndACorrectVersion) {
  std::set<std::string> buggy;
  std::set<std::string> correct;
  for (const Textbook& t : kPrograms) (t.buggy ? buggy : correct).insert(t.name);
  EXPECT_EQ(buggy, correct);
  EXPECT_GE(correct.size(), 8u);
}

TEST(TextbookTable, CorrectVersionsAreSafeAndBuggyOnesFindSomething) {
  const std::set<std::string> known = {"data-race", "assertion", "deadlock", "livelock"};
  std::set<std::string> rows;
  for (const Textbook& t : kPrograms) {
    SCOPED_TRACE(std::string(t.name) + "/" + t.version);
    EXPECT_TRUE(rows.insert(std::string(t.name) + "/" + t.version).second) << "duplicate row";
    EXPECT_EQ(t.expected.safe(), !t.buggy);
    EXPECT_GT(t.threads, 0);
    for (const auto& id : t.expected.ids) {
      if (id.empty()) continue;
      EXPECT_TRUE(known.count(std::string(id))) << id;
    }
  }
}

TEST(TextbookTable, FindProgramByNameAndVersion) {
  const Textbook* t = find_program("lost-update", "fetch-add");
  ASSERT_NE(t, nullptr);
  EXPECT_TRUE(t->expected.safe());
  EXPECT_EQ(find_program("lost-update", "no-such-version"), nullptr);
  EXPECT_TRUE(find_program("spin-wait", "buggy-never-set")->expected.can_hang());
}

}  // namespace
}  // namespace racelab::textbook
