// Options::partition and model::merge() on the catalogue (2 workers; dpor also at 3 on the pair
// that once lost traces): the parts of K = 2, 3, 7
// merged give exactly the report of the whole (K = 1: every count, the verdict, first_seen, each
// witness's schedule, the first failure), and the whole agrees with the run without a partition
// (dpor's traces, dfs's schedules, the failing ones, the violation ids, completeness).
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "pairs.hpp"
#include "racelab/model/explore.hpp"
#include "racelab/scenarios/check.hpp"

namespace racelab::scenarios {
namespace {

std::set<std::string> ids(const model::Report& r) {
  std::set<std::string> s;
  for (const auto& entry : r.witnesses) s.insert(entry.first);
  return s;
}

std::map<std::string, std::string> witness_schedules(const model::Report& r) {
  std::map<std::string, std::string> m;
  for (const auto& [id, x] : r.witnesses) m[id] = x.schedule;
  return m;
}

void expect_same(const model::Report& merged, const model::Report& whole, std::size_t k) {
  SCOPED_TRACE("K = " + std::to_string(k));
  EXPECT_EQ(merged.schedules, whole.schedules);
  EXPECT_EQ(merged.traces, whole.traces);
  EXPECT_EQ(merged.complete, whole.complete);
  EXPECT_EQ(merged.failing_schedules, whole.failing_schedules);
  EXPECT_EQ(merged.units, whole.units);
  EXPECT_EQ(merged.unit_schedules, whole.unit_schedules);
  EXPECT_EQ(merged.first_seen, whole.first_seen);
  EXPECT_EQ(witness_schedules(merged), witness_schedules(whole));
  EXPECT_EQ(merged.failure_id, whole.failure_id);
  ASSERT_EQ(merged.failure.has_value(), whole.failure.has_value());
  if (merged.failure) {
    EXPECT_EQ(merged.failure->schedule, whole.failure->schedule);
  }
  EXPECT_EQ(model::witness_order(merged), model::witness_order(whole));
}

// Runs the parts of K and merges them; checks them against `whole` (K = 1).
void expect_parts_merge(const ModelRun& run, model::Options o, const model::Report& whole) {
  for (std::size_t k : {2u, 3u, 7u}) {
    std::vector<model::Report> parts;
    for (std::size_t i = 0; i < k; ++i) {
      o.partition = model::Partition{i, k};
      parts.push_back(model::explore(o, run.body, run.end_check));
      EXPECT_EQ(parts.back().units, whole.units);
    }
    // In any order.
    std::swap(parts.front(), parts.back());
    expect_same(model::merge(parts), whole, k);
  }
}

class Sharded : public testing::TestWithParam<Pair> {
 protected:
  Scenario scenario() const { return sized(GetParam().scenario, Size{3, 0}); }
};

// stale-teardown's trees are the largest of the catalogue: its buggy pair stands for the three
// in the dpor test, and dfs searches it without preemptions (the suite stays within seconds).
bool stale_teardown(const Pair& p) { return p.scenario == "stale-teardown"; }

TEST_P(Sharded, DporPartsMergeToTheWholeAndTheWholeToPlainDpor) {
  if (stale_teardown(GetParam()) && GetParam().impl != "buggy") GTEST_SKIP() << "see above";
  const Scenario s = sized(GetParam().scenario, Size{2, 0});
  const auto run = model_run(s, GetParam().impl);
  model::Options o;
  o.stop_on_first_violation = false;
  const model::Report plain = model::explore(o, run.body, run.end_check);
  o.partition = model::Partition{0, 1};
  const model::Report whole = model::explore(o, run.body, run.end_check);
  EXPECT_TRUE(whole.complete);
  EXPECT_EQ(whole.traces, plain.traces) << "each Mazurkiewicz trace once, as plain dpor";
  EXPECT_EQ(whole.schedules, plain.schedules);
  EXPECT_EQ(whole.failing_schedules, plain.failing_schedules);
  EXPECT_EQ(ids(whole), ids(plain));
  EXPECT_GT(whole.units, 1u);
  expect_parts_merge(run, o, whole);
}

TEST_P(Sharded, DfsPartsMergeToTheWholeAndTheWholeToPlainDfs) {
  const Scenario s = sized(GetParam().scenario, Size{2, 0});
  const auto run = model_run(s, GetParam().impl);
  model::Options o;
  o.strategy = model::Strategy::dfs;
  o.preemption_bound = stale_teardown(GetParam()) ? 0 : 1;
  o.stop_on_first_violation = false;
  const model::Report plain = model::explore(o, run.body, run.end_check);
  o.partition = model::Partition{0, 1};
  const model::Report whole = model::explore(o, run.body, run.end_check);
  EXPECT_TRUE(whole.complete);
  EXPECT_EQ(whole.schedules, plain.schedules);
  EXPECT_EQ(whole.failing_schedules, plain.failing_schedules);
  EXPECT_EQ(ids(whole), ids(plain));
  expect_parts_merge(run, o, whole);
}

TEST_P(Sharded, SamplingPartsMergeToTheWhole) {
  const Scenario s = scenario();
  const auto run = model_run(s, GetParam().impl);
  for (auto strategy : {model::Strategy::random, model::Strategy::pct}) {
    SCOPED_TRACE(model::to_string(strategy));
    model::Options o;
    o.strategy = strategy;
    o.seed = 7;
    o.max_schedules = 30;
    o.partition = model::Partition{0, 1};
    const model::Report whole = model::explore(o, run.body, run.end_check);
    EXPECT_EQ(whole.schedules, 30u);
    EXPECT_EQ(whole.units, 30u);
    EXPECT_FALSE(whole.complete);
    expect_parts_merge(run, o, whole);
  }
}

INSTANTIATE_TEST_SUITE_P(Catalogue, Sharded, testing::ValuesIn(all_pairs()), pair_name);

// The cut once lost dpor traces here: 372 of plain dpor's 387 (the subtrees' DPOR let a thread
// asleep since the prefix veto race reversals it merely commuted with: dpor_impl.hpp, prefix_sleep_).
TEST(ShardedMerge, DporPartsHoldEveryTraceOfPlainDporAtThreeWorkers) {
  const auto run = model_run(sized("stale-teardown", Size{3, 0}), "buggy");
  model::Options o;
  o.stop_on_first_violation = false;
  const model::Report plain = model::explore(o, run.body, run.end_check);
  ASSERT_EQ(plain.traces, 387u);
  o.partition = model::Partition{0, 1};
  const model::Report whole = model::explore(o, run.body, run.end_check);
  EXPECT_TRUE(whole.complete);
  EXPECT_EQ(whole.traces, plain.traces);
  EXPECT_EQ(whole.schedules, plain.schedules);
  EXPECT_EQ(whole.failing_schedules, plain.failing_schedules);
  EXPECT_EQ(ids(whole), ids(plain));
  expect_parts_merge(run, o, whole);
}

// Options::next_unit (racelab check --jobs: a counter the parts share): any split of the units
// among the parts merges to the same report. Here part 0 takes the first half, part 1 the rest.
TEST(ShardedMerge, UnitsHandedOutByACounterMergeToTheWhole) {
  const auto run = model_run(sized("no-proxies", Size{3, 0}), "buggy");
  model::Options o;
  o.partition = model::Partition{0, 1};
  const model::Report whole = model::explore(o, run.body, run.end_check);
  ASSERT_GT(whole.units, 2u);
  std::vector<model::Report> parts;
  for (std::size_t i = 0; i < 2; ++i) {
    std::size_t next = i == 0 ? 0 : whole.units / 2;
    const std::size_t end = i == 0 ? whole.units / 2 : whole.units;
    o.partition = model::Partition{i, 2};
    o.next_unit = [&next, end, &whole] { return next < end ? next++ : whole.units; };
    parts.push_back(model::explore(o, run.body, run.end_check));
  }
  expect_same(model::merge(parts), whole, 2);
}

TEST(ShardedMerge, RefusesPartsThatDoNotBelongTogether) {
  const auto run = model_run(sized("no-proxies", Size{2, 0}), "buggy");
  model::Options o;
  std::vector<model::Report> parts;
  for (std::size_t i = 0; i < 3; ++i) {
    o.partition = model::Partition{i, 3};
    parts.push_back(model::explore(o, run.body, run.end_check));
  }
  EXPECT_NO_THROW(model::merge(parts));
  auto missing = parts;
  missing.pop_back();
  EXPECT_THROW(model::merge(missing), std::invalid_argument);
  auto twice = parts;
  twice.back() = twice.front();
  EXPECT_THROW(model::merge(twice), std::invalid_argument);
  auto other = parts;
  other.back().strategy = model::Strategy::dfs;
  EXPECT_THROW(model::merge(other), std::invalid_argument);
  EXPECT_THROW(model::merge({}), std::invalid_argument);
  o.partition = model::Partition{3, 3};
  EXPECT_THROW(model::explore(o, run.body, run.end_check), std::invalid_argument);
  o.partition = model::Partition{0, 2};
  o.preemption_bound = 1;
  EXPECT_THROW(model::explore(o, run.body, run.end_check), std::invalid_argument);
}

}  // namespace
}  // namespace racelab::scenarios
