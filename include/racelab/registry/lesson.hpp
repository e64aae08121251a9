// racelab/registry/lesson.hpp — all of racelab a lesson folder includes: the sync facade, its
// thread-safety annotations, and the registry's domain.
//
// buggy/, fixed/, complete/ and exercise/ include this header and nothing else of racelab's, so
// that what they are free to use is said once, here, and `diff -r` between them shows only the
// lesson. Concurrency comes from the facade alone; the rest is the seed's world, ported, and
// racelab's bookkeeping, which no checker sees:
//
//   racelab/sync.hpp                 sync::mutex, sync::lock_guard, sync::thread,
//                                    sync::blocking_queue, sync::shared — the only concurrency
//   racelab/thread_annotations.hpp   RACELAB_GUARDED_BY, RACELAB_EXCLUDES, ... (-Wthread-safety)
//   racelab/impl_namespace.hpp       RACELAB_IMPL_NAMESPACE, the namespace a folder writes in
//   racelab/registry/types.hpp       User, Task, ProxyPool, kWorkersPerUser
//   racelab/registry/digi_phone.hpp  DigiPhone (the worker reads the proxy pool through it)
//   racelab/python_errors.hpp        KeyError
//   racelab/registry/labels.hpp      whose entry or queue a step touched, for timelines
//   racelab/registry/ledger.hpp      Ledger, WorkerState: what the registry did (bookkeeping)
//   racelab/registry/worker_pool.hpp WorkerPool: the threads and queues to stop (bookkeeping)
#pragma once

#include "racelab/impl_namespace.hpp"
#include "racelab/python_errors.hpp"
#include "racelab/registry/digi_phone.hpp"
#include "racelab/registry/labels.hpp"
#include "racelab/registry/ledger.hpp"
#include "racelab/registry/types.hpp"
#include "racelab/registry/worker_pool.hpp"
#include "racelab/sync.hpp"
#include "racelab/thread_annotations.hpp"
