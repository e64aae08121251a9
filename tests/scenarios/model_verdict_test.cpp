// Every scenario × implementation under the model: the measured verdict must be the declared
// one, every declared finding must be found, and "safe" must be proved by an exhaustive search
// (dpor finished: every Mazurkiewicz trace explored), not by a sample.
#include <gtest/gtest.h>

#include "pairs.hpp"
#include "verdict_table.hpp"

namespace racelab::scenarios {
namespace {

class DeclaredVerdict : public testing::TestWithParam<Pair> {};

TEST_P(DeclaredVerdict, HoldsUnderExhaustiveDpor) {
  const Scenario& s = *find_scenario(GetParam().scenario);
  const verdicts::Row row = verdicts::measure(s, GetParam().impl);
  EXPECT_EQ(to_string(row.measured), std::string(to_string(row.declared)));
  for (const auto& id : row.declared_finds) {
    EXPECT_TRUE(row.found.count(id)) << "declared finding '" << id << "' was not found";
  }
  EXPECT_TRUE(row.complete) << "dpor did not finish: a verdict must rest on every trace";
  EXPECT_GT(row.traces, 0u);
  if (row.measured == Verdict::violation) {
    ASSERT_TRUE(row.shortest.has_value());
    EXPECT_FALSE(row.shortest->schedule.empty());
    // The reported schedule is replayable and fails again the same way.
    const auto run = model_run(s, GetParam().impl);
    const auto again = model::replay(row.shortest->schedule, run.body, run.end_check);
    ASSERT_FALSE(again.violations.empty());
    EXPECT_EQ(again.violations.front().id, row.shortest->violations.front().id);
  } else {
    EXPECT_EQ(row.failing, 0u);
  }
}

INSTANTIATE_TEST_SUITE_P(Catalogue, DeclaredVerdict, testing::ValuesIn(all_pairs()), pair_name);

}  // namespace
}  // namespace racelab::scenarios
