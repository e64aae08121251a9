// The hooks on sync objects, by kind: mutexes, queues, shared cells. Each runs in one of the
// three modes engine_ops.cpp describes (running, inspection, cancelling); a running hook's
// scheduling point is Engine::step_on, the happens-before each kind carries is objects.hpp's.
#include <cstring>
#include <string>

#include "model/engine.hpp"

namespace racelab::model::detail {

namespace {

bool same_site(const CellAccess& x, const CellAccess& y) {
  return x.kind == y.kind && x.loc.line == y.loc.line && std::strcmp(x.what, y.what) == 0 &&
         std::strcmp(x.loc.file, y.loc.file) == 0;
}

}  // namespace

// ---- Mutexes -------------------------------------------------------------------------------

void Engine::mutex_lock(rt::object_id id, source_loc loc) {
  ThreadRec* me = running_;
  if (me == nullptr) return;
  if (me->cancelling) {
    cancelled_op(*me, OpKind::lock);
    return;
  }
  if (ObjectRec* m =
          step_on(*me, id, rt::ObjectKind::mutex, {OpKind::lock, false, -1, nullptr, loc}))
    m->as<MutexState>().lock(me->id, me->clock);
}

bool Engine::mutex_try_lock(rt::object_id id, source_loc loc) {
  ThreadRec* me = running_;
  if (me == nullptr) return true;
  if (me->cancelling) return !cancelled_op(*me, OpKind::lock);
  ObjectRec* m = step_on(*me, id, rt::ObjectKind::mutex, {OpKind::lock, true, -1, nullptr, loc});
  if (m == nullptr) return false;
  MutexState& mutex = m->as<MutexState>();
  if (mutex.held()) {  // a failed try_lock synchronises with nothing
    set_value("busy");
    return false;
  }
  mutex.lock(me->id, me->clock);
  set_value("acquired");
  return true;
}

void Engine::mutex_unlock(rt::object_id id, source_loc loc) {
  ThreadRec* me = running_;
  if (me == nullptr) return;
  if (me->cancelling) {
    if (ObjectRec* m = find(id, rt::ObjectKind::mutex);
        m != nullptr && m->as<MutexState>().owner == me->id) {
      m->as<MutexState>().owner = -1;
    }
    return;
  }
  ObjectRec& m = use(*me, id, rt::ObjectKind::mutex, loc);
  MutexState& mutex = m.as<MutexState>();
  if (!visible(*me, PendingOp{OpKind::unlock, false, index_of(id), nullptr, loc})) {
    if (mutex.owner == me->id) mutex.owner = -1;
    return;
  }
  if (mutex.owner != me->id) {
    add_violation(
        Outcome::assertion_failed, "unlock-not-held", name_of(me->id),
        name_of(me->id) + " unlocks " + m.name + ", which it does not hold (" + where(loc) + ")",
        static_cast<int>(step_));
    return;
  }
  mutex.unlock(me->id, me->clock);
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
  if (q->as<QueueState>().get(me->clock)) return true;
  set_value("closed");
  return false;
}

std::size_t Engine::queue_close(rt::object_id id, source_loc loc) {
  ThreadRec* me = running_;
  ObjectRec* q = nullptr;
  if (me == nullptr || me->cancelling) {
    q = find(id, rt::ObjectKind::queue);
    if (q == nullptr) return 0;
  } else {
    q = &use(*me, id, rt::ObjectKind::queue, loc);
    if (visible(*me, PendingOp{OpKind::close, false, index_of(id), nullptr, loc})) {
      q->as<QueueState>().closed_clock.join(me->clock);  // close → a get that finds it closed
      me->clock.tick(me->id);
    }
  }
  const std::size_t left = q->as<QueueState>().close();
  if (me != nullptr && !me->cancelling) set_value(std::to_string(left) + " left");
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
  const CellAccess now{me->id, me->clock[me->id],      a, what != nullptr ? what : "",
                       loc,    static_cast<int>(step_)};
  races_.clear();
  c->as<CellState>().history.access(now, me->clock, races_);
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
  auto side = [&](const CellAccess& x) {
    return name_of(x.thread) + (x.kind == rt::Access::read ? " read \"" : " write \"") + x.what +
           "\" (" + where(x.loc) + ")";
  };
  add_violation(Outcome::data_race, "data-race", name_of(now.thread),
                "data race on " + cell.name + ": " + side(now) + " vs " + side(earlier) +
                    ", not ordered by any lock, join or queue",
                now.step, earlier.step >= 0 ? std::vector<int>{earlier.step} : std::vector<int>{});
}

}  // namespace racelab::model::detail
