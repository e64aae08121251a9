// bench/strategies_bench.cpp — schedules per second of each strategy on the seed scenario, how
// many schedules DPOR needs where plain DFS needs all of them, and how many schedules PCT needs
// to first find a depth-3 bug where random scheduling needs many more, each measured in the
// same run.
//
//   racelab_bench                                     everything
//   racelab_bench --benchmark_filter=dpor_over_dfs    the reduction only
//   racelab_bench --benchmark_filter=pct_over_random  PCT against random on a depth-3 bug
//
// Counters: schedules/s (over CPU time: the machine may be shared), schedules, traces and
// failing schedules of one exploration, complete (1: it finished); for dpor_over_dfs the two
// exhaustive counts, their ratio and whether they agree on the verdict; for pct_over_random the
// mean schedules to the first hit of each over the same seeds, and their ratio.

// The depth-3 program is written with the sync facade under the model backend (each backend
// lives in its own inline namespace, so this does not clash with the scenario library).
#ifndef RACELAB_BACKEND_MODEL
#define RACELAB_BACKEND_MODEL
#endif

#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>

#include "../tests/strategies/pct_programs.hpp"
#include "racelab/model/explore.hpp"
#include "seed_program.hpp"

namespace {

using racelab::bench::seed_program;
using racelab::model::Options;
using racelab::model::Report;
using racelab::model::Strategy;

constexpr int kSeedWorkers = 4;
// DFS cannot finish the seed (the interleavings run into the millions); it is timed on a prefix
// of its search. Random and PCT sample.
constexpr std::size_t kSampled = 1000;

Report run(Strategy strategy, const racelab::bench::SeedProgram& p, std::size_t max_schedules,
           std::uint64_t seed = 1) {
  Options o;
  o.strategy = strategy;
  o.seed = seed;
  o.max_schedules = max_schedules;
  o.stop_on_first_violation = false;  // count every schedule, as an exhaustive check does
  o.shrink = false;
  return racelab::model::explore(o, p.body, p.end_check);
}

void schedules_per_second(benchmark::State& state, Strategy strategy, const char* impl) {
  const auto program = seed_program(impl, kSeedWorkers);
  const std::size_t limit = strategy == Strategy::dpor ? 0 : kSampled;
  double schedules = 0;
  Report last;
  std::uint64_t seed = 1;
  for (auto _ : state) {
    last = run(strategy, program, limit, seed++);
    schedules += static_cast<double>(last.schedules);
  }
  state.counters["schedules/s"] = benchmark::Counter(schedules, benchmark::Counter::kIsRate);
  state.counters["schedules"] = static_cast<double>(last.schedules);
  state.counters["traces"] = static_cast<double>(last.traces);
  state.counters["complete"] = last.complete ? 1 : 0;
  state.counters["failing"] = static_cast<double>(last.failing_schedules);
  state.SetLabel(racelab::bench::seed_program_source());
}

// DPOR and DFS, both exhaustive, on the seed with fewer workers: DFS's count explodes with each
// worker (1 worker: tens of schedules, 2: over ten thousand, 3: does not finish in minutes).
// dpor/dfs is the fraction of DFS's schedules DPOR runs.
void dpor_over_dfs(benchmark::State& state, const char* impl) {
  const auto program = seed_program(impl, static_cast<int>(state.range(0)));
  Report dpor, dfs;
  for (auto _ : state) {
    dpor = run(Strategy::dpor, program, 0);
    dfs = run(Strategy::dfs, program, 0);
  }
  state.counters["dpor"] = static_cast<double>(dpor.schedules);
  state.counters["dfs"] = static_cast<double>(dfs.schedules);
  state.counters["dpor/dfs"] =
      static_cast<double>(dpor.schedules) / static_cast<double>(dfs.schedules);
  state.counters["both_complete"] = dpor.complete && dfs.complete ? 1 : 0;
  state.counters["same_verdict"] =  // 1: both find a violation, or neither does
      (dpor.failing_schedules > 0) == (dfs.failing_schedules > 0) ? 1 : 0;
  state.SetLabel(racelab::bench::seed_program_source());
}

// Schedules to the first hit of PCT (depth 3) and random on the same seeds, on the depth-3 bug
// of tests/strategies/pct_programs.hpp: a reader sees an update half done, then done, with
// state.range(0) yields in the writer between its two writes. PCT needs two change points, one
// among the yields and one at the reader's second read (odds about yields/k^2, k the steps); random needs the writer to run all those
// yields between two of the reader's steps (odds halving with each yield). With no yields the
// program is a small textbook bug, where random wins: PCT spreads its change points over all k
// steps, while a coin flip per step finds a short interleaving quickly. random/pct > 1: PCT
// needed fewer schedules.
void pct_over_random(benchmark::State& state) {
  constexpr std::uint64_t kSeeds = 20;
  const racelab::model::Body body =
      racelab::strategy_tests::pct_programs::half_done_then_done(static_cast<int>(state.range(0)));
  auto to_first_hit = [&body](Strategy strategy, std::uint64_t seed) {
    Options o;
    o.strategy = strategy;
    o.seed = seed;
    o.pct_depth = 3;
    o.max_schedules = 10'000'000;  // a hit comes long before: the run stops at the first
    o.shrink = false;
    return racelab::model::explore(o, body);
  };
  double pct = 0, random = 0, misses = 0;
  for (auto _ : state) {
    pct = random = misses = 0;
    for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
      const Report p = to_first_hit(Strategy::pct, seed);
      const Report r = to_first_hit(Strategy::random, seed);
      pct += static_cast<double>(p.schedules);
      random += static_cast<double>(r.schedules);
      misses += (p.failure ? 0 : 1) + (r.failure ? 0 : 1);
    }
  }
  state.counters["pct"] = pct / kSeeds;  // mean schedules to the first hit
  state.counters["random"] = random / kSeeds;
  state.counters["random/pct"] = random / pct;
  state.counters["misses"] = misses;  // explorations that never hit (0: the means are exact)
}

}  // namespace

BENCHMARK(pct_over_random)->Arg(0)->Arg(12)->Arg(16)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(schedules_per_second, dpor_buggy, Strategy::dpor, "buggy")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(schedules_per_second, dpor_fixed, Strategy::dpor, "fixed")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(schedules_per_second, dfs_buggy, Strategy::dfs, "buggy")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(schedules_per_second, dfs_fixed, Strategy::dfs, "fixed")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(schedules_per_second, random_buggy, Strategy::random, "buggy")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(schedules_per_second, random_fixed, Strategy::random, "fixed")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(schedules_per_second, pct_buggy, Strategy::pct, "buggy")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(schedules_per_second, pct_fixed, Strategy::pct, "fixed")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(dpor_over_dfs, buggy, "buggy")
    ->DenseRange(1, 2)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(dpor_over_dfs, fixed, "fixed")
    ->DenseRange(1, 2)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
