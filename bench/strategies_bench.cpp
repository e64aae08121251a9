// bench/strategies_bench.cpp — schedules per second of each strategy on the seed scenario, and
// how many schedules DPOR needs where plain DFS needs all of them, measured in the same run.
//
//   racelab_bench                                   everything
//   racelab_bench --benchmark_filter=dpor_over_dfs  the reduction only
//
// Counters: schedules/s (over CPU time: the machine may be shared), schedules, traces and
// failing schedules of one exploration, complete (1: it finished); for dpor_over_dfs the two
// exhaustive counts, their ratio and whether they agree on the verdict.
#include <benchmark/benchmark.h>

#include <string>

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

}  // namespace

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
