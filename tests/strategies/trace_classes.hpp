// tests/strategies/trace_classes.hpp — the Mazurkiewicz trace an execution belongs to, computed
// from its recorded steps alone (model::Trace), to check DPOR against exhaustive dfs without
// trusting DPOR's own bookkeeping.
//
// Threads are named by spawn path ("0" is MainThread, "0.1" its second child, "0.1.0" that
// child's first), not by the engine's ids: the engine numbers threads in spawn order, so two
// parents spawning at once give their children different ids in the two orders although the
// executions are otherwise the same.
//
// The dependence: two steps are dependent when they are of one thread, or act on one object and
// at least one changes it — dependent() of scheduler.hpp, with thread pseudo-objects by path: a
// spawn and a join act on the thread they name, an exit on its own thread, and a thread's first
// step follows the spawn that made it. So two spawns by different parents commute (they make
// different threads), as they do in the program.
//
// The class is named by its Foata normal form: each step goes one level above the highest
// dependent step before it; a level is the sorted set of its steps ("0.1#2 lock M").
#pragma once

#include <string>

#include "racelab/model/trace.hpp"

namespace racelab::strategy_tests {

struct TraceClass {
  std::string normal_form;  // the class: equal for two executions iff they are equivalent
  // The same form with what each step saw (Step::value, thread names by path): equal within a
  // class iff swapping independent steps never changed a result — a check of the dependence.
  std::string with_values;
};

TraceClass trace_class(const model::Trace& trace);

}  // namespace racelab::strategy_tests
