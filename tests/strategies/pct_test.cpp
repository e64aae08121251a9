// tests/strategies/pct_test.cpp — PCT: reproducible by seed, and finds bugs of depth d as often
// as Burckhardt et al. promise: at least 1/(n·k^(d-1)) of the runs, n threads, k steps.
#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <utility>
#include <vector>

#include "model/strategies/scheduler.hpp"
#include "program_sim.hpp"
#include "random_programs.hpp"

namespace racelab::strategy_tests {
namespace {

using model::detail::make_pct;

// How many of `runs` PCT executions show the bug, and the first one that did (-1: none).
struct Hits {
  int count = 0;
  int first = -1;
};

Hits hunt(const Program& p, std::uint64_t seed, int depth, int runs,
          const std::function<bool(const SimExecution&)>& bug) {
  auto pct = make_pct(seed, depth);
  const SimRun run = drive(*pct, p, runs);
  Hits hits;
  for (std::size_t k = 0; k < run.complete.size(); ++k) {
    if (!bug(run.complete[k])) continue;
    if (hits.first < 0) hits.first = static_cast<int>(k);
    ++hits.count;
  }
  return hits;
}

// Position of thread t's i-th step in the execution.
int position(const SimExecution& e, int t, int i) {
  for (std::size_t k = 0; k < e.steps.size(); ++k)
    if (e.steps[k].thread == t && i-- == 0) return static_cast<int>(k);
  return -1;
}

// Depth 1: T1 reads x before T0, after three yields, writes it. n = 2: p >= 1/2.
TEST(PctFindsBugs, DepthOneWithinTwentyRuns) {
  const Program p{{{yld(), yld(), yld(), wr(kCellA)}, {rd(kCellA)}}};
  const auto bug = [](const SimExecution& e) { return position(e, 1, 0) < position(e, 0, 3); };
  const Hits hits = hunt(p, 7, 1, 400, bug);
  RecordProperty("first_hit", hits.first);
  RecordProperty("hits_of_400", hits.count);
  // A miss in the first 20 runs has probability <= 2^-20; the seed is fixed, so it is a fact.
  EXPECT_GE(hits.first, 0);
  EXPECT_LT(hits.first, 20);
  EXPECT_GE(hits.count, 400 / 2 / 2) << "well below the 1/2 guarantee";
}

// Depth 2: T1's step falls strictly between T0's first and last of five steps (two ordering
// constraints). n = 2, k = 6: p >= 1/(2·6) = 1/12 per run once k is known.
TEST(PctFindsBugs, DepthTwoWithinAHundredRuns) {
  const Program p{{{wr(kCellA), yld(), yld(), yld(), wr(kCellB)}, {rd(kCellA)}}};
  const auto bug = [](const SimExecution& e) {
    const int b = position(e, 1, 0);
    return position(e, 0, 0) < b && b < position(e, 0, 4);
  };
  const Hits hits = hunt(p, 11, 2, 600, bug);
  RecordProperty("first_hit", hits.first);
  RecordProperty("hits_of_600", hits.count);
  // Missing 100 runs in a row has probability <= (11/12)^99 < 2e-4.
  EXPECT_GE(hits.first, 0);
  EXPECT_LT(hits.first, 100);
  EXPECT_GE(hits.count, 600 / 12 / 2) << "well below the 1/12 guarantee";
}

// Without a change point a thread runs until it finishes or blocks: depth 1 cannot split T0.
TEST(PctFindsBugs, DepthOneNeverFindsADepthTwoBug) {
  const Program p{{{wr(kCellA), yld(), yld(), yld(), wr(kCellB)}, {rd(kCellA)}}};
  const auto bug = [](const SimExecution& e) {
    const int b = position(e, 1, 0);
    return position(e, 0, 0) < b && b < position(e, 0, 4);
  };
  EXPECT_EQ(hunt(p, 11, 1, 300, bug).count, 0);
}

// k, the step count the change points are drawn over, is measured before the first counted
// execution. Two threads live from the start, m yields and an exit each, k = 2m+2 steps. Without
// a change point the higher thread runs to its end, then the other: no preemption. With depth 2
// the one change point preempts exactly when it falls on steps 1..m (the first thread has run
// and is still enabled; at step 0 it has not run yet, so lowering it is no preemption), so a
// first execution preempts with probability exactly m/k = 5/12 when the draw is over the
// program's own k. Drawn over a guess (once 64 steps), most change points fall past the end:
// m/64 = 0.08 here.
TEST(PctStepCount, FirstCountedExecutionDrawsOverTheProgramsSteps) {
  constexpr int m = 5;
  Program p{{{}, {}}};
  for (int t = 0; t < 2; ++t) {
    for (int i = 0; i < m; ++i) p.threads[static_cast<std::size_t>(t)].push_back(yld());
    p.threads[static_cast<std::size_t>(t)].push_back(exit_(t));
  }
  int preempted = 0;
  for (std::uint64_t seed = 0; seed < 1000; ++seed) {
    auto pct = make_pct(seed, 2);
    const SimRun run = drive(*pct, p, 2);
    // The measuring execution ends with a lone thread about to exit: abandoned, not counted.
    ASSERT_EQ(run.abandoned, 1u);
    ASSERT_EQ(run.complete.size(), 1u);
    ASSERT_EQ(run.complete[0].steps.size(), 2u * m + 2);
    EXPECT_LE(run.complete[0].preemptions, 1);
    preempted += run.complete[0].preemptions;
  }
  RecordProperty("preempted_of_1000", preempted);
  // 5/12 = 0.417 in expectation; 1000 draws stay within 0.05 of it (3 standard deviations).
  EXPECT_GE(preempted, 367);
  EXPECT_LE(preempted, 467);
}

// An execution that does not end with a lone exiting thread (here: two threads that never exit)
// cannot be abandoned at its last step, so the measuring execution is counted: a run with no
// change point (no preemption). From the second on, k is known and change points fall inside.
TEST(PctStepCount, MeasuringExecutionCountsWhenItCannotBeAbandoned) {
  const Program p{{{yld(), yld(), yld()}, {yld(), yld(), yld()}}};
  int later_preempted = 0;
  for (std::uint64_t seed = 0; seed < 200; ++seed) {
    auto pct = make_pct(seed, 2);
    const SimRun run = drive(*pct, p, 2);
    ASSERT_EQ(run.abandoned, 0u);
    ASSERT_EQ(run.complete.size(), 2u);
    EXPECT_EQ(run.complete[0].preemptions, 0);
    later_preempted += run.complete[1].preemptions;
  }
  // k = 6: a change point at step 1 or 2 preempts (1/3 in expectation, 67 of 200; 4 standard
  // deviations below that is 40).
  EXPECT_GE(later_preempted, 40);
}

// White-box: pick() called by hand. A measuring execution of `k` steps (one thread, its last
// step an exit) fixes k; with depth k+1 the k change points are then exactly the steps 0..k-1.
std::vector<ThreadView> view(std::initializer_list<std::pair<int, bool>> threads) {
  std::vector<ThreadView> v;
  for (const auto& [id, enabled] : threads) v.push_back(ThreadView{id, enabled, OpDesc{}});
  return v;
}

std::unique_ptr<Scheduler> pct_with_change_points_at_every_step(std::uint64_t seed, std::size_t k) {
  auto pct = make_pct(seed, static_cast<int>(k) + 1);
  pct->next_execution();
  for (std::size_t step = 0; step < k; ++step) {
    std::vector<ThreadView> one{ThreadView{0, true, OpDesc{}}};
    if (step + 1 == k) one[0].next.kind = OpKind::exit;
    const int t = pct->pick(Choice{&one, step == 0 ? -1 : 0, step});
    EXPECT_EQ(t, step + 1 == k ? -1 : 0) << "the measuring execution abandons at its last step";
  }
  pct->end_execution();
  pct->next_execution();
  return pct;
}

// A thread lowered three times (the only enabled one at three change points) is one lowered
// thread: a thread that appears afterwards takes a uniformly random place among the two threads
// never lowered, so it has the top priority 1 time in 3; the lowered thread is below all three.
// (Counting change points instead of lowered threads left no place for it but the top, or
// crashed.)
TEST(PctPriorities, ALoweredThreadCountsOnceWhereNewThreadsGo) {
  int newcomer_first = 0;
  constexpr int kSeeds = 3000;
  for (std::uint64_t seed = 0; seed < kSeeds; ++seed) {
    auto pct = pct_with_change_points_at_every_step(seed, 3);
    const auto blocked = view({{0, true}, {1, false}, {2, false}});
    for (std::size_t step = 0; step < 3; ++step) ASSERT_EQ(pct->pick(Choice{&blocked, 0, step}), 0);
    const auto all = view({{0, true}, {1, true}, {2, true}, {3, true}});
    const int t = pct->pick(Choice{&all, 0, 3});
    ASSERT_NE(t, 0) << "the lowered thread must be below every other";
    newcomer_first += t == 3 ? 1 : 0;
  }
  RecordProperty("newcomer_first_of_3000", newcomer_first);
  // 1000 in expectation; a standard deviation is 26.
  EXPECT_GE(newcomer_first, 900);
  EXPECT_LE(newcomer_first, 1100);
}

// Later change points go lower: the thread lowered first stays above the one lowered second.
TEST(PctPriorities, LaterChangePointsGoLower) {
  for (std::uint64_t seed = 0; seed < 200; ++seed) {
    auto pct = pct_with_change_points_at_every_step(seed, 2);
    const auto both = view({{0, true}, {1, true}});
    const int second = pct->pick(Choice{&both, -1, 0});     // step 0 lowers the first
    const int first = pct->pick(Choice{&both, second, 1});  // step 1 lowers the second
    ASSERT_NE(first, second);
    EXPECT_EQ(pct->pick(Choice{&both, first, 2}), first);  // no change point: the order holds
    EXPECT_EQ(pct->pick(Choice{&both, first, 3}), first);
  }
}

std::vector<std::vector<int>> schedules(std::uint64_t seed, int depth, const Program& p, int runs) {
  auto pct = make_pct(seed, depth);
  std::vector<std::vector<int>> out;
  for (const SimExecution& e : drive(*pct, p, runs).complete) {
    out.emplace_back();
    for (const Step& s : e.steps) out.back().push_back(s.thread);
  }
  return out;
}

TEST(PctReproducible, SameSeedSameSchedules) {
  const Program p = random_program(42, ProgramShape{3, 3, 4, true});
  EXPECT_EQ(schedules(5, 3, p, 50), schedules(5, 3, p, 50));
  EXPECT_NE(schedules(5, 3, p, 50), schedules(6, 3, p, 50));
}

TEST(PctBlockingAndSpawning, PicksOnlyEnabledThreads) {
  for (std::uint64_t seed = 0; seed < 100; ++seed) {
    const Program p = random_program(seed, ProgramShape{2, 4, 4, seed % 2 == 0});
    auto pct = make_pct(seed, 3);
    EXPECT_NO_THROW(drive(*pct, p, 30)) << p.describe();
  }
}

}  // namespace
}  // namespace racelab::strategy_tests
