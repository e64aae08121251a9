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

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <string>

#include "racelab/source_loc.hpp"

namespace racelab::model::rt {

using thread_id = int;  // 0 = MainThread; N = Thread-N, numbered in start order per execution
using object_id = int;  // numbered in creation order per execution

enum class ObjectKind {
  mutex,
  queue,
  cell,
  recursive_mutex,
  shared_mutex,
  condvar,
  atomic,
  semaphore,
  latch,
  barrier,
};

// Registers a sync object created by the running execution. Objects must be created inside
// explore()'s body or threads it started (a contract breach aborts with a message). A null name
// gets a generated one, numbered per kind in creation order: "mutex#1", "atomic#2" — or, when
// `prefix` is given, "<prefix>#N" numbered with that prefix ("once_flag#1").
object_id new_object(ObjectKind kind, const char* name, source_loc loc,
                     const char* prefix = nullptr);
// The object is being destroyed (it may not be used again in this execution).
void delete_object(object_id id) noexcept;

// Threads. spawn() names the thread "Thread-N (target)" ("Thread-N" for a null or empty target);
// the body's escaping std::exception is an Outcome::uncaught_exception (reported Python-style), and
// the thread then finishes normally.
thread_id spawn(const char* target, std::function<void()> body, source_loc loc);
void join(thread_id t, source_loc loc);
// The sync::thread of t (started at `started`) was destroyed or assigned over while joinable: not
// a scheduling point, nothing changes but the words of a later use of a destroyed object by t.
void thread_dropped(thread_id t, source_loc started) noexcept;
// Symmetry reduction: tags thread t, just started by the caller, as a member of the group `key`
// (threads that run the same code on the same arguments and that nothing else tells apart).
// Not a scheduling point; a thread joins one group, once (later calls are ignored). Only
// exploration with Options::symmetry uses it (docs/model-library.md, "Symmetry reduction").
void interchangeable(thread_id t, const char* key);
thread_id current() noexcept;
const std::string& thread_name(thread_id t);

// Mutexes: ObjectKind::mutex (not re-entrant: locking a mutex the caller holds is a
// self-deadlock), recursive_mutex (the owner's nested lock counts) and shared_mutex (also held
// shared by any number of threads while nobody holds it exclusively).
void mutex_lock(object_id m, source_loc loc);
bool mutex_try_lock(object_id m, source_loc loc);
void mutex_unlock(object_id m, source_loc loc);
void mutex_lock_shared(object_id m, source_loc loc);
bool mutex_try_lock_shared(object_id m, source_loc loc);
void mutex_unlock_shared(object_id m, source_loc loc);

// Condition variables, in the steps a wait is made of (the facade calls them in this order):
//   cv_wait(cv, m)   the thread starts waiting (it must hold m: else a "misuse" violation and
//                    false, and the facade returns at once)
//   unlock m         an ordinary step; a notify from here on wakes the thread
//   cv_wake(cv)      blocks until notified — or, while the thread's spurious wake-up budget
//                    lasts (Options::spurious_wakeups), wakes by itself; a timed wait may always
//                    time out. Says why it woke.
//   lock m           an ordinary step
// notify_all wakes every waiter; notify_one lets any one of the threads waiting at that moment
// wake (the first of them to run its wake step takes it: the scheduler explores who). No
// happens-before of its own.
enum class WakeReason { notified, spurious, timeout };
bool cv_wait(object_id cv, object_id m, source_loc loc);
WakeReason cv_wake(object_id cv, bool timed, source_loc loc);
void cv_notify(object_id cv, bool all, source_loc loc);

// Atomics. The facade keeps the value; an operation is atomic_step (the scheduling point), then
// the facade's own read and/or write of the value, then atomic_effect with what it did and the
// memory order that applies (a failed compare_exchange: reads only, the failure order). Happens-
// before follows the order (see docs/model-library.md): release→acquire synchronise, relaxed does
// not; atomic_thread_fence is fence(). Interleavings stay sequentially consistent.
// same_value: the write left the value as it was (exchange(true) over true, fetch_or of bits
// already set). Happens-before treats it as the write it is; fair scheduling as an observation,
// so that `while (f.exchange(true)) {}` is a spin, not progress (engine_fair.cpp).
// args: a compare_exchange's fingerprint of its expected and desired values (cas_args), 0 for
// other operations. A failed compare_exchange writes what it read into `expected`: the next
// attempt repeats this one only when the loop puts the same values back, so fair scheduling
// counts a retry as a spin only when its arguments repeat too.
enum class AtomicOp { load, store, rmw };
void atomic_step(object_id a, AtomicOp op, const char* what, std::memory_order mo, source_loc loc);
void atomic_effect(object_id a, bool reads, bool writes, std::memory_order mo,
                   bool same_value = false, std::uint64_t args = 0);
void fence(std::memory_order mo, source_loc loc);
// C++20's atomic wait/notify. The facade's wait(old) loops over:
//   atomic_wait(a)   a step: the wait's load (the facade reads the value, then atomic_effect);
//                    when the value is still old, atomic_park(a) in the same step joins the
//                    waiters — the compare and the sleep are one, as a futex makes them
//   atomic_sleep(a)  a step that blocks until a notify (no spurious wake-ups: they would change
//                    nothing, the loop loads again); false outside an exploration (return)
// atomic_notify: notify_one lets any one thread waiting then wake, notify_all every one; a step
// of its own, with no happens-before (the value's store and load carry it). A waiter that no
// notify wakes blocks for good: a deadlock when nobody else can run.
void atomic_wait(object_id a, std::memory_order mo, source_loc loc);
void atomic_park(object_id a);
bool atomic_sleep(object_id a, source_loc loc);
void atomic_notify(object_id a, bool all, source_loc loc);

// Counting semaphores: acquire blocks while the count is 0; release adds (release → acquire).
// A release past `max` (the type's max()) or by a negative update is a "misuse" violation.
void semaphore_init(object_id s, long long count, long long max);
void semaphore_acquire(object_id s, source_loc loc);
bool semaphore_try_acquire(object_id s, source_loc loc);
void semaphore_release(object_id s, long long update, source_loc loc);

// Latches (std::latch): count_down(n) subtracts n (a release: every count_down happens before
// a wait that returns); wait blocks until the count is 0; try_wait says whether it is (an
// observation). A count_down by a negative n or below 0 is a "misuse" violation.
void latch_init(object_id l, long long count, source_loc loc);  // count < 0: misuse
void latch_count_down(object_id l, long long n, source_loc loc);
void latch_wait(object_id l, source_loc loc);
bool latch_try_wait(object_id l, source_loc loc);

// Barriers (std::barrier), in phases numbered from 0. barrier_arrive (a step; `drop`: also one
// fewer expected from the next phase on) returns the phase it arrived in and whether it was the
// last arrival; that thread then runs the completion function and calls barrier_complete (a
// step), which ends the phase: the count starts again and the phase's waiters may return, each
// seeing every arrival of the phase and the completion. No thread arrives while a completion
// runs (its arrive waits). barrier_wait blocks until `phase` has ended. Arriving by a
// non-positive n or past the count is a "misuse" violation.
struct Arrival {
  long long phase = 0;
  bool last = false;
};
void barrier_init(object_id b, long long expected, source_loc loc);  // expected < 0: misuse
Arrival barrier_arrive(object_id b, long long n, bool drop, source_loc loc);
void barrier_complete(object_id b, source_loc loc);
void barrier_wait(object_id b, long long phase, source_loc loc);

// std::this_thread::yield(): a scheduling point that says "I am waiting for another thread" — a
// spin hint. The fair scheduler runs other threads before this one until something it read
// changes (see docs/model-library.md, "Fair scheduling and livelock").
void spin_yield(source_loc loc);

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

// A labelled scheduling point with no memory effect (not a spin hint: see spin_yield).
void yield(const char* what, source_loc loc);

// A misuse of a primitive the facade noticed (a unique_lock unlocked twice ...): a violation
// with id "misuse" at the current step, and the execution goes on.
void misuse(const std::string& message, source_loc loc);

// Fails the running execution with Outcome::assertion_failed (see model::check()).
void fail(const std::string& message);

}  // namespace racelab::model::rt
