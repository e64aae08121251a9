// tests/strategies/pct_bound_test.cpp — the PCT guarantee, measured in the real engine.
//
// Burckhardt et al. (ASPLOS 2010, Theorem 1): one execution finds a bug of depth d with
// probability at least 1/(n·k^(d-1)), n threads, k steps. For textbook bugs of known depth
// (pct_programs.hpp) the per-run hit rate over 1,000+ seeds (one counted execution each, a fixed
// seed range, so each number is a fact of this code) must reach that bound, with k the longest
// execution measured. And on a depth-3 bug that needs two specific preemptions among many steps,
// PCT must find it more often than random scheduling over the same seeds.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "pct_programs.hpp"

namespace racelab::strategy_tests {
namespace {

using model::Strategy;
using pct_programs::Sample;

double bound(int n, std::size_t k, int d) {
  double b = 1.0 / n;
  for (int i = 1; i < d; ++i) b /= static_cast<double>(k);
  return b;
}

void record(const std::string& name, const Sample& s, double b) {
  ::testing::Test::RecordProperty(name + "_runs", static_cast<int>(s.runs));
  ::testing::Test::RecordProperty(name + "_hits", static_cast<int>(s.hits));
  ::testing::Test::RecordProperty(name + "_k", static_cast<int>(s.longest));
  ::testing::Test::RecordProperty(name + "_bound_per_million", static_cast<int>(b * 1e6));
}

// One counted execution per seed (explore runs PCT's measuring execution first, uncounted): the
// per-run rate is over independent first draws, at depth d = the bug's depth.
void expect_bound(const std::string& name, const model::Body& body, int n, int d,
                  std::size_t seeds) {
  const Sample s = pct_programs::sample(Strategy::pct, d, body, 0, seeds, 1);
  ASSERT_EQ(s.runs, seeds);
  const double b = bound(n, s.longest, d);
  record(name, s, b);
  EXPECT_GE(s.rate(), b) << name << ": " << s.hits << " hits in " << s.runs
                         << " runs, k = " << s.longest << ", bound 1/(n·k^(d-1)) = " << b;
}

TEST(PctBound, DepthOneUseBeforeInit) {
  expect_bound("use_before_init", pct_programs::use_before_init(), 3, 1, 1000);
}

TEST(PctBound, DepthTwoLostUpdate) {
  expect_bound("lost_update", pct_programs::lost_update(), 3, 2, 1000);
}

TEST(PctBound, DepthThreeHalfDoneThenDone) {
  expect_bound("half_done", pct_programs::half_done_then_done(0), 3, 3, 2000);
}

// Depth 3 with 12 work steps in the writer: the reader's second read must wait until the writer
// has done all of them, which random scheduling rarely lets happen (each step is a coin flip
// between the threads), while PCT needs only its two change points at the right places.
TEST(PctBound, DepthThreeAmongManyStepsBeatsRandom) {
  const model::Body body = pct_programs::half_done_then_done(12);
  const Sample pct = pct_programs::sample(Strategy::pct, 3, body, 0, 10, 300);
  const Sample random = pct_programs::sample(Strategy::random, 3, body, 0, 10, 300);
  const double b = bound(3, pct.longest, 3);
  record("pct", pct, b);
  record("random", random, b);
  ::testing::Test::RecordProperty("pct_first_hit", static_cast<int>(pct.to_first));
  ::testing::Test::RecordProperty("random_first_hit", static_cast<int>(random.to_first));
  EXPECT_GE(pct.rate(), b);
  EXPECT_GT(pct.hits, 2 * random.hits)
      << "pct " << pct.hits << ", random " << random.hits << " hits of " << pct.runs;
}

}  // namespace
}  // namespace racelab::strategy_tests
