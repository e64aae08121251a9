// src/model/rerun.hpp — runs of a schedule found before (engine-internal, for explore.cpp).
//
// Exploring runs with tracing off; what it found is run again, traced:
//   * the witnesses: each violation id's first execution, checked to give the same violations
//     again, then (Options::shrink) the schedule with the fewest preemptions that shows the id,
//     and one with no spurious wake-up when the witness took one it can do without;
//   * the determinism guard (nondeterministic_body, explore.hpp): a few schedules run traced
//     while exploring run twice more after all the others, and must agree step by step;
//   * replay() and probe(): one token, traced (run_traced).
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "model/engine.hpp"
#include "racelab/model/explore.hpp"

namespace racelab::model::detail {

// The execution the engine just ran, as the API reports it (its trace taken when with_trace).
Execution collect(Engine& e, bool with_trace);

// Runs `token`'s schedule once with tracing. A token that does not fit throws
// std::invalid_argument naming the token.
Execution run_traced(Engine& e, const std::string& token, const std::vector<int>& choices,
                     std::size_t max_steps, const Describe* describe = nullptr, bool probe = false,
                     RunEnd* end = nullptr);

// Facade operations from OS threads the engine does not run, counted so far (a std::thread
// behind the facade's back, foreign_thread.hpp); hidden_thread() throws the guard's error.
std::size_t foreign_ops();
[[noreturn]] void hidden_thread(const std::string& token);

// A schedule explored traced, to be run again after the others.
struct Sample {
  std::vector<int> choices;
  Execution first;
};

// Runs `s` twice more and throws nondeterministic_body when either run differs from the first.
void recheck(Engine& e, const Options& o, const Sample& s);

// An execution that first showed one or more violation ids, as exploration found it (untraced).
struct FirstSeen {
  std::vector<int> choices;
  std::vector<Violation> violations;
};

// Report::witnesses (and Report::failure) from the executions that showed each id first
// (seen_at: id → its index in `seen`).
void explain_witnesses(Engine& e, const Options& o, const std::vector<FirstSeen>& seen,
                       const std::map<std::string, std::size_t>& seen_at, Report& report);

}  // namespace racelab::model::detail
