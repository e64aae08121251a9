// The exploration loop explore() and its partitioned form share (explore.cpp, explore_part.cpp):
// the runs of one strategy into a Report, and what comes after them.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "model/engine.hpp"
#include "model/rerun.hpp"
#include "model/strategies/scheduler.hpp"
#include "racelab/model/explore.hpp"

namespace racelab::model::detail {

// What an exploration saw, for the witnesses and the determinism guard afterwards.
struct Findings {
  std::vector<FirstSeen> seen;                 // executions that showed a new id, in order
  std::map<std::string, std::size_t> seen_at;  // id → its index in `seen`
  std::vector<Sample> samples;                 // run traced, to run again after the others
};

struct Loop {
  bool exhausted = false;  // the strategy had nothing left
  bool stopped = false;    // the first violation (or the witness bound after it) ended it
  std::string spinner;     // symmetry: a member spun (Engine::symmetric_spinner); loop ended
  // A spinner's loop ended by itself (Engine::left_spin, engine_fair.cpp); loop ended.
  std::string left_spin;
  source_loc left_spin_site{};
};

// Options::max_schedules = 0 means: no limit for the exhaustive strategies, 1000 samples else.
std::size_t schedule_limit(const Options& o);

// Report::unshared's sentence.
extern const char* const kUnshared;

// Runs the strategy's executions into `report` until it has none left, the report counts `limit`
// schedules (0: no limit) or, when may_stop, Options::stop_on_first_violation ends it.
// on_new_id is told each violation id the first time it shows. With check_spins, a spinner that
// leaves its loop by itself, in a run or in the spin probe, ends the loop (Loop::left_spin).
Loop run_loop(Engine& engine, Scheduler& strategy, const Options& o, std::size_t limit,
              bool may_stop, bool check_spins, Report& report, Findings& f,
              const std::function<void(const std::string&)>& on_new_id);

// After exploring: the determinism guard's re-runs, then the witnesses.
void conclude(Engine& engine, const Options& o, const Findings& f, Report& report);

// Options::partition: this part's units (model/shard.hpp), each explored in full.
void explore_part(Engine& engine, const Options& o, Report& report);

}  // namespace racelab::model::detail
