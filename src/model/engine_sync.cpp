// The hooks of the primitives std code waits and signals with: condition variables, atomics and
// fences, counting semaphores; plus the spin hint and misuse reports. Each runs in one of the
// three modes engine_ops.cpp describes; the happens-before each carries is objects.hpp's.
#include <algorithm>
#include <string>

#include "model/engine.hpp"

namespace racelab::model::detail {

namespace {

void erase_one(std::vector<int>& v, int t) {
  auto it = std::find(v.begin(), v.end(), t);
  if (it != v.end()) v.erase(it);
}

}  // namespace

// ---- Condition variables -------------------------------------------------------------------

bool Engine::cv_wait(rt::object_id id, rt::object_id mutex_id, source_loc loc) {
  ThreadRec* me = running_;
  if (me == nullptr) return false;
  if (me->cancelling) {
    cancelled_op(*me, OpKind::wait);
    return false;
  }
  ObjectRec* cv = step_on(*me, id, rt::ObjectKind::condvar, {OpKind::wait, 0, -1, nullptr, loc});
  if (cv == nullptr) return false;
  const ObjectRec* m = find(mutex_id, rt::ObjectKind::mutex);
  if (m == nullptr || m->as<MutexState>().owner != me->id) {
    misuse(name_of(me->id) + " waits on " + cv->name() + " with " +
               (m != nullptr ? m->name() : std::string("a mutex")) +
               " unlocked: condition_variable::wait needs a unique_lock that owns its mutex",
           loc);
    return false;
  }
  cv->as<CondVarState>().waiters.push_back(me->id);
  changed(*cv);
  return true;
}

rt::WakeReason Engine::cv_wake(rt::object_id id, bool timed, source_loc loc) {
  ThreadRec* me = running_;
  if (me == nullptr) return rt::WakeReason::spurious;
  if (me->cancelling) {
    cancelled_op(*me, OpKind::wake);
    return rt::WakeReason::spurious;
  }
  ObjectRec* o = step_on(*me, id, rt::ObjectKind::condvar,
                         {OpKind::wake, timed ? kTimed : std::uint8_t{0}, -1, nullptr, loc});
  if (o == nullptr) return rt::WakeReason::spurious;
  return woke(*me, *o, timed);
}

// The wake step's effect, once the scheduler ran it: why `me` woke, and it waits no more.
rt::WakeReason Engine::woke(ThreadRec& me, ObjectRec& o, bool timed) {
  CondVarState& cv = waiters_of(o);
  rt::WakeReason why = rt::WakeReason::notified;
  erase_one(cv.waiters, me.id);
  const auto token = std::find_if(cv.tokens.begin(), cv.tokens.end(),
                                  [&](const std::vector<int>& e) { return cv.has(e, me.id); });
  if (cv.has(cv.notified, me.id)) {
    erase_one(cv.notified, me.id);
    set_value("notified");
  } else if (token != cv.tokens.end()) {
    cv.tokens.erase(token);  // this notify_one is taken: the others it could have woken wait on
    set_value("notified");
  } else {
    // Not notified: a timed wait times out; an untimed one woke spuriously (enabled() allowed it
    // only while the thread's budget lasts).
    if (timed) {
      why = rt::WakeReason::timeout;
      set_value("timeout");
    } else {
      why = rt::WakeReason::spurious;
      --me.spurious_left;
      spurious_taken_ = true;
      set_value("spurious");
    }
  }
  // It waits no more: no pending notify_one can pick it now; one that only it could take is lost.
  for (auto& eligible : cv.tokens) erase_one(eligible, me.id);
  cv.tokens.erase(std::remove_if(cv.tokens.begin(), cv.tokens.end(),
                                 [](const std::vector<int>& e) { return e.empty(); }),
                  cv.tokens.end());
  changed(o);
  return why;
}

void Engine::cv_notify(rt::object_id id, bool all, source_loc loc) {
  notify_step(id, rt::ObjectKind::condvar, all, loc);
}

// A notify step on a condition variable or an atomic (`kind`), then its effect: notify_all wakes
// every waiter; notify_one leaves a token any one of the threads waiting now may take.
void Engine::notify_step(rt::object_id id, rt::ObjectKind kind, bool all, source_loc loc) {
  ThreadRec* me = running_;
  if (me == nullptr) return;
  if (me->cancelling) {
    cancelled_op(*me, OpKind::notify);
    return;
  }
  ObjectRec* o = step_on(*me, id, kind, {OpKind::notify, 0, -1, all ? "all" : "one", loc});
  if (o == nullptr) return;
  CondVarState& cv = waiters_of(*o);
  // Those already woken (by notify_all) or sure to be (as the only candidate of a pending
  // notify_one) are not waiting for this notify any more.
  std::vector<int> waiting;
  for (int w : cv.waiters) {
    bool taken = cv.has(cv.notified, w);
    for (const auto& e : cv.tokens) taken |= e.size() == 1 && e.front() == w;
    if (!taken) waiting.push_back(w);
  }
  std::string said;
  if (waiting.empty()) {
    said = "nobody waits";
  } else if (all) {
    for (int w : waiting) {
      if (tracing_) said += (said.empty() ? "woke " : ", ") + name_of(w);
      cv.notified.push_back(w);
    }
    for (auto& eligible : cv.tokens)
      for (int w : waiting) erase_one(eligible, w);
    cv.tokens.erase(std::remove_if(cv.tokens.begin(), cv.tokens.end(),
                                   [](const std::vector<int>& e) { return e.empty(); }),
                    cv.tokens.end());
  } else if (waiting.size() == 1) {
    if (tracing_) said = "wakes " + name_of(waiting.front());
    cv.tokens.push_back(std::move(waiting));
  } else {
    if (tracing_) said = "wakes one of " + std::to_string(waiting.size()) + " waiters";
    cv.tokens.push_back(std::move(waiting));
  }
  set_value(said);
  changed(*o);
}

// ---- Atomics -------------------------------------------------------------------------------
// Interleavings stay sequentially consistent (every load reads the latest store); only the
// happens-before edges, and so the race detector, follow the memory orders:
//
//   operation          acquire side (mo acquires)            release side (mo releases)
//   load               join the atomic's release clock       —
//                      (relaxed: kept for an acquire fence)
//   store              —                                     the release clock := the thread's
//                                                            (relaxed: := its last release
//                                                            fence's clock, or nothing)
//   rmw                as load                               joined into the release clock; a
//                                                            relaxed rmw keeps it (an rmw
//                                                            continues a release sequence)
//   fence(acquire)     join what relaxed loads saw           —
//   fence(release)     —                                     later relaxed stores carry it

void Engine::atomic_step(rt::object_id id, rt::AtomicOp op, const char* what, std::memory_order mo,
                         source_loc loc) {
  ThreadRec* me = running_;
  if (me == nullptr) return;
  const OpKind kind = op == rt::AtomicOp::load    ? OpKind::load
                      : op == rt::AtomicOp::store ? OpKind::store
                                                  : OpKind::rmw;
  if (me->cancelling) {
    cancelled_op(*me, kind);
    return;
  }
  const auto order = static_cast<std::uint8_t>(static_cast<int>(mo) << kOrderShift);
  me->atomic_now.loc = loc;  // for the weak-memory note (atomic_effect)
  ObjectRec* o = step_on(*me, id, rt::ObjectKind::atomic, {kind, order, -1, what, loc});
  if (o != nullptr && kind != OpKind::rmw) check_order(*me, *o, kind, mo, what, loc);
}

// std's preconditions on a load's and a store's memory order: a load (and a wait) takes no
// release or acq_rel order, a store no consume, acquire or acq_rel. Broken, the order means
// nothing it seems to: a misuse, and the operation goes on as std's implementations run it.
void Engine::check_order(const ThreadRec& me, const ObjectRec& o, OpKind kind, std::memory_order mo,
                         const char* what, source_loc loc) {
  const bool load = kind != OpKind::store;
  const bool bad = load ? mo == std::memory_order_release || mo == std::memory_order_acq_rel
                        : mo == std::memory_order_consume || mo == std::memory_order_acquire ||
                              mo == std::memory_order_acq_rel;
  if (!bad) return;
  const std::string op = what != nullptr ? what : load ? "load" : "store";
  misuse(name_of(me.id) + " calls " + o.name() + "." + op + " with memory_order_" + order_name(mo) +
             ": std allows " +
             (load ? "relaxed, consume, acquire or seq_cst for a " + op
                   : "relaxed, release or seq_cst for a " + op) +
             " (a precondition of std; here it orders nothing, as relaxed would)",
         loc);
}

void Engine::atomic_effect(rt::object_id id, bool reads, bool writes, std::memory_order mo,
                           bool same_value, std::uint64_t args) {
  ThreadRec* me = running_;
  if (me == nullptr || me->cancelling || phase_ != Phase::running) return;
  ObjectRec* o = find(id, rt::ObjectKind::atomic);
  if (o == nullptr) return;
  AtomicState& a = o->as<AtomicState>();
  weak_access(*me, index_of(id), reads, writes, mo);
  if (reads) {
    if (a.writer >= 0 && a.writer != me->id && !(acquires(mo) && a.write_released)) {
      me->unordered_read =
          UnorderedRead{index_of(id), a.writer,      a.write_step,     static_cast<int>(step_),
                        mo,           a.write_order, a.write_released, me->atomic_now.loc};
    }
    if (acquires(mo)) {
      me->clock.join(a.release);
    } else {
      me->acquire_pending.join(a.release);
    }
  }
  if (writes) {
    a.writer = me->id;
    a.write_step = static_cast<int>(step_);
    a.write_order = mo;
    a.write_released = releases(mo) || me->fenced;
    if (releases(mo)) {
      if (reads) {
        a.release.join(me->clock);
      } else {
        a.release = me->clock;
      }
      me->clock.tick(me->id);
    } else if (reads) {
      if (me->fenced) a.release.join(me->fence_release);
    } else if (me->fenced) {
      a.release = me->fence_release;
    } else {
      a.release.clear();
    }
    // A write of the value already there changes nothing a thread can see: for fair scheduling
    // it observes (a test-and-set loop on a held flag spins), and no spinner is woken by it.
    if (!same_value) {
      changed(*o);
      return;
    }
  }
  observed(*me, index_of(id), args);
}

// C++20's atomic wait/notify. wait(old) is a loop of: a wait step on the atomic (a load; the
// facade then calls atomic_effect, and atomic_park when the value is still `old` — in the same
// step, so no store and notify can fall between the compare and the sleep, as a futex does), then
// a wake step that blocks until a notify. A waiter nobody notifies blocks for good: with no one
// left to run, a deadlock ("waits for a notify on <atomic>").
void Engine::atomic_wait(rt::object_id id, std::memory_order mo, source_loc loc) {
  ThreadRec* me = running_;
  if (me == nullptr) return;
  if (me->cancelling) {
    cancelled_op(*me, OpKind::wait);
    return;
  }
  const auto order = static_cast<std::uint8_t>(static_cast<int>(mo) << kOrderShift);
  me->atomic_now.loc = loc;  // for the weak-memory note (atomic_effect)
  ObjectRec* o = step_on(*me, id, rt::ObjectKind::atomic, {OpKind::wait, order, -1, nullptr, loc});
  if (o != nullptr) check_order(*me, *o, OpKind::wait, mo, "wait", loc);
}

void Engine::atomic_park(rt::object_id id) {
  ThreadRec* me = running_;
  if (me == nullptr || me->cancelling || phase_ != Phase::running) return;
  ObjectRec* o = find(id, rt::ObjectKind::atomic);
  if (o == nullptr) return;
  o->as<AtomicState>().waiting.waiters.push_back(me->id);
  set_value("sleeps");
  changed(*o);
}

bool Engine::atomic_wake(rt::object_id id, source_loc loc) {
  ThreadRec* me = running_;
  if (me == nullptr) return false;
  if (me->cancelling) {
    cancelled_op(*me, OpKind::wake);
    return false;
  }
  ObjectRec* o = step_on(*me, id, rt::ObjectKind::atomic, {OpKind::wake, 0, -1, nullptr, loc});
  if (o == nullptr) return false;
  (void)woke(*me, *o, false);  // enabled() let it run only when notified
  return true;
}

void Engine::atomic_notify(rt::object_id id, bool all, source_loc loc) {
  notify_step(id, rt::ObjectKind::atomic, all, loc);
}

void Engine::fence(std::memory_order mo, source_loc loc) {
  ThreadRec* me = running_;
  if (me == nullptr) return;
  const auto order = static_cast<std::uint8_t>(static_cast<int>(mo) << kOrderShift);
  if (!visible(*me, PendingOp{OpKind::fence, order, -1, nullptr, loc})) return;
  step_effect_ = StepEffect::neutral;
  weak_fence(*me, mo);
  if (acquires(mo)) me->clock.join(me->acquire_pending);
  if (releases(mo)) {
    me->fence_release = me->clock;
    me->fenced = true;
    me->clock.tick(me->id);
  }
}

// ---- Semaphores ----------------------------------------------------------------------------

void Engine::semaphore_init(rt::object_id id, long long count, long long max) {
  if (ObjectRec* o = find(id, rt::ObjectKind::semaphore)) {
    o->as<SemaphoreState>().count = count;
    o->as<SemaphoreState>().max = max;
  }
}

void Engine::semaphore_acquire(rt::object_id id, source_loc loc) {
  ThreadRec* me = running_;
  if (me == nullptr) return;
  if (me->cancelling) {
    cancelled_op(*me, OpKind::acquire);
    return;
  }
  ObjectRec* o =
      step_on(*me, id, rt::ObjectKind::semaphore, {OpKind::acquire, 0, -1, nullptr, loc});
  if (o == nullptr) return;
  SemaphoreState& s = o->as<SemaphoreState>();
  --s.count;
  me->clock.join(s.released);
  if (tracing()) set_value(std::to_string(s.count) + " left");
  changed(*o);
}

bool Engine::semaphore_try_acquire(rt::object_id id, source_loc loc) {
  ThreadRec* me = running_;
  if (me == nullptr) return true;
  if (me->cancelling) return !cancelled_op(*me, OpKind::acquire);
  ObjectRec* o =
      step_on(*me, id, rt::ObjectKind::semaphore, {OpKind::acquire, kTry, -1, nullptr, loc});
  if (o == nullptr) return false;
  SemaphoreState& s = o->as<SemaphoreState>();
  if (s.count <= 0) {
    set_value("busy");
    observed(*me, index_of(id));
    return false;
  }
  --s.count;
  me->clock.join(s.released);
  if (tracing()) set_value(std::to_string(s.count) + " left");
  changed(*o);
  return true;
}

void Engine::semaphore_release(rt::object_id id, long long update, source_loc loc) {
  ThreadRec* me = running_;
  if (me == nullptr) return;
  ObjectRec* o = nullptr;
  if (me->cancelling) {
    // Destructors may release (a scope guard): act at once, with no clocks.
    if ((o = find(id, rt::ObjectKind::semaphore)) != nullptr)
      o->as<SemaphoreState>().count += update;
    return;
  }
  o = step_on(*me, id, rt::ObjectKind::semaphore, {OpKind::release, 0, -1, nullptr, loc});
  if (o == nullptr) {
    if ((o = find(id, rt::ObjectKind::semaphore)) != nullptr)
      o->as<SemaphoreState>().count += update;
    return;
  }
  SemaphoreState& s = o->as<SemaphoreState>();
  if (update < 0 || update > s.max - s.count) {
    misuse(name_of(me->id) + " releases " + o->name() + " by " + std::to_string(update) +
               (update < 0 ? ": the update must not be negative"
                           : ", past its max() of " + std::to_string(s.max) + " (count " +
                                 std::to_string(s.count) + ")"),
           loc);
    return;
  }
  s.count += update;
  s.released.join(me->clock);
  me->clock.tick(me->id);
  if (tracing()) set_value(std::to_string(s.count) + " available");
  changed(*o);
}

// ---- Spin hints and misuse -----------------------------------------------------------------

void Engine::spin_yield(source_loc loc) {
  ThreadRec* me = running_;
  if (me == nullptr) return;
  if (!visible(*me, PendingOp{OpKind::yield, kSpin, -1, "yield", loc})) return;
  spin_hint(*me);
}

void Engine::misuse(const std::string& message, source_loc loc) {
  ThreadRec* me = running_;
  if (me == nullptr || me->cancelling || phase_ != Phase::running) return;
  add_violation(Outcome::assertion_failed, "misuse", name_of(me->id),
                message + " (" + where(loc) + ")", in_step_ ? static_cast<int>(step_) : -1);
}

}  // namespace racelab::model::detail
