// bench/engine_bench.cpp — what the engine costs per run and per step on real scenarios, and how
// many runs the search wastes (issue 12: "a leaner engine", "no wasted runs").
//
//   racelab_engine_bench --benchmark_filter=-target        everything but the slow target
//   racelab_engine_bench --benchmark_filter=per_run        the seed, dpor vs dfs, 4-6 workers
//   racelab_engine_bench --benchmark_filter=catalogue      every scenario × implementation
//                                                          (catalogue_symmetry/: --symmetry)
//   racelab_engine_bench --benchmark_filter=target         buggy seed, 8 workers (slow: ~1 min)
//   racelab_engine_bench --benchmark_filter=symmetry       the seed under dpor --symmetry
//
// Each benchmark is one exhaustive exploration (stop_on_first_violation off, no shrinking: the
// search alone), timed in CPU time because the machine is shared. Counters:
//   runs       executions started, abandoned ones included (Report::runs)
//   schedules  executions that ran to their end
//   traces     distinct Mazurkiewicz traces (dpor)
//   runs/trace the waste: 1 when no run is thrown away
//   us/run     CPU time per run; ns/step CPU time per scheduling step (steps counted in one more,
//              untimed exploration, from the schedules of the runs that ended; abandoned runs'
//              steps are not counted, so on lock-based code ns/step is an upper bound). Both are
//              inverted rates, which Google Benchmark prints with an "s" suffix: read
//              "us/run=14.2s" as 14.2 µs per run.
// Wall and CPU time are noisy here: for a stable per-run figure run one benchmark under
// callgrind over hundreds of explorations, e.g.
//   valgrind --tool=callgrind --callgrind-out-file=cg.out
//       racelab_engine_bench --benchmark_filter='per_run/dpor/fixed/4$' --benchmark_min_time=2
//   callgrind_annotate --tree=calling cg.out | grep '> .*Engine::loop('
// and divide loop's inclusive count by its calls (every run, the determinism guard's re-runs
// included). Not over one or two explorations with --toggle-collect: callgrind follows the fiber
// switches as calls and returns, and over 2 explorations of fixed/4 it counted 28k instructions
// per run where 319 explorations, with or without the toggle, count 53-59k.
#include <benchmark/benchmark.h>

#include <cstddef>
#include <string>

#include "racelab/model/explore.hpp"
#include "racelab/model/schedule.hpp"
#include "racelab/scenarios/catalogue.hpp"
#include "seed_program.hpp"

