// racelab/sync/model.hpp — the facade mapped to racelab's deterministic scheduler.
//
// Same API as racelab/sync/real.hpp: std's names and signatures (mutex, recursive_mutex,
// shared_mutex, condition_variable, atomic<T>, atomic_flag, atomic_thread_fence,
// counting_semaphore, latch, barrier, once_flag/call_once, thread, this_thread) plus racelab's
// blocking_queue<T>, shared<T>, var<T> and check(). Every operation is a scheduling point and a
// happens-before event (see racelab/model/runtime.hpp); one header per family under
// racelab/sync/model/.
// Include racelab/sync.hpp with RACELAB_BACKEND_MODEL defined, not this file. Threads blocked in
// blocking_queue::get() when a run ends are idle workers; the scheduler unwinds them with an
// exception that is not a std::exception — code under test must not swallow it with catch (...).
#pragma once

#include "racelab/model/runtime.hpp"
#include "racelab/source_loc.hpp"
#include "racelab/sync/locks.hpp"
#include "racelab/sync/model/atomic.hpp"
#include "racelab/sync/model/condition_variable.hpp"
#include "racelab/sync/model/data.hpp"
#include "racelab/sync/model/latch.hpp"
#include "racelab/sync/model/mutex.hpp"
#include "racelab/sync/model/semaphore.hpp"
#include "racelab/sync/model/thread.hpp"
#include "racelab/sync/model/value_text.hpp"

#define RACELAB_BACKEND_NAME model

namespace racelab::sync::inline model {

// As in the real mapping. Here numbering already starts at Thread-1 in every execution.
inline void reset_thread_numbering() noexcept {}

// The lock holders are the same templates in every mapping (racelab/sync/locks.hpp).
using common::lock_guard;
using common::scoped_lock;
using common::shared_lock;
using common::unique_lock;
using recursive_lock_guard = lock_guard<recursive_mutex>;

// scoped_lock takes the model's mutexes in creation order (racelab/sync/locks.hpp): deadlock-free,
// and no back-off rounds to explore.
inline long racelab_lock_rank(const mutex& m) noexcept { return m.model_id(); }
inline long racelab_lock_rank(const recursive_mutex& m) noexcept { return m.model_id(); }
inline long racelab_lock_rank(const shared_mutex& m) noexcept { return m.model_id(); }

// scoped_lock's hint after a round that backed off: a spin, so the fair scheduler lets the
// holder run (racelab/sync/locks.hpp).
template <class Mutex>
void racelab_backoff_hint(Mutex&, source_loc loc) {
  this_thread::yield(loc);
}

}  // namespace racelab::sync::inline model
