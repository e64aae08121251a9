// bench/relacy_bench.cpp — racelab against Relacy on the same scenario, in the same run (issue 12:
// "per-run cost ≤ Relacy per-iteration cost, same scenario, same run").
//
// Built only when configure found a Relacy checkout (-DRACELAB_RELACY_DIR; bench/CMakeLists.txt).
//
//   racelab_relacy_bench                                   everything (about 2 minutes)
//   racelab_relacy_bench --benchmark_filter=side_by_side   per run against per iteration (~20 s)
//   racelab_relacy_bench --benchmark_filter=proof          the whole searches, once each
//   racelab_relacy_bench --benchmark_filter=without_dpor   the engines alone (~10 s)
//
// The scenario is the seed, no-proxies, with the same registry on both sides: racelab's model
// engine runs buggy/ and fixed/ compiled against racelab::sync::model (seed_program.cpp, as
// engine_bench.cpp's per_run cases), Relacy runs the same folders compiled against
// racelab::sync::relacy (relacy_side.cpp, as tests/relacy_backend's suites). racelab explores
// exhaustively with dpor; Relacy with its full search on the plain heap — the like-for-like
// setting (docs/relacy.md §3: Relacy's checked heap makes every free() a branch of the search).
// Relacy's access model: buggy as its outcome census (atomic steps; the C++ memory model stops
// at the first data race, iteration 1), fixed under the C++ memory model (its proof) and as the
// census.
//
// side_by_side/<impl>/<relacy model>/<workers>: each benchmark iteration runs Relacy's full
// search for at most kRelacyBound iterations (fixed, 4 workers: 6.5 M in all, about a minute;
// the bound keeps a case under a second), then racelab's exhaustive exploration as many times as
// it takes to run as many executions, so both sides share the same load on this shared machine.
// Both are timed in CPU time of this thread. Counters:
//   racelab_us_per_run        CPU per execution of the program, µs: the exploration's runs
//                             (abandoned ones included) and the determinism guard's re-runs
//                             (Report::reruns: two traced runs per sample, whose cost the
//                             exploration's CPU time holds too; until session 26 they were left
//                             out of the count, which overstated the per-run cost by ~8% on
//                             fixed at 4 workers: 24 runs + 2 re-runs)
//   relacy_us_per_iteration   CPU per iteration over the first relacy_iterations of the search, µs
//   per_run_ratio             racelab_us_per_run / relacy_us_per_iteration (< 1: racelab cheaper)
//   racelab_runs              runs of one exhaustive exploration; relacy_iterations: of one
//                             bounded search; relacy_finished: 1 when the search ran out within
//                             the bound (then it is the whole search)
//   load1                     the load average when the case started (the machine is shared)
//   process_racelab_runs, process_relacy_iterations: every run / iteration this process timed so
//                             far, trial rounds included (for callgrind, below)
// without_dpor/<impl>/<relacy model>/<workers>: as side_by_side, but racelab runs plain dfs, the
// same unreduced depth-first search over schedules as Relacy's full search, on its first
// relacy_iterations executions (Options::max_schedules): the engines alone, without DPOR's
// bookkeeping (vector clocks, races, wakeup trees), which is what the dpor figure adds per run
// and what buys its 10^3-10^5 fewer runs (proof/ below). Same counters.
// proof/<impl>/<workers>: each side's whole proof once, outside any loop: racelab's exhaustive
// exploration (repeated to 0.2 s and averaged) against Relacy's full search run out (fixed under
// the C++ memory model, buggy as the census). Counters: racelab_proof_ms, relacy_proof_s,
// proof_ratio = Relacy's CPU / racelab's, the counts, and both per-run figures over the whole
// search.
//
// CPU time is noisy here; for a stable ratio count instructions: the two sides are the
// non-inlined functions timed_racelab_exploration and timed_relacy_search, e.g.
//   valgrind --tool=callgrind --callgrind-out-file=cg.out racelab_relacy_bench
//       --benchmark_filter='side_by_side/fixed/cxx/4$' --benchmark_min_time=0     (one line)
//   callgrind_annotate --inclusive=yes cg.out | grep timed_
// and divide each inclusive count by process_racelab_runs or process_relacy_iterations (the
// case's last counters; scripts/performance.py does this with --relacy-bench).
#include <benchmark/benchmark.h>
#include <time.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "racelab/model/explore.hpp"
#include "relacy_side.hpp"
#include "seed_program.hpp"

