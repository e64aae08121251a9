// tests/strategies/pct_programs.hpp — facade programs for PCT through the real engine: textbook
// bugs of known depth d (the number of ordering constraints between steps that make them show,
// Burckhardt et al., ASPLOS 2010 §3), and the tools to sample their hit rate.
//
// Every access is under a mutex, so the only violation a program reports is its own check
// (no data race): a "hit" is an execution with an assertion failure. n counts MainThread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "racelab/model/explore.hpp"
#include "racelab/model/schedule.hpp"
#include "racelab/sync.hpp"

namespace racelab::strategy_tests::pct_programs {

using model::Body;

inline int read_locked(sync::shared<int>& cell, sync::mutex& m) {
  sync::lock_guard g(m);
  return cell.read("read", [](const int& v) { return v; });
}

inline void write_locked(sync::shared<int>& cell, sync::mutex& m, int value) {
  sync::lock_guard g(m);
  cell.write("write", [value](int& v) { v = value; });
}

struct Cell {
  sync::shared<int> value{"cell", 0};
  sync::mutex lock{"cell_lock"};
};

// Depth 1, n = 3: use before initialisation. MainThread starts "use" and then "init"; init
// publishes the config, use reads it. The bug is one constraint: use's read before init's write.
// (Started the other way round, PCT's odds are exactly 1/3 = 1/n: init must get a priority below
// MainThread's, use one above init's. A bound that is met with equality is no assertion a fixed
// sample can make, so the test uses this order.)
inline Body use_before_init() {
  return [] {
    auto config = std::make_shared<Cell>();
    sync::thread use("use", [config] {
      const int seen = read_locked(config->value, config->lock);
      model::check(seen == 1, "used before initialised");
    });
    sync::thread init("init", [config] { write_locked(config->value, config->lock, 1); });
    init.join();
    use.join();
  };
}

// Depth 2, n = 3: the lost update, each access locked on its own. Two constraints: each
// thread's load before the other's store.
inline Body lost_update() {
  return [] {
    auto counter = std::make_shared<Cell>();
    auto increment = [counter] {
      const int seen = read_locked(counter->value, counter->lock);
      write_locked(counter->value, counter->lock, seen + 1);
    };
    sync::thread a("increment", increment);
    sync::thread b("increment", increment);
    a.join();
    b.join();
    const int total = counter->value.read("total", [](const int& v) { return v; });
    model::check(total == 2, "lost update");
  };
}

// Depth 3, n = 3: a reader sees an update half done, then done. The writer sets 1 then 2 with
// `work` yields between; the reader reads twice. Three constraints: w1 < r1 < w2 < r2.
// With work = 0 it is a textbook depth-3 bug of few steps; with many work steps it needs two
// specific preemptions among many steps (pct_bound_test.cpp, the bench).
inline Body half_done_then_done(int work) {
  return [work] {
    auto cell = std::make_shared<Cell>();
    sync::thread writer("writer", [cell, work] {
      write_locked(cell->value, cell->lock, 1);
      for (int i = 0; i < work; ++i) sync::this_thread::yield("work");
      write_locked(cell->value, cell->lock, 2);
    });
    sync::thread reader("reader", [cell] {
      const int first = read_locked(cell->value, cell->lock);
      const int second = read_locked(cell->value, cell->lock);
      model::check(!(first == 1 && second == 2), "saw the update half done, then done");
    });
    writer.join();
    reader.join();
  };
}

// A sample of executions: how many, how many showed the program's check, and the longest.
struct Sample {
  std::size_t runs = 0;
  std::size_t hits = 0;
  std::size_t longest = 0;   // steps of the longest execution: k
  std::size_t to_first = 0;  // schedules up to and including the first hit (0: no hit)
  double rate() const {
    return runs == 0 ? 0 : static_cast<double>(hits) / static_cast<double>(runs);
  }
};

inline bool hit(const model::Execution& e) {
  for (const model::Violation& v : e.violations)
    if (v.kind == model::Outcome::assertion_failed) return true;
  return false;
}

// Explores `body` once per seed in [first_seed, first_seed + seeds), `schedules` schedules each,
// without stopping at violations, and adds up what every execution showed.
inline Sample sample(model::Strategy strategy, int depth, const Body& body,
                     std::uint64_t first_seed, std::size_t seeds, std::size_t schedules) {
  Sample s;
  for (std::uint64_t seed = first_seed; seed < first_seed + seeds; ++seed) {
    model::Options o;
    o.strategy = strategy;
    o.seed = seed;
    o.pct_depth = depth;
    o.max_schedules = schedules;
    o.stop_on_first_violation = false;
    o.shrink = false;
    o.on_execution = [&s](const model::Execution& e) {
      ++s.runs;
      s.longest = std::max(s.longest, model::Schedule::parse(e.schedule).size());
      if (hit(e)) {
        ++s.hits;
        if (s.to_first == 0) s.to_first = s.runs;
      }
    };
    model::explore(o, body);
  }
  return s;
}

}  // namespace racelab::strategy_tests::pct_programs
