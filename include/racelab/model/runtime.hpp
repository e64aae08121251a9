// racelab/model/runtime.hpp — the hooks the model facade (racelab/sync/model.hpp) calls.
//
// Internal: code under test uses racelab/sync.hpp; tests use racelab/model/explore.hpp. Each hook
// is one visible operation: the calling fiber first yields to the scheduler (a scheduling point),
// then the operation happens atomically with respect to other fibers, with its happens-before
// effect on vector clocks. Hooks called outside a running execution (for example from an
// EndCheck) act at once, with no scheduling point and no race check ("inspection"); so do the
// hooks of a thread being unwound at the end of an execution. Unwinding throws, from the hook a
// thread waits in, an exception that is not a std::exception; mutex_unlock, queue_close and
// join never throw it (destructors call them), join first unwinds the thread it waits for.
#pragma once

#include <cstddef>
#include <exception>
#include <functional>
#include <string>

#include "racelab/source_loc.hpp"

namespace racelab::model::rt {

using thread_id = int;  // 0 = MainThread; N = Thread-N, numbered in start order per execution
using object_id = int;  // numbered in creation order per execution

enum class ObjectKind { mutex, queue, cell };

// Registers a sync object created by the running execution. Objects must be created inside
// explore()'s body or threads it started (a contract breach aborts with a message).
object_id new_object(ObjectKind kind, const char* name, source_loc loc);
// The object is being destroyed (it may not be used again in this execution).
void delete_object(object_id id) noexcept;

// Threads. spawn() names the thread "Thread-N (target)"; the body's escaping std::exception is an
// Outcome::uncaught_exception (reported Python-style), and the thread then finishes normally.
thread_id spawn(const char* target, std::function<void()> body, source_loc loc);
void join(thread_id t, source_loc loc);
thread_id current() noexcept;
const std::string& thread_name(thread_id t);

// Mutexes (not re-entrant: locking a mutex the caller holds is a self-deadlock).
void mutex_lock(object_id m, source_loc loc);
bool mutex_try_lock(object_id m, source_loc loc);
void mutex_unlock(object_id m, source_loc loc);

// Queues. The facade keeps the items in FIFO order; the runtime keeps their count, the closed
// flag and the clock each put carries (a get acquires its own item's put, nothing more).
// put: false when closed. get: blocks while empty and open — an *idle* wait, which at the end of
// a run means "idle worker", not deadlock; true when an item is taken, false when closed and empty.
// close: returns how many items were left (the facade hands them back).
bool queue_put(object_id q, source_loc loc);
bool queue_get(object_id q, source_loc loc);
std::size_t queue_close(object_id q, source_loc loc);

// Plain shared data: a read or a write of the whole cell, named `what` ("find", "erase").
enum class Access { read, write };
void cell_access(object_id c, Access a, const char* what, source_loc loc);
// Attaches what the calling thread's last step read or returned ("present", "0 proxies").
// Cheap to call; kept only while a trace is recorded.
bool tracing() noexcept;
void note_value(std::string value);

// A labelled scheduling point with no memory effect.
void yield(const char* what, source_loc loc);

// Fails the running execution with Outcome::assertion_failed (see model::check()).
void fail(const std::string& message);

}  // namespace racelab::model::rt
