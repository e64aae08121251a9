// racelab/model/trace.hpp — what one execution did, as data: its steps, its violations.
//
// The engine fills these records; renderers (the timeline below, the racelab command's text,
// Markdown, SVG and JSON) decide how to draw them. Nothing here is words to be parsed back:
// a step says what kind of operation it was, on which object, what it read, which locks its
// thread held and whether the scheduler preempted another thread to run it; a violation says
// which steps it is about. All records compare with ==, so determinism and replay tests compare
// values, not rendered text.
#pragma once

#include <string>
#include <vector>

#include "racelab/result.hpp"

namespace racelab::model {

// The result vocabulary every backend shares (racelab/result.hpp).
using racelab::Outcome;
using racelab::to_string;
using racelab::Violation;

// What a step does. The scheduler's dependence relation is built on the same kinds.
enum class OpKind {
  start,   // a thread's first step (the engine folds it into the spawning step; never recorded)
  yield,   // this_thread::yield or a labelled point: no memory effect
  read,    // shared<T> read
  write,   // shared<T> write
  lock,    // mutex lock, or try_lock (Step::detail "try")
  unlock,  // mutex unlock
  put,     // queue put
  get,     // queue get
  close,   // queue close
  spawn,   // start a thread
  join,    // wait for a thread to finish
  exit,    // the thread's body returned, or an exception escaped it (Step::raised)
  // Added with the std-mirroring primitives (issue 11):
  load,     // atomic load (Step::detail: the memory order, "acquire"; seq_cst says nothing)
  store,    // atomic store
  rmw,      // atomic read-modify-write: exchange, compare_exchange, fetch_add ... (in detail)
  fence,    // atomic_thread_fence
  wait,     // condition_variable::wait begins: the thread waits for a notify (then unlocks)
  wake,     // the waiting thread wakes: value "notified", "spurious" or "timeout" (then locks)
  notify,   // notify_one (detail "one") or notify_all (detail "all")
  acquire,  // semaphore acquire (detail "try" for try_acquire); a latch's or barrier's wait
            // (detail "wait", "try_wait")
  release,  // semaphore release; a latch's count_down, a barrier's arrive, arrive_and_drop or
            // the end of its phase (detail "count_down", "arrive", "arrive_and_drop",
            // "complete")
};
// "lock", "read", "spawn", ...: the kind's name, as JSON spells it.
const char* to_string(OpKind k);

// One step of an execution: one scheduling decision and the operation it let a thread perform.
struct Step {
  int thread = 0;  // 0 = MainThread, N = Thread-N
  OpKind kind = OpKind::yield;
  // The object acted on: a mutex, queue or shared cell by name ("QUEUE_USER_LOCK",
  // "QUEUE_USER"); for spawn and join the other thread's name ("Thread-2 (worker)"); "" for
  // yield and exit.
  std::string object;
  // What the operation did, in the code's own words: a shared access's label ("find user"), a
  // yield's label ("read proxy pool"), "try" for a try_lock, "shared" for a shared_mutex's shared
  // side, an atomic's memory order ("acquire") or operation ("compare_exchange"); "" otherwise.
  std::string detail;
  std::string value;   // what the step read or returned ("present", "busy", "0 left"); may be ""
  std::string raised;  // exit only: the exception that escaped ("KeyError: 'GCCDianaramirez'")
  // The mutexes the thread held when the step began, in the order it took them.
  std::vector<std::string> locks_held;
  // The scheduler switched to this thread although the previous step's thread could go on (a
  // condition_variable waiter nobody notified, which only a spurious wake-up would free, could
  // not: leaving it is no preemption).
  bool preemption = false;
  std::string file;  // "buggy/registry.cpp"; "" for exit
  int line = 0;

  friend bool operator==(const Step&, const Step&) = default;
};

// The operation in a few words, the way timelines print it: "lock QUEUE_USER_LOCK",
// "read QUEUE_USER: find user", "start Thread-2 (worker)", "read proxy pool" (a label), "exit",
// or the escaped exception ("KeyError: 'GCCDianaramirez'"). No marks: renderers add their own.
std::string op_text(const Step& s);

struct Trace {
  std::vector<std::string> threads;  // names by thread id: "MainThread", "Thread-1 (request)", ...
  std::vector<Step> steps;

  friend bool operator==(const Trace&, const Trace&) = default;
};

struct Execution {
  std::vector<Violation> violations;  // empty: this interleaving is fine
  std::string schedule;  // replay token, e.g. "0x4.1x3.2x3" (racelab/model/schedule.hpp)
  int preemptions = 0;   // switches away from a thread that could have continued (see Step)
  Trace trace;           // filled for failures, replays, or with record_traces
  bool ok() const { return violations.empty(); }

  friend bool operator==(const Execution&, const Execution&) = default;
};

// Whether a violation is at step i (its culprit), and whether step i is one it is about.
bool violates_at(const Execution& e, int i);
bool related_to_violation(const Execution& e, int i);
// Whether step s itself already says violation v (an escaped exception is its exit step's
// `raised`), so a renderer states v once, not twice.
bool step_states(const Step& s, const Violation& v);

}  // namespace racelab::model
