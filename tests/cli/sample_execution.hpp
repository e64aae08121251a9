// tests/cli/sample_execution.hpp — hand-made executions for the renderer tests.
//
// Shaped like what the engine records for no-proxies on the buggy registry, so the renderers
// are tested without running the engine: a request starts a worker group, workers find no
// proxies and delete the user's entry; the second worker to get there raises KeyError.
#pragma once

#include "racelab/model/explore.hpp"
#include "render.hpp"

namespace racelab::cli::testing {

inline Subject sample_subject() {
  return {"no-proxies", "1 request, 4 workers, 0 proxies", "buggy"};
}

inline model::Step step(int thread, std::string op, std::string value = "", int line = 0,
                        bool flagged = false) {
  return {thread, std::move(op), std::move(value), line > 0 ? "buggy/registry.cpp" : "",
          line,   flagged};
}

// Two workers delete one key; Thread-3 raises KeyError at step 7 and races with step 4.
inline model::Execution keyerror_execution() {
  model::Execution e;
  e.schedule = "0x2.1x2.2x3.3x2";
  e.preemptions = 1;
  e.trace.threads = {"MainThread", "Thread-1 (request)", "Thread-2 (worker)", "Thread-3 (worker)"};
  e.trace.steps = {
      step(0, "start Thread-1 (request)", "", 0),
      step(1, "read QUEUE_USER: check user", "false", 16),
      step(2, "read proxy pool", "0 proxies", 0),
      step(2, "write QUEUE_USER: erase user", "", 46),
      step(3, "read proxy pool", "0 proxies", 0),
      step(3, "read QUEUE_USER: find user", "false", 44),
      step(3, "read QUEUE_USER: find user", "false", 44, true),
  };
  e.violations = {
      {model::Outcome::uncaught_exception, "KeyError", "Thread-3 (worker)",
       "KeyError: 'GCCDianaramirez'", 6},
      {model::Outcome::data_race, "data-race", "Thread-3 (worker)",
       "data race on QUEUE_USER: Thread-2 erase user vs Thread-3 find user", 6},
      {model::Outcome::property_violated, "registry-empty", "",
       "QUEUE_USER still holds 'GCCDianaramirez' at the end <group#1>", -1},
  };
  return e;
}

inline model::Execution safe_execution() {
  model::Execution e;
  e.schedule = "0x1.1x2";
  e.trace.threads = {"MainThread", "Thread-1 (worker)"};
  e.trace.steps = {step(0, "start Thread-1 (worker)"), step(1, "lock QUEUE_USER_LOCK", "", 40),
                   step(1, "unlock QUEUE_USER_LOCK", "", 42)};
  return e;
}

}  // namespace racelab::cli::testing
