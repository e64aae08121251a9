// racelab/sync.hpp — the sync facade: the only concurrency vocabulary buggy/, fixed/ and
// complete/ may use.
//
// It reads like std (mutex, lock_guard, thread, a blocking queue) plus shared<T>, a cell for plain
// shared data whose every access is named, so a checker can see it. The build picks one mapping
// per target, the way loom swaps std for its own types under cfg(loom):
//
//   backend   macro                   maps to                              finds
//   real      (default)               std:: types, zero cost               outcomes on real threads
//   tsan      (default, -fsanitize)   std:: types under ThreadSanitizer    races that happen in a run
//   model     RACELAB_BACKEND_MODEL   racelab's deterministic scheduler    every reachable outcome
//   relacy    RACELAB_BACKEND_RELACY  Relacy Race Detector's rl:: types    the same, independently
//
// Every mapping lives in its own inline namespace (racelab::sync::real, ::model, ::relacy) so
// that one binary can link the same registry built against two backends.
#pragma once

#if defined(RACELAB_BACKEND_MODEL) + defined(RACELAB_BACKEND_RELACY) > 1
#error "racelab: define at most one of RACELAB_BACKEND_MODEL and RACELAB_BACKEND_RELACY"
#endif

#if defined(RACELAB_BACKEND_MODEL)
#include "racelab/sync/model.hpp"
#elif defined(RACELAB_BACKEND_RELACY)
#include "racelab/sync/relacy.hpp"
#else
#include "racelab/sync/real.hpp"
#endif

#include "racelab/sync/atomic_functions.hpp"  // std's free atomic functions, for every mapping