namespace {

using racelab::model::Options;
using racelab::model::Report;
using racelab::model::Strategy;

struct Explored {
  Report report;
  double steps = 0;  // summed over the runs that ended
};

void counters(benchmark::State& state, const Explored& x);

// One exploration. count_steps: also sum the steps of the runs that ended (through
// on_execution, which costs a replay token per run: the timed explorations leave it off).
Explored exhaustive(Strategy strategy, const racelab::model::Body& body,
                    const racelab::model::EndCheck& end_check, std::size_t max_schedules = 0,
                    bool count_steps = false, bool symmetry = false) {
  Options o;
  o.strategy = strategy;
  o.symmetry = symmetry;
  o.max_schedules = max_schedules;
  o.stop_on_first_violation = false;
  o.shrink = false;
  Explored x;
  if (count_steps) {
    o.on_execution = [&x](const racelab::model::Execution& e) {
      x.steps += static_cast<double>(racelab::model::Schedule::parse(e.schedule).steps().size());
    };
  }
  x.report = racelab::model::explore(o, body, end_check);
  return x;
}

// Times `explore` (one exploration per iteration), then sets the counters from one more, untimed
// exploration that counts steps.
// Not inlined, so callgrind can count exactly the timed explorations
// (--toggle-collect='*timed_exploration*').
template <class Explore>
[[gnu::noinline]] Explored timed_exploration(const Explore& explore) {
  return explore(false);
}

template <class Explore>
void measure(benchmark::State& state, const Explore& explore) {
  for (auto _ : state) benchmark::DoNotOptimize(timed_exploration(explore));
  counters(state, explore(true));
}

void counters(benchmark::State& state, const Explored& x) {
  const Report& r = x.report;
  const double runs = static_cast<double>(r.runs);
  state.counters["runs"] = runs;
  state.counters["schedules"] = static_cast<double>(r.schedules);
  state.counters["traces"] = static_cast<double>(r.traces);
  state.counters["complete"] = r.complete ? 1 : 0;
  state.counters["failing"] = static_cast<double>(r.failing_schedules);
  if (r.traces > 0) state.counters["runs/trace"] = runs / static_cast<double>(r.traces);
  // Per iteration: Google Benchmark divides a kAvgIterations counter by the iterations, and
  // kInvert turns "runs per second" into "seconds per run"; times 1e6 is µs.
  state.counters["us/run"] = benchmark::Counter(
      runs * 1e-6, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
  state.counters["ns/step"] = benchmark::Counter(
      x.steps * 1e-9, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

// The seed (no-proxies) with state.range(0) workers: exhaustive DPOR. With `symmetry` (dpor
// --symmetry; the registry tags each group's workers interchangeable) `traces` counts classes up
// to renaming the workers, and runs/trace shows what the turn rule wastes.
void per_run_dpor(benchmark::State& state, const char* impl, bool symmetry = false) {
  const auto program = racelab::bench::seed_program(impl, static_cast<int>(state.range(0)));
  measure(state, [&](bool steps) {
    return exhaustive(Strategy::dpor, program.body, program.end_check, 0, steps, symmetry);
  });
  state.SetLabel(racelab::bench::seed_program_source());
}

// The same program under plain DFS, on the first 20,000 schedules of its search (it cannot
// finish at 4 workers): the per-run cost without DPOR's bookkeeping.
void per_run_dfs(benchmark::State& state, const char* impl) {
  const auto program = racelab::bench::seed_program(impl, static_cast<int>(state.range(0)));
  measure(state, [&](bool steps) {
    return exhaustive(Strategy::dfs, program.body, program.end_check, 20000, steps);
  });
  state.SetLabel(racelab::bench::seed_program_source());
}

// Every scenario of the catalogue × implementation, exhaustive DPOR at the default size; with
// `symmetry`, dpor --symmetry (catalogue_symmetry/: one trace per class up to renaming workers).
void catalogue(benchmark::State& state, const racelab::scenarios::Scenario* s,
               const std::string& impl, bool symmetry) {
  const auto run = racelab::scenarios::model_run(*s, impl);
  measure(state, [&](bool steps) {
    return exhaustive(Strategy::dpor, run.body, run.end_check, 0, steps, symmetry);
  });
}

const int registered = [] {
  for (const auto& s : racelab::scenarios::catalogue()) {
    for (const auto& impl : racelab::scenarios::implementations()) {
      if (s.expected.find(impl) == s.expected.end()) continue;
      for (const bool symmetry : {false, true}) {
        const std::string family = symmetry ? "catalogue_symmetry/" : "catalogue/";
        benchmark::RegisterBenchmark((family + s.id + "/" + impl).c_str(), catalogue, &s, impl,
                                     symmetry)
            ->Iterations(1)
            ->Unit(benchmark::kMillisecond);
      }
    }
  }
  return 0;
}();

}  // namespace

BENCHMARK_CAPTURE(per_run_dpor, buggy, "buggy")
    ->Name("per_run/dpor/buggy")
    ->DenseRange(4, 6)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(per_run_dpor, fixed, "fixed")
    ->Name("per_run/dpor/fixed")
    ->DenseRange(4, 7)
    ->Unit(benchmark::kMillisecond);
// Issue 12's first target: buggy, 8 workers, exhaustive (2.4 million traces; tens of seconds).
BENCHMARK_CAPTURE(per_run_dpor, buggy8, "buggy")
    ->Name("target/dpor/buggy")
    ->Arg(8)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(per_run_dpor, buggy_symmetry, "buggy", true)
    ->Name("symmetry/dpor/buggy")
    ->DenseRange(4, 6)
    ->Unit(benchmark::kMillisecond);
// Issue 12's second target: fixed, 16 workers, exhaustive, < 1 s (one class with --symmetry).
BENCHMARK_CAPTURE(per_run_dpor, fixed_symmetry, "fixed", true)
    ->Name("symmetry/dpor/fixed")
    ->Arg(4)
    ->Arg(8)
    ->Arg(16)
    ->Unit(benchmark::kMillisecond);
// The first target again with --symmetry (128 classes at 8 workers; tens of ms).
BENCHMARK_CAPTURE(per_run_dpor, buggy8_symmetry, "buggy", true)
    ->Name("target/symmetry/buggy")
    ->Arg(8)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(per_run_dfs, buggy, "buggy")
    ->Name("per_run/dfs/buggy")
    ->Arg(4)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(per_run_dfs, fixed, "fixed")
    ->Name("per_run/dfs/fixed")
    ->Arg(4)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
