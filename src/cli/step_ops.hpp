// src/cli/step_ops.hpp — reading a trace step's operation as "who touched what".
//
// The engine names each step in words ("lock QUEUE_USER_LOCK", "read QUEUE_USER: find user",
// "put queue"), for people. The diagrams need a little more: which shared object a step acts
// on, so Mermaid can draw an arrow to it and the SVG can highlight the access a racing step
// conflicts with. This is the one place that reads those words back.
#pragma once

#include <string>
#include <vector>

#include "racelab/model/explore.hpp"

namespace racelab::cli {

// What a step does to shared state.
enum class Effect {
  none,   // a labelled point, a thread's start or end: no shared object
  read,   // reads a shared<T> cell
  write,  // writes a shared<T> cell
  sync,   // a mutex or queue operation (lock, unlock, put, get, close)
  thread  // starts or joins another thread; object is that thread's name
};

struct StepTarget {
  Effect effect = Effect::none;
  std::string verb;    // "read", "lock", "put", ... ("" for a plain label)
  std::string object;  // "QUEUE_USER", "QUEUE_USER_LOCK", "Thread-2 (worker)"; "" for none
  std::string detail;  // what the access did, after the colon ("find user"); may be ""
};

StepTarget classify(const model::Step& s);

// Whether the step itself already says the violation (the engine records a raised exception as
// a step "✗ KeyError: '…'"): then a renderer shows it once, not twice.
bool step_states(const model::Step& s, const model::Violation& v);

// Steps (0-based) that a flagged data-race step conflicts with: for each flagged step that
// reads or writes a cell, the last earlier step of another thread on the same cell where at
// least one of the two writes. Other flagged steps contribute nothing.
std::vector<int> conflicting_steps(const model::Execution& e);

}  // namespace racelab::cli
