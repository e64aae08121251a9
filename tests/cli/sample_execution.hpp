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
  return {"no-proxies", "1 request, 4 workers, 0 proxies", "buggy", "", 4, 0, false, ""};
}

// A step as the engine records it; file and line only where the source is known.
inline model::Step step(int thread, model::OpKind kind, std::string object, std::string detail = "",
                        std::string value = "", int line = 0) {
  model::Step s;
  s.thread = thread;
  s.kind = kind;
  s.object = std::move(object);
  s.detail = std::move(detail);
  s.value = std::move(value);
  if (line > 0) {
    s.file = "buggy/registry.cpp";
    s.line = line;
  }
  return s;
}

inline model::Step raised(int thread, std::string line) {
  model::Step s = step(thread, model::OpKind::exit, "");
  s.raised = std::move(line);
  return s;
}

// Two workers delete one key: Thread-3's lookup (step 6) races with Thread-2's erase (step 4),
// and Thread-3 raises KeyError when it ends (step 7).
inline model::Execution keyerror_execution() {
  using model::OpKind;
  model::Execution e;
  e.schedule = "0x2.1x2.2x3.3x2";
  e.preemptions = 1;
  e.trace.threads = {"MainThread", "Thread-1 (request)", "Thread-2 (worker)", "Thread-3 (worker)"};
  e.trace.steps = {
      step(0, OpKind::spawn, "Thread-1 (request)"),
      step(1, OpKind::read, "QUEUE_USER", "check user", "false", 16),
      step(2, OpKind::yield, "", "read proxy pool", "0 proxies"),
      step(2, OpKind::write, "QUEUE_USER", "erase user", "", 46),
      step(3, OpKind::yield, "", "read proxy pool", "0 proxies"),
      step(3, OpKind::read, "QUEUE_USER", "find user", "false", 44),
      raised(3, "KeyError: 'GCCDianaramirez'"),
  };
  e.trace.steps[4].preemption = true;
  e.violations = {
      {model::Outcome::uncaught_exception,
       "KeyError",
       "Thread-3 (worker)",
       "KeyError: 'GCCDianaramirez'",
       6,
       {}},
      {model::Outcome::data_race,
       "data-race",
       "Thread-3 (worker)",
       "data race on QUEUE_USER: Thread-2 erase user vs Thread-3 find user",
       5,
       {3}},
      {model::Outcome::property_violated,
       "registry-empty",
       "",
       "QUEUE_USER still holds 'GCCDianaramirez' at the end <group#1>",
       -1,
       {}},
  };
  return e;
}

inline model::Execution safe_execution() {
  model::Execution e;
  e.schedule = "0x1.1x2";
  e.trace.threads = {"MainThread", "Thread-1 (worker)"};
  e.trace.steps = {step(0, model::OpKind::spawn, "Thread-1 (worker)"),
                   step(1, model::OpKind::lock, "QUEUE_USER_LOCK", "", "", 40),
                   step(1, model::OpKind::unlock, "QUEUE_USER_LOCK", "", "", 42)};
  e.trace.steps[2].locks_held = {"QUEUE_USER_LOCK"};
  return e;
}

}  // namespace racelab::cli::testing
