// src/model/estimate.cpp — Knuth's estimator over the exploration trees (estimate.hpp).
//
// A probe is a Scheduler (strategies/scheduler.hpp) driving one ordinary execution of the
// Engine: a uniformly random path down the tree of every interleaving, whose weight is the
// product of the numbers of enabled threads it met. It sees exactly the choices dfs sees; no
// hook in the engine.
#include "racelab/model/estimate.hpp"

#include <bit>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/elapsed.hpp"
#include "model/engine.hpp"
#include "model/strategies/scheduler.hpp"
#include "model/strategies/splitmix64.hpp"

namespace racelab::model {

namespace {

using detail::Choice;
using detail::ThreadView;
using Mask = std::uint64_t;  // a set of thread ids: an execution has at most 64 threads
constexpr int kMaxThreads = 64;

constexpr Mask bit(int t) { return Mask{1} << t; }

void check_id(int id) {
  if (id >= kMaxThreads) throw std::logic_error("racelab::model::estimate: more than 64 threads");
}

// The k-th (0-based) member of a set, in id order.
int nth(Mask m, std::size_t k) {
  while (k-- > 0) m &= m - 1;
  return std::countr_zero(m);
}

// A probe of the schedules tree: one uniformly random path; weight() is the product of the
// numbers of enabled threads met.
class SchedulesProbe final : public detail::Scheduler {
 public:
  explicit SchedulesProbe(std::uint64_t seed) : rng_(seed) {}
  bool next_execution() override {
    weight_ = 1;
    return true;
  }
  int pick(const Choice& choice) override {
    Mask enabled = 0;
    for (const ThreadView& v : *choice.threads) {
      check_id(v.id);
      if (v.enabled) enabled |= bit(v.id);
    }
    if (enabled == 0) return -1;  // the end-of-execution call
    const auto n = static_cast<std::size_t>(std::popcount(enabled));
    weight_ *= static_cast<double>(n);
    return nth(enabled, rng_.below_few(n));
  }
  double weight() const { return weight_; }

 private:
  detail::SplitMix64 rng_;
  double weight_ = 1;
};

// Mean and standard error of the mean (Welford's running variance).
struct Mean {
  std::size_t n = 0;
  double mean = 0;
  double m2 = 0;
  void add(double x) {
    ++n;
    const double d = x - mean;
    mean += d / static_cast<double>(n);
    m2 += d * (x - mean);
  }
  double error() const {
    return n < 2 ? 0.0 : std::sqrt(m2 / static_cast<double>(n - 1) / static_cast<double>(n));
  }
};

}  // namespace

EstimateOptions estimate_options(const Options& o, std::size_t probes) {
  EstimateOptions e;
  e.probes = probes;
  e.max_steps = o.max_steps;
  e.spurious_wakeups = o.spurious_wakeups;
  e.spin_limit = o.spin_limit;
  return e;
}

Estimate estimate(const EstimateOptions& o, const Body& body, const EndCheck& end_check) {
  if (!body) throw std::invalid_argument("racelab::model::estimate: the body is empty");
  const auto t0 = std::chrono::steady_clock::now();
  detail::Engine engine(body, end_check, detail::semantics_of(o));
  detail::RunConfig config;
  config.max_steps = o.max_steps;
  Estimate out;
  out.probes = o.probes;
  std::size_t runs = 0;
  {
    SchedulesProbe probe(o.seed);
    Mean m;
    for (std::size_t i = 0; i < o.probes; ++i) {
      probe.next_execution();
      engine.run(probe, config);
      ++runs;
      m.add(probe.weight());
    }
    out.schedules = m.mean;
    out.schedules_error = m.error();
  }
  out.elapsed_ms = detail::ms_since(t0);
  out.ms_per_run = runs == 0 ? 0.0 : out.elapsed_ms / static_cast<double>(runs);
  return out;
}

std::string approx_count(double count) {
  char number[64];
  if (count >= 1e9) {
    std::snprintf(number, sizeof number, "%.1e", count);
    return std::string("≈") + number;
  }
  // Two significant figures from 1000 on (a probe estimate is not better), whole below.
  double rounded = std::round(count);
  if (count >= 1000) {
    const double scale = std::pow(10.0, std::floor(std::log10(count)) - 1);
    rounded = std::round(count / scale) * scale;
  }
  std::snprintf(number, sizeof number, "%.0f", rounded);
  const std::string digits = number;
  std::string grouped;  // thousands separated by commas, as the docs write counts
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
    grouped += digits[i];
  }
  return "≈" + grouped;
}

std::string estimate_text(double count, double error, std::size_t probes, const char* what) {
  std::string out = approx_count(count) + " " + what + " (";
  if (count > 0) {
    char pct[32];
    std::snprintf(pct, sizeof pct, "±%.0f%%, ", 100.0 * error / count);
    out += pct;
  }
  return out + std::to_string(probes) + " probes)";
}

}  // namespace racelab::model