namespace {

using racelab::bench::relacy_side::Model;
using racelab::bench::relacy_side::Search;

// Relacy iterations per bounded search: ~0.1-0.4 s here, and enough that the first iterations of
// the search (no backtracking yet) weigh little.
constexpr std::uint64_t kRelacyBound = 20000;

double thread_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

double load1() {
  double load[1] = {0};
  return getloadavg(load, 1) == 1 ? load[0] : -1;
}

using racelab::model::Strategy;

// One exploration, exhaustive unless max_schedules (0: no bound) stops it: stop_on_first_violation
// off, no shrinking (the search alone), as engine_bench.cpp's per_run cases. Not inlined, so
// callgrind can count it apart.
[[gnu::noinline]] racelab::model::Report timed_racelab_exploration(
    const racelab::bench::SeedProgram& program, Strategy strategy = Strategy::dpor,
    std::size_t max_schedules = 0) {
  racelab::model::Options o;
  o.strategy = strategy;
  o.max_schedules = max_schedules;
  o.stop_on_first_violation = false;
  o.shrink = false;
  return racelab::model::explore(o, program.body, program.end_check);
}

// One Relacy full search (plain heap), at most `bound` iterations (0: run it out).
[[gnu::noinline]] Search timed_relacy_search(const char* impl, Model model, int workers,
                                             std::uint64_t bound) {
  return racelab::bench::relacy_side::full_search(impl, model, workers, bound);
}

const char* model_name(Model m) { return m == Model::cxx ? "cxx" : "census"; }

struct Totals {
  double seconds = 0;
  double count = 0;  // runs or iterations
  double per_unit_us() const { return count > 0 ? seconds / count * 1e6 : 0; }
};

// Every racelab run and Relacy iteration the timed functions ran in this process, Google
// Benchmark's trial rounds included: what callgrind's inclusive counts of timed_* cover when the
// process runs one case (the counters process_racelab_runs and process_relacy_iterations).
Totals& process_racelab() {
  static Totals t;
  return t;
}
Totals& process_relacy() {
  static Totals t;
  return t;
}

// strategy: dpor (side_by_side/), or dfs on as many schedules as Relacy ran (without_dpor/).
void side_by_side(benchmark::State& state, const char* impl, Model model, Strategy strategy) {
  const int workers = static_cast<int>(state.range(0));
  const auto program = racelab::bench::seed_program(impl, workers);
  state.counters["load1"] = load1();
  Totals racelab, relacy;
  std::size_t runs_per_exploration = 0;
  Search search;
  for (auto _ : state) {
    double t0 = thread_cpu_seconds();
    search = timed_relacy_search(impl, model, workers, kRelacyBound);
    relacy.seconds += thread_cpu_seconds() - t0;
    relacy.count += static_cast<double>(search.iterations);
    process_relacy().count += static_cast<double>(search.iterations);
    if (search.iterations == 0) {
      state.SkipWithError((std::string("Relacy: ") + search.result).c_str());
      break;
    }
    // As many racelab runs as Relacy ran iterations, in whole explorations.
    const std::size_t bound = strategy == Strategy::dpor ? 0 : search.iterations;
    double runs = 0;
    t0 = thread_cpu_seconds();
    while (runs < static_cast<double>(search.iterations)) {
      const auto report = timed_racelab_exploration(program, strategy, bound);
      runs_per_exploration = report.runs;
      runs += static_cast<double>(report.runs + report.reruns);
      benchmark::DoNotOptimize(report);
    }
    racelab.seconds += thread_cpu_seconds() - t0;
    racelab.count += runs;
    process_racelab().count += runs;
  }
  state.counters["racelab_us_per_run"] = racelab.per_unit_us();
  state.counters["relacy_us_per_iteration"] = relacy.per_unit_us();
  if (relacy.per_unit_us() > 0) {
    state.counters["per_run_ratio"] = racelab.per_unit_us() / relacy.per_unit_us();
  }
  state.counters["racelab_runs"] = static_cast<double>(runs_per_exploration);
  state.counters["relacy_iterations"] = static_cast<double>(search.iterations);
  state.counters["relacy_finished"] = search.finished ? 1 : 0;
  state.counters["process_racelab_runs"] = process_racelab().count;
  state.counters["process_relacy_iterations"] = process_relacy().count;
  state.SetLabel(std::string(strategy == Strategy::dpor ? "racelab dpor" : "racelab dfs") +
                 ", relacy " + model_name(model) + " full search, plain heap: " + search.result);
}

void proof(benchmark::State& state, const char* impl, Model model) {
  const int workers = static_cast<int>(state.range(0));
  const auto program = racelab::bench::seed_program(impl, workers);
  state.counters["load1"] = load1();
  for (auto _ : state) {
    Totals racelab;
    std::size_t runs = 0;
    double explorations = 0;
    const double t0 = thread_cpu_seconds();
    while (racelab.seconds < 0.2) {
      const auto report = timed_racelab_exploration(program);
      runs = report.runs;
      racelab.count += static_cast<double>(report.runs + report.reruns);
      explorations += 1;
      racelab.seconds = thread_cpu_seconds() - t0;
    }
    const double t1 = thread_cpu_seconds();
    const Search search = timed_relacy_search(impl, model, workers, 0);
    const double relacy_seconds = thread_cpu_seconds() - t1;
    const double racelab_proof = racelab.seconds / explorations;

    state.counters["racelab_proof_ms"] = racelab_proof * 1e3;
    state.counters["racelab_runs"] = static_cast<double>(runs);
    state.counters["relacy_proof_s"] = relacy_seconds;
    state.counters["relacy_iterations"] = static_cast<double>(search.iterations);
    state.counters["relacy_finished"] = search.finished ? 1 : 0;
    state.counters["proof_ratio"] = relacy_seconds / racelab_proof;
    state.counters["racelab_us_per_run"] = racelab.per_unit_us();
    if (search.iterations > 0) {
      const double relacy_us = relacy_seconds / static_cast<double>(search.iterations) * 1e6;
      state.counters["relacy_us_per_iteration"] = relacy_us;
      state.counters["per_run_ratio"] = racelab.per_unit_us() / relacy_us;
    }
    state.SetLabel(std::string("relacy ") + model_name(model) +
                   " full search, plain heap: " + search.result);
  }
}

}  // namespace

