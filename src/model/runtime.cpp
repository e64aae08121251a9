// racelab::model::rt — the hooks the model facade calls, forwarded to the running Engine.
//
// Outside explore()/replay()/probe() there is no engine: hooks are inspections (objects that a
// test keeps after its exploration die quietly), but creating objects, starting threads and
// failing checks are contract breaches there.
#include "racelab/model/runtime.hpp"

#include <string>

#include "model/contract.hpp"
#include "model/engine.hpp"
#include "model/foreign_thread.hpp"

namespace racelab::model::detail {
std::atomic<int> g_explorations{0};
std::atomic<std::size_t> g_foreign_ops{0};
}  // namespace racelab::model::detail

namespace racelab::model::rt {

using detail::Engine;

namespace {
// The engine running on this OS thread. None while an exploration runs elsewhere: this is an OS
// thread the model does not schedule (a std::thread behind the facade's back), counted so that
// explore() can report the body as nondeterministic (foreign_thread.hpp).
Engine* engine() noexcept {
  Engine* e = Engine::active();
  if (e == nullptr && detail::g_explorations.load(std::memory_order_relaxed) > 0) {
    detail::g_foreign_ops.fetch_add(1, std::memory_order_relaxed);
  }
  return e;
}

// Why a hook that needs an engine found none.
std::string outside(const char* what_happened) {
  return detail::g_explorations.load(std::memory_order_relaxed) > 0
             ? std::string(what_happened) +
                   " on an OS thread the model does not run (a std::thread? under the model "
                   "backend use racelab::sync::thread)"
             : std::string(what_happened) + " outside racelab::model::explore()";
}

std::string where(source_loc loc) {
  return std::string(loc.short_file()) + ":" + std::to_string(loc.line);
}
}  // namespace

object_id new_object(ObjectKind kind, const char* name, source_loc loc, const char* prefix) {
  Engine* e = engine();
  if (e == nullptr) {
    detail::contract_failure(outside(("sync object \"" + std::string(name ? name : "?") + "\" (" +
                                      where(loc) + ") created")
                                         .c_str()) +
                             ": under the model backend, create sync objects inside the explored "
                             "body");
  }
  return e->new_object(kind, name, loc, prefix);
}

void delete_object(object_id id) noexcept {
  if (Engine* e = engine()) e->delete_object(id);
}

thread_id spawn(const char* target, std::function<void()> body, source_loc loc) {
  Engine* e = engine();
  if (e == nullptr) {
    detail::contract_failure(outside(("thread \"" + std::string(target ? target : "?") + "\" (" +
                                      where(loc) + ") started")
                                         .c_str()) +
                             ": under the model backend, start threads inside the explored body");
  }
  return e->spawn(target, std::move(body), loc);
}

void join(thread_id t, source_loc loc) {
  if (Engine* e = engine()) e->join(t, loc);
}

void thread_dropped(thread_id t, source_loc started) noexcept {
  if (Engine* e = engine()) e->thread_dropped(t, started);
}

void interchangeable(thread_id t, const char* key) {
  if (Engine* e = engine()) e->interchangeable(t, key);
}

thread_id current() noexcept {
  const Engine* e = engine();
  return e != nullptr ? e->current() : 0;
}

const std::string& thread_name(thread_id t) {
  static const std::string main_thread = "MainThread";
  Engine* e = engine();
  return e != nullptr ? e->thread_name(t) : main_thread;
}

void mutex_lock(object_id m, source_loc loc) {
  if (Engine* e = engine()) e->mutex_lock(m, loc);
}

bool mutex_try_lock(object_id m, source_loc loc) {
  Engine* e = engine();
  return e != nullptr ? e->mutex_try_lock(m, loc) : true;
}

void mutex_unlock(object_id m, source_loc loc) {
  if (Engine* e = engine()) e->mutex_unlock(m, loc);
}

bool queue_put(object_id q, source_loc loc) {
  Engine* e = engine();
  return e != nullptr ? e->queue_put(q, loc) : true;
}

bool queue_get(object_id q, source_loc loc) {
  Engine* e = engine();
  return e != nullptr ? e->queue_get(q, loc) : false;
}

std::size_t queue_close(object_id q, source_loc loc) {
  Engine* e = engine();
  return e != nullptr ? e->queue_close(q, loc) : 0;
}

void cell_access(object_id c, Access a, const char* what, source_loc loc) {
  if (Engine* e = engine()) e->cell_access(c, a, what, loc);
}

bool tracing() noexcept {
  const Engine* e = engine();
  return e != nullptr && e->tracing();
}

void note_value(std::string value) {
  if (Engine* e = engine()) e->note_value(std::move(value));
}

void yield(const char* what, source_loc loc) {
  if (Engine* e = engine()) e->yield(what, loc);
}

void mutex_lock_shared(object_id m, source_loc loc) {
  if (Engine* e = engine()) e->mutex_lock_shared(m, loc);
}

bool mutex_try_lock_shared(object_id m, source_loc loc) {
  Engine* e = engine();
  return e != nullptr ? e->mutex_try_lock_shared(m, loc) : true;
}

void mutex_unlock_shared(object_id m, source_loc loc) {
  if (Engine* e = engine()) e->mutex_unlock_shared(m, loc);
}

bool cv_wait(object_id cv, object_id m, source_loc loc) {
  Engine* e = engine();
  return e != nullptr ? e->cv_wait(cv, m, loc) : false;
}

WakeReason cv_wake(object_id cv, bool timed, source_loc loc) {
  Engine* e = engine();
  return e != nullptr ? e->cv_wake(cv, timed, loc) : WakeReason::spurious;
}

void cv_notify(object_id cv, bool all, source_loc loc) {
  if (Engine* e = engine()) e->cv_notify(cv, all, loc);
}

void atomic_step(object_id a, AtomicOp op, const char* what, std::memory_order mo, source_loc loc) {
  if (Engine* e = engine()) e->atomic_step(a, op, what, mo, loc);
}

void atomic_effect(object_id a, bool reads, bool writes, std::memory_order mo, bool same_value,
                   std::uint64_t args) {
  if (Engine* e = engine()) e->atomic_effect(a, reads, writes, mo, same_value, args);
}

void fence(std::memory_order mo, source_loc loc) {
  if (Engine* e = engine()) e->fence(mo, loc);
}

void atomic_wait(object_id a, std::memory_order mo, source_loc loc) {
  if (Engine* e = engine()) e->atomic_wait(a, mo, loc);
}

void atomic_park(object_id a) {
  if (Engine* e = engine()) e->atomic_park(a);
}

bool atomic_sleep(object_id a, source_loc loc) {
  Engine* e = engine();
  return e != nullptr && e->atomic_wake(a, loc);
}

void atomic_notify(object_id a, bool all, source_loc loc) {
  if (Engine* e = engine()) e->atomic_notify(a, all, loc);
}

void semaphore_init(object_id s, long long count, long long max) {
  if (Engine* e = engine()) e->semaphore_init(s, count, max);
}

void semaphore_acquire(object_id s, source_loc loc) {
  if (Engine* e = engine()) e->semaphore_acquire(s, loc);
}

bool semaphore_try_acquire(object_id s, source_loc loc) {
  Engine* e = engine();
  return e != nullptr ? e->semaphore_try_acquire(s, loc) : true;
}

void semaphore_release(object_id s, long long update, source_loc loc) {
  if (Engine* e = engine()) e->semaphore_release(s, update, loc);
}

void latch_init(object_id l, long long count, source_loc loc) {
  if (Engine* e = engine()) e->latch_init(l, count, loc);
}

void latch_count_down(object_id l, long long n, source_loc loc) {
  if (Engine* e = engine()) e->latch_count_down(l, n, loc);
}

void latch_wait(object_id l, source_loc loc) {
  if (Engine* e = engine()) e->latch_wait(l, loc);
}

bool latch_try_wait(object_id l, source_loc loc) {
  Engine* e = engine();
  return e != nullptr ? e->latch_try_wait(l, loc) : true;
}

void barrier_init(object_id b, long long expected, source_loc loc) {
  if (Engine* e = engine()) e->barrier_init(b, expected, loc);
}

Arrival barrier_arrive(object_id b, long long n, bool drop, source_loc loc) {
  Engine* e = engine();
  return e != nullptr ? e->barrier_arrive(b, n, drop, loc) : Arrival{};
}

void barrier_complete(object_id b, source_loc loc) {
  if (Engine* e = engine()) e->barrier_complete(b, loc);
}

void barrier_wait(object_id b, long long phase, source_loc loc) {
  if (Engine* e = engine()) e->barrier_wait(b, phase, loc);
}

void spin_yield(source_loc loc) {
  if (Engine* e = engine()) e->spin_yield(loc);
}

void misuse(const std::string& message, source_loc loc) {
  if (Engine* e = engine()) e->misuse(message, loc);
}

void fail(const std::string& message) {
  Engine* e = engine();
  if (e == nullptr) {
    detail::contract_failure("racelab::model::check() failed outside an execution: " + message);
  }
  e->fail(message);
}

}  // namespace racelab::model::rt
