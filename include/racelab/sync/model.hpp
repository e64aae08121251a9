// racelab/sync/model.hpp — the facade mapped to racelab's deterministic scheduler.
//
// Same API as racelab/sync/real.hpp: std's names and signatures (mutex, recursive_mutex,
// shared_mutex, condition_variable, atomic<T>, atomic_thread_fence, counting_semaphore,
// once_flag/call_once, thread, this_thread) plus racelab's blocking_queue<T>, shared<T>, var<T> and
// check(). Every operation is a scheduling point and a happens-before event (see
// racelab/model/runtime.hpp); one header per family under racelab/sync/model/. Include
// racelab/sync.hpp with RACELAB_BACKEND_MODEL defined, not this file. Threads blocked in
// blocking_queue::get() when a run ends are idle workers; the scheduler unwinds them with an
// exception that is not a std::exception — code under test must not swallow it with catch (...).
#pragma once

#include "racelab/model/runtime.hpp"
#include "racelab/source_loc.hpp"
#include "racelab/sync/lock_guard.hpp"
#include "racelab/sync/model/atomic.hpp"
#include "racelab/sync/model/condition_variable.hpp"
#include "racelab/sync/model/data.hpp"
#include "racelab/sync/model/mutex.hpp"
#include "racelab/sync/model/semaphore.hpp"
#include "racelab/sync/model/thread.hpp"
#include "racelab/sync/model/value_text.hpp"

#define RACELAB_BACKEND_NAME model

namespace racelab::sync::inline model {

// As in the real mapping. Here numbering already starts at Thread-1 in every execution.
inline void reset_thread_numbering() noexcept {}

using lock_guard = common::basic_lock_guard<mutex>;
using recursive_lock_guard = common::basic_lock_guard<recursive_mutex>;

}  // namespace racelab::sync::inline model