BENCHMARK_CAPTURE(side_by_side, buggy_census, "buggy", Model::census, Strategy::dpor)
    ->Name("side_by_side/buggy/census")
    ->DenseRange(2, 6)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(side_by_side, fixed_cxx, "fixed", Model::cxx, Strategy::dpor)
    ->Name("side_by_side/fixed/cxx")
    ->DenseRange(2, 6)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(side_by_side, fixed_census, "fixed", Model::census, Strategy::dpor)
    ->Name("side_by_side/fixed/census")
    ->DenseRange(2, 6)
    ->Unit(benchmark::kMillisecond);
// The engines alone at the seed's size: racelab's dfs against Relacy's full search.
BENCHMARK_CAPTURE(side_by_side, buggy_census_dfs, "buggy", Model::census, Strategy::dfs)
    ->Name("without_dpor/buggy/census")
    ->Arg(4)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(side_by_side, fixed_cxx_dfs, "fixed", Model::cxx, Strategy::dfs)
    ->Name("without_dpor/fixed/cxx")
    ->Arg(4)
    ->Unit(benchmark::kMillisecond);
// The whole searches: fixed with 4 workers is Relacy's 6.5 M-iteration proof (about a minute).
BENCHMARK_CAPTURE(proof, buggy, "buggy", Model::census)
    ->Name("proof/buggy/census")
    ->DenseRange(2, 4)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(proof, fixed, "fixed", Model::cxx)
    ->Name("proof/fixed/cxx")
    ->DenseRange(2, 4)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
