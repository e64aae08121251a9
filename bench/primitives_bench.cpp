// bench/primitives_bench.cpp — what one model step costs, for each primitive of the facade, and
// that cost as a ratio to the cheapest step there is: a labelled this_thread::yield("...").
//
//   racelab_primitives_bench                              every primitive
//   racelab_primitives_bench --benchmark_filter=mutex     one of them
//
// Each benchmark explores a single-thread body doing kOps operations of one kind (one schedule:
// a single thread has nothing to interleave), so the time is the engine's per-step work — the
// switch to the scheduler and back, the bookkeeping, happens-before and race checks — without
// the search around it. Counters: ns/step (CPU time per step), steps (of one execution, counted
// once from its trace) and x yield (ns/step over the yield baseline's, which runs first).
// Every observing step at one site would look like a spin to the fair scheduler (a single thread
// re-loading an atomic nobody changes), so spin_limit is raised out of the way; each execution is
// checked to end without a violation.

#ifndef RACELAB_BACKEND_MODEL
#define RACELAB_BACKEND_MODEL
#endif

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <limits>
#include <mutex>

#include "racelab/model/explore.hpp"
#include "racelab/sync.hpp"

namespace {

using namespace racelab;

constexpr int kOps = 2000;
double yield_ns_per_step = 0;  // set by the baseline, which is registered first

model::Options options() {
  model::Options o;
  o.strategy = model::Strategy::dfs;
  o.max_schedules = 1;
  o.max_steps = 100000;
  o.spin_limit = std::numeric_limits<std::size_t>::max() / 2;
  o.shrink = false;
  return o;
}

// The steps of one execution of the body, from its trace.
std::size_t steps_of(const model::Body& body) {
  model::Options o = options();
  o.record_traces = true;
  std::size_t steps = 0;
  o.on_execution = [&](const model::Execution& e) {
    steps = e.trace.steps.size();
    if (!e.ok()) {
      std::fprintf(stderr, "primitives_bench: the body failed: %s\n",
                   e.violations.front().message.c_str());
      std::abort();
    }
  };
  (void)model::explore(o, body);
  return steps;
}

// This thread's CPU time in ns: every fiber runs on it, and on a shared machine wall time mostly
// measures the neighbours.
double cpu_ns() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e9 + static_cast<double>(t.tv_nsec);
}

// Times the exploration of body (CPU time over the whole loop) and reports ns/step and the ratio
// to the baseline.
void run(benchmark::State& state, const model::Body& body, bool baseline = false) {
  const std::size_t steps = steps_of(body);
  const model::Options o = options();
  const double start = cpu_ns();
  for (auto _ : state) {
    const model::Report r = model::explore(o, body);
    if (r.failure) state.SkipWithError("the body failed");
    benchmark::DoNotOptimize(r.schedules);
  }
  const double ns =
      (cpu_ns() - start) / (static_cast<double>(steps) * static_cast<double>(state.iterations()));
  if (baseline) yield_ns_per_step = ns;
  state.counters["steps"] = static_cast<double>(steps);
  state.counters["ns/step"] = ns;
  if (yield_ns_per_step > 0) state.counters["x yield"] = ns / yield_ns_per_step;
}

void yield_labelled(benchmark::State& state) {
  run(
      state,
      [] {
        for (int i = 0; i < kOps; ++i) sync::this_thread::yield("point");
      },
      true);
}

void mutex_lock_unlock(benchmark::State& state) {
  run(state, [] {
    sync::mutex m("m");
    for (int i = 0; i < kOps; ++i) {
      m.lock();
      m.unlock();
    }
  });
}

void shared_mutex_lock_shared(benchmark::State& state) {
  run(state, [] {
    sync::shared_mutex m("rw");
    for (int i = 0; i < kOps; ++i) {
      m.lock_shared();
      m.unlock_shared();
    }
  });
}

void atomic_load(benchmark::State& state) {
  run(state, [] {
    sync::atomic<int> x("x", 0);
    for (int i = 0; i < kOps; ++i) benchmark::DoNotOptimize(x.load(std::memory_order_acquire));
  });
}

void atomic_store(benchmark::State& state) {
  run(state, [] {
    sync::atomic<int> x("x", 0);
    for (int i = 0; i < kOps; ++i) x.store(i, std::memory_order_release);
  });
}

void atomic_fetch_add(benchmark::State& state) {
  run(state, [] {
    sync::atomic<int> x("x", 0);
    for (int i = 0; i < kOps; ++i) x.fetch_add(1, std::memory_order_acq_rel);
  });
}

// notify_one (nobody waits) and a wait_for that times out: notify, wait, unlock, wake, lock.
void cv_notify_wait_round(benchmark::State& state) {
  run(state, [] {
    sync::mutex m("m");
    sync::condition_variable cv("cv");
    sync::unique_lock<sync::mutex> lk(m);
    for (int i = 0; i < kOps / 4; ++i) {
      cv.notify_one();
      (void)cv.wait_for(lk, std::chrono::milliseconds(1));
    }
  });
}

void semaphore_acquire_release(benchmark::State& state) {
  run(state, [] {
    sync::counting_semaphore<1> sem("sem", 1);
    for (int i = 0; i < kOps; ++i) {
      sem.acquire();
      sem.release();
    }
  });
}

void var_read_write(benchmark::State& state) {
  run(state, [] {
    sync::var<int> x("x", 0);
    for (int i = 0; i < kOps; ++i) x = x + 1;
  });
}

}  // namespace

BENCHMARK(yield_labelled)->Unit(benchmark::kMicrosecond);
BENCHMARK(mutex_lock_unlock)->Unit(benchmark::kMicrosecond);
BENCHMARK(shared_mutex_lock_shared)->Unit(benchmark::kMicrosecond);
BENCHMARK(atomic_load)->Unit(benchmark::kMicrosecond);
BENCHMARK(atomic_store)->Unit(benchmark::kMicrosecond);
BENCHMARK(atomic_fetch_add)->Unit(benchmark::kMicrosecond);
BENCHMARK(cv_notify_wait_round)->Unit(benchmark::kMicrosecond);
BENCHMARK(semaphore_acquire_release)->Unit(benchmark::kMicrosecond);
BENCHMARK(var_read_write)->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
