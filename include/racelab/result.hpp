// racelab/result.hpp — what can go wrong in a run, in one vocabulary for every backend.
//
// The model (racelab/model/explore.hpp), real-thread runs (scenarios::RealRun, the fork-isolated
// harness) and the Relacy backend all report Violations with these Outcome kinds, as Relacy's
// test_result.hpp names its results once for every scheduler. A Violation's id is the stable
// name reviews and declared verdicts cite ("KeyError", "data-race", "one-live-group", ...).
#pragma once

#include <string>
#include <vector>

namespace racelab {

// What can go wrong in one execution. Named, as Relacy's test_result is.
enum class Outcome {
  ok,
  uncaught_exception,  // an exception escaped a thread body (the seed's KeyError)
  assertion_failed,    // racelab::model::check() failed
  data_race,           // two conflicting shared<T> accesses not ordered by happens-before
  deadlock,            // every live thread blocked, at least one not an idle queue wait
  step_limit,          // more than the step limit: a runaway execution
  property_violated,   // the end-of-run check reported a broken property
  livelock,  // threads spin forever (yield, failed try_lock, re-reads) and none can change what
             // they wait on: every fair schedule from here spins (see docs/model-library.md)
};
// "ok", "uncaught exception", "data race", ...
std::string to_string(Outcome o);

struct Violation {
  Outcome kind = Outcome::ok;
  std::string id;       // stable id for reviews: "KeyError", "data-race", property ids ...
  std::string thread;   // "Thread-3 (worker)", empty when not tied to a thread
  std::string message;  // one line: "KeyError: 'GCCDianaramirez'", "data race on QUEUE_USER: ..."
  // Under the model, the 0-based index into the trace's steps (racelab/model/trace.hpp) of the
  // step that caused it; -1 when none can be named (an end-of-run property, a real-thread run).
  // People read steps 1-based: "step 7" is index 6. An exception is placed at its thread's exit
  // step, the one whose Step::raised holds it.
  int step = -1;
  // Other steps it is about, 0-based: a data race's earlier access. Empty for the others.
  std::vector<int> related;

  friend bool operator==(const Violation&, const Violation&) = default;
};

}  // namespace racelab
