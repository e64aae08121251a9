// The hooks on sync objects, by kind: mutexes, queues, shared cells. Each runs in one of the
// three modes engine_ops.cpp describes (running, inspection, cancelling); a running hook's
// scheduling point is Engine::step_on, the happens-before each kind carries is objects.hpp's.
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "model/engine.hpp"

namespace racelab::model::detail {

namespace {

bool same_site(const CellAccess& x, const CellAccess& y) {
  return x.kind == y.kind && x.loc.same_place(y.loc) && std::strcmp(x.what, y.what) == 0;
}

}  // namespace

// ---- Mutexes -------------------------------------------------------------------------------
// One record kind for mutex, recursive_mutex and shared_mutex (MutexState); the kind says which
// rules apply: a recursive owner may lock again, a shared_mutex may also be held shared.

// A lock or unlock changes the mutex (a thread spinning on try_lock is woken by the unlock) but is
// not progress of its own for the fair scheduler: `for (;;) { lock; if (ready) break; unlock;
// yield(); }` polls, and must count as a spin like the same loop without the mutex.
void Engine::locked_or_unlocked(ObjectRec& m) {
  changed(m);
  if (step_effect_ == StepEffect::progress) step_effect_ = StepEffect::neutral;
}

ObjectRec* Engine::lock_step(ThreadRec& me, rt::object_id id, std::uint8_t flags, source_loc loc) {
  const rt::ObjectKind kind =
      (flags & kShared) ? rt::ObjectKind::shared_mutex : rt::ObjectKind::mutex;
  return step_on(me, id, kind, {OpKind::lock, flags, -1, nullptr, loc});
}

void Engine::mutex_lock(rt::object_id id, source_loc loc) {
  ThreadRec* me = running_;
  if (me == nullptr) return;
  if (me->cancelling) {
    cancelled_op(*me, OpKind::lock);
    return;
  }
  ObjectRec* o = lock_step(*me, id, 0, loc);
  if (o == nullptr) return;
  MutexState& m = o->as<MutexState>();
  if (o->kind == rt::ObjectKind::recursive_mutex && m.owner == me->id) {
    ++m.depth;
  } else {
    m.lock(me->id, me->clock);
  }
  locked_or_unlocked(*o);
}

bool Engine::mutex_try_lock(rt::object_id id, source_loc loc) {
  ThreadRec* me = running_;
  if (me == nullptr) return true;
  if (me->cancelling) return !cancelled_op(*me, OpKind::lock);
  ObjectRec* o = lock_step(*me, id, kTry, loc);
  if (o == nullptr) return false;
  MutexState& m = o->as<MutexState>();
  if (o->kind == rt::ObjectKind::recursive_mutex && m.owner == me->id) {
    ++m.depth;
  } else if (m.owner == me->id || m.held_shared_by(me->id)) {
    // std: undefined behaviour (glibc's try_lock says busy, another library may deadlock).
    misuse(name_of(me->id) + " calls " + o->name() + ".try_lock() while it holds " + o->name() +
               (m.owner == me->id ? "" : " shared") +
               ": undefined behaviour for a std mutex (a recursive_mutex may be locked again)",
           loc);
    set_value("busy");
    observed(*me, index_of(id));
    return false;
  } else if (m.held() || !m.readers.empty()) {  // a failed try_lock synchronises with nothing
    set_value("busy");
    observed(*me, index_of(id));
    return false;
  } else {
    m.lock(me->id, me->clock);
  }
  set_value("acquired");
  locked_or_unlocked(*o);
  return true;
}

void Engine::mutex_unlock(rt::object_id id, source_loc loc) {
  ThreadRec* me = running_;
  if (me == nullptr) return;
  if (me->cancelling) {
    if (ObjectRec* m = find(id, rt::ObjectKind::mutex);
        m != nullptr && m->as<MutexState>().owner == me->id) {
      m->as<MutexState>().owner = -1;
      m->as<MutexState>().depth = 0;
    }
    return;
  }
  ObjectRec& m = use(*me, id, rt::ObjectKind::mutex, loc);
  MutexState& mutex = m.as<MutexState>();
  if (!visible(*me, PendingOp{OpKind::unlock, 0, index_of(id), nullptr, loc})) {
    if (mutex.owner == me->id) {
      mutex.owner = -1;
      mutex.depth = 0;
    }
    return;
  }
  if (mutex.owner != me->id) {
    const std::string holder =
        mutex.owner >= 0 ? ", which " + name_of(mutex.owner) + " holds" : ", which nobody holds";
    add_violation(Outcome::assertion_failed, "unlock-not-held", name_of(me->id),
                  name_of(me->id) + " unlocks " + m.name() + holder + " (" + where(loc) + ")",
                  static_cast<int>(step_));
    return;
  }
  if (mutex.depth > 1) {
    --mutex.depth;
  } else {
    mutex.unlock(me->id, me->clock);
  }
  locked_or_unlocked(m);
}

void Engine::mutex_lock_shared(rt::object_id id, source_loc loc) {
  ThreadRec* me = running_;
  if (me == nullptr) return;
  if (me->cancelling) {
    cancelled_op(*me, OpKind::lock);
    return;
  }
  ObjectRec* o = lock_step(*me, id, kShared, loc);
  if (o == nullptr) return;
  shared_again(*me, *o, "lock_shared", loc);
  o->as<MutexState>().lock_shared(me->id, me->clock);
  locked_or_unlocked(*o);
}

// std: a thread that holds a shared_mutex shared and locks it shared again is undefined behaviour
// (a writer that waits between the two deadlocks both on many implementations). Reported as a
// misuse; the model then holds it twice, as the unlock_shared calls expect.
void Engine::shared_again(const ThreadRec& me, const ObjectRec& o, const char* call,
                          source_loc loc) {
  if (!o.as<MutexState>().held_shared_by(me.id)) return;
  misuse(name_of(me.id) + " calls " + o.name() + "." + call + "() while it already holds " +
             o.name() +
             " shared: undefined behaviour for a std::shared_mutex (a writer waiting between the "
             "two would deadlock them)",
         loc);
}

bool Engine::mutex_try_lock_shared(rt::object_id id, source_loc loc) {
  ThreadRec* me = running_;
  if (me == nullptr) return true;
  if (me->cancelling) return !cancelled_op(*me, OpKind::lock);
  ObjectRec* o = lock_step(*me, id, kShared | kTry, loc);
  if (o == nullptr) return false;
  MutexState& m = o->as<MutexState>();
  if (m.held()) {
    set_value("busy");
    observed(*me, index_of(id));
    return false;
  }
  shared_again(*me, *o, "try_lock_shared", loc);
  m.lock_shared(me->id, me->clock);
  set_value("acquired");
  locked_or_unlocked(*o);
  return true;
}

void Engine::mutex_unlock_shared(rt::object_id id, source_loc loc) {
  ThreadRec* me = running_;
  if (me == nullptr) return;
  ObjectRec* o = find(id, rt::ObjectKind::shared_mutex);
  if (me->cancelling) {
    if (o != nullptr) {
      VectorClock scratch;
      if (o->as<MutexState>().held_shared_by(me->id))
        o->as<MutexState>().unlock_shared(me->id, scratch);
    }
    return;
  }
  ObjectRec& m = use(*me, id, rt::ObjectKind::shared_mutex, loc);
  MutexState& mutex = m.as<MutexState>();
  if (!visible(*me, PendingOp{OpKind::unlock, kShared, index_of(id), nullptr, loc})) {
    VectorClock scratch;
    if (mutex.held_shared_by(me->id)) mutex.unlock_shared(me->id, scratch);
    return;
  }
  if (!mutex.held_shared_by(me->id)) {
    add_violation(Outcome::assertion_failed, "unlock-not-held", name_of(me->id),
                  name_of(me->id) + " calls unlock_shared on " + m.name() +
                      ", which it does not hold shared (" + where(loc) + ")",
                  static_cast<int>(step_));
    return;
  }
  mutex.unlock_shared(me->id, me->clock);
  locked_or_unlocked(m);
}

// ---- Queues --------------------------------------------------------------------------------
// Inspections and cancelled threads act on the queue at once, with no clocks: the EndCheck and
// destructors after the end may still put, get and close.

bool Engine::queue_put(rt::object_id id, source_loc loc) {
  ThreadRec* me = running_;
  if (me == nullptr || me->cancelling) {
    if (me != nullptr) cancelled_op(*me, OpKind::put);
    ObjectRec* q = find(id, rt::ObjectKind::queue);
    if (q == nullptr) return true;
    QueueState& queue = q->as<QueueState>();
    if (queue.closed) return false;
    queue.items.emplace_back();
    return true;
  }
  ObjectRec* q = step_on(*me, id, rt::ObjectKind::queue, {OpKind::put, false, -1, nullptr, loc});
  if (q == nullptr) return false;
  QueueState& queue = q->as<QueueState>();
  if (queue.closed) {
    set_value("closed");
    return false;
  }
  queue.put(me->id, me->clock);
  changed(*q);
  return true;
}

bool Engine::queue_get(rt::object_id id, source_loc loc) {
  ThreadRec* me = running_;
  if (me == nullptr || me->cancelling) {
    if (me != nullptr) cancelled_op(*me, OpKind::get);
    ObjectRec* q = find(id, rt::ObjectKind::queue);
    if (q == nullptr || q->as<QueueState>().count() == 0) return false;
    ++q->as<QueueState>().head;
    return true;
  }
  ObjectRec* q = step_on(*me, id, rt::ObjectKind::queue, {OpKind::get, false, -1, nullptr, loc});
  if (q == nullptr) return false;
  const bool took = q->as<QueueState>().get(me->clock);
  changed(*q);
  if (!took) set_value("closed");
  return took;
}

std::size_t Engine::queue_close(rt::object_id id, source_loc loc) {
  ThreadRec* me = running_;
  ObjectRec* q = nullptr;
  if (me == nullptr || me->cancelling) {
    q = find(id, rt::ObjectKind::queue);
    if (q == nullptr) return 0;
  } else {
    q = &use(*me, id, rt::ObjectKind::queue, loc);
    if (visible(*me, PendingOp{OpKind::close, 0, index_of(id), nullptr, loc})) {
      q->as<QueueState>().closed_clock.join(me->clock);  // close → a get that finds it closed
      me->clock.tick(me->id);
    }
  }
  const std::size_t left = q->as<QueueState>().close();
  if (me != nullptr && !me->cancelling) changed(*q);
  if (me != nullptr && !me->cancelling && tracing()) set_value(std::to_string(left) + " left");
  return left;
}

// ---- Cells ---------------------------------------------------------------------------------

void Engine::cell_access(rt::object_id id, rt::Access a, const char* what, source_loc loc) {
  ThreadRec* me = running_;
  if (me == nullptr) return;
  const OpKind kind = a == rt::Access::read ? OpKind::read : OpKind::write;
  if (me->cancelling) {
    cancelled_op(*me, kind);
    return;
  }
  ObjectRec* c = step_on(*me, id, rt::ObjectKind::cell, {kind, false, -1, what, loc});
  if (c == nullptr) return;
  // The locks this thread holds now: a race message names them for each side.
  std::uint64_t locks = 0;
  for (int i = 0; i < nobjects_ && i < 64; ++i) {
    const ObjectRec& o = object_at(i);
    if (o.kind != rt::ObjectKind::mutex && o.kind != rt::ObjectKind::recursive_mutex &&
        o.kind != rt::ObjectKind::shared_mutex)
      continue;
    const MutexState& m = o.as<MutexState>();
    if (m.owner == me->id || m.held_shared_by(me->id)) locks |= std::uint64_t{1} << i;
  }
  const CellAccess now{me->id, me->clock[me->id],       a,    what != nullptr ? what : "",
                       loc,    static_cast<int>(step_), locks};
  races_.clear();
  c->as<CellState>().history.access(now, me->clock, races_);
  if (a == rt::Access::read) {
    observed(*me, index_of(id));
  } else {
    changed(*c);
  }
  for (const CellAccess& earlier : races_) report_race(*c, index_of(id), earlier, now);
}

void Engine::report_race(const ObjectRec& cell, int cell_index, const CellAccess& earlier,
                         const CellAccess& now) {
  for (const ReportedRace& r : reported_races_) {
    if (r.cell != cell_index) continue;
    if ((same_site(r.a, earlier) && same_site(r.b, now)) ||
        (same_site(r.a, now) && same_site(r.b, earlier))) {
      return;
    }
  }
  reported_races_.push_back(ReportedRace{cell_index, earlier, now});
  // The message is built in one buffer (a race is reported in most runs of a racy program, and
  // chains of operator+ cost a temporary each).
  std::string message;
  message.reserve(256);
  const auto side = [&](const CellAccess& x) {
    const bool read = x.kind == rt::Access::read;
    message += name_of(x.thread);
    message += read ? " read" : " write";
    // A var's accesses are labelled "read" and "write" themselves: no need to say it twice.
    if (x.what != nullptr && std::strcmp(x.what, read ? "read" : "write") != 0) {
      message += " \"";
      message += x.what;
      message += '"';
    }
    message += " (";
    if (x.loc.line == 0) {  // only a var's implicit read (x + 1) and its ++/-- have no line
      message += "no source line: an implicit read or ++/-- of a var; get() and set() name it";
    } else {
      message += x.loc.short_file();
      message += ':';
      message += std::to_string(x.loc.line);
    }
    message += ')';
  };
  // "the write held QUEUE_USER_LOCK; the read held none": which locks each side held, so a
  // reader sees at once the side that forgot its lock (or that they took different ones).
  const auto held = [&](const CellAccess& x) {
    bool any = false;
    for (int i = 0; i < 64 && i < nobjects_; ++i) {
      if (((x.locks >> i) & 1U) == 0) continue;
      if (any) message += ", ";
      message += object_at(i).name();
      any = true;
    }
    if (!any) message += "none";
  };
  const auto who = [&](const CellAccess& x) {
    const char* kind = x.kind == rt::Access::read ? "read" : "write";
    if (x.kind != (&x == &now ? earlier.kind : now.kind)) {
      message += "the ";
    } else {
      message += name_of(x.thread);  // two reads never race: two writes, or same kinds
      message += "'s ";
    }
    message += kind;
  };
  message += "data race on ";
  message += cell.name();
  message += ": ";
  side(now);
  message += " vs ";
  side(earlier);
  message += ", not ordered by any lock, join or queue; ";
  who(now);
  message += " held ";
  held(now);
  message += "; ";
  who(earlier);
  message += " held ";
  held(earlier);
  unordered_read_hint(message, earlier, now);
  add_violation(Outcome::data_race, "data-race", name_of(now.thread), std::move(message), now.step,
                earlier.step >= 0 ? std::vector<int>{earlier.step} : std::vector<int>{});
}

// "; ready did not order them: Thread-2 (consumer)'s read of it (t.cpp:12, relaxed) took the
// value Thread-1 (producer) wrote (release) after its write — a read orders what follows it only
// if it acquires". Said when the later side's thread last read an atomic value that the earlier
// side's thread wrote after its access, and that read-from made no happens-before: it names the
// atomic a reader takes for the ordering, and which side's order does not give it.
void Engine::unordered_read_hint(std::string& message, const CellAccess& earlier,
                                 const CellAccess& now) {
  const UnorderedRead& u = thread_at(now.thread).unordered_read;
  if (u.object < 0 || u.writer != earlier.thread || u.write_step <= earlier.step ||
      u.read_step >= now.step)
    return;
  const bool acquired = acquires(u.read_order);
  message += "; ";
  message += object_at(u.object).name();
  message += " did not order them: ";
  message += name_of(now.thread);
  message += "'s read of it (";
  message += u.loc.short_file();
  message += ':';
  message += std::to_string(u.loc.line);
  message += ", ";
  message += order_name(u.read_order);
  message += ") took the value ";
  message += name_of(earlier.thread);
  message += " wrote (";
  message += order_name(u.write_order);
  message += ") after its ";
  message += earlier.kind == rt::Access::read ? "read" : "write";
  message += u.write_released ? " — a read orders what follows it only if it acquires"
             : acquired       ? " — a write orders what precedes it only if it releases"
                              : " — a write orders what precedes it only if it releases, a read"
                                " what follows it only if it acquires";
}

}  // namespace racelab::model::detail
