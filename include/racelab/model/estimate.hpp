// racelab/model/estimate.hpp — how big an exhaustive exploration is, before running it.
//
// Knuth's random-probe estimator (D. E. Knuth, "Estimating the efficiency of backtrack
// programs", Mathematics of Computation 29, 1975): a probe walks one path from the root of a
// tree, choosing uniformly among the children of each node it meets; the product of the numbers
// of children along the path is an unbiased estimate of the number of leaves. The mean over
// many probes converges to it; its standard error is reported with it. One probe is one
// execution of the body, so an estimate costs `probes` executions, whatever the tree's
// size — milliseconds where the exploration itself might take hours.
//
// The tree is the one dfs searches: a node's children are its enabled threads, so the estimate
// is of Report::schedules of an unbounded dfs run (a preemption bound cuts the tree in ways a
// probe cannot see cheaply: with one, the figure is larger than the bounded search). It is also
// a bound on the traces dpor explores (every trace has at least one schedule), often a loose one.
//
// Why no probe estimate of the traces: DPOR's tree is not known ahead of the search — a node's
// children are the threads that races found *below* it add — and probing the trees one can build
// from a single execution was measured (on the catalogue, 2-8 workers) to be useless: with sleep
// sets most probes end sleep-set blocked and weigh 0 (estimates of 0-40 for 148 traces); without
// them the tree repeats traces (3.6e10 estimated for 40,320). racelab check estimates traces of a
// catalogue scenario by exact counts at small workload sizes, extrapolated (scenarios/check.hpp).
//
// Same options and body → the same estimate (the probes' choices come from one seeded stream).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "racelab/model/explore.hpp"

namespace racelab::model {

struct EstimateOptions {
  std::size_t probes = 200;  // the standard error falls as 1/sqrt(probes)
  std::uint64_t seed = 1;
  std::size_t max_steps = kDefaultMaxSteps;  // as Options::max_steps: a longer execution is a leaf
  // As in Options: an estimate is of the tree explore() would search with the same values.
  int spurious_wakeups = 1;
  std::size_t spin_limit = 16;
};

// Copies the exploration semantics of `o` (max_steps, spurious wake-ups, spin limit).
EstimateOptions estimate_options(const Options& o, std::size_t probes = 200);

struct Estimate {
  double schedules = 0;        // mean over the probes
  double schedules_error = 0;  // its standard error (0 when every probe agreed)
  std::size_t probes = 0;
  double ms_per_run = 0;  // wall time of one probe execution, averaged: the cost of a run
  double elapsed_ms = 0;  // the whole estimate
};

// Probes the body `options.probes` times. Throws what explore() would throw for
// the body (the engine's own errors); an empty body is std::invalid_argument.
Estimate estimate(const EstimateOptions& options, const Body& body, const EndCheck& end_check = {});

// "≈148", "≈2,400,000", "≈3.1e+09": an estimated count, exact below 1000, else two
// significant figures (a probe estimate is not better than that).
std::string approx_count(double count);
// "≈148 traces (±6%, 200 probes)": approx_count() with the relative standard error.
std::string estimate_text(double count, double error, std::size_t probes, const char* what);

}  // namespace racelab::model
