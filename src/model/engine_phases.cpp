// Latches and barriers (std::latch, std::barrier): waits that end when a count reaches 0.
//
// A latch counts down once. count_down(n) is a release (its clock joins the latch's); wait
// blocks until the count is 0 and acquires every count_down; try_wait observes (a loop over it
// is a spin to the fair scheduler). Waits only look at the count, so two of them commute
// (op_desc describes them as loads): n waiters released together are one trace, not n!.
//
// A barrier counts down once per phase. arrive is a release that returns the phase it arrived in;
// the last arrival of a phase (remaining reaches 0) marks the barrier completing, acquires every
// arrival of the phase, and its thread runs the completion function in the facade, then
// barrier_complete — its own step, so that the step that ends the phase is one DPOR sees on the
// barrier — starts the next phase (remaining = expected, less the arrive_and_drop calls) and keeps
// the phase's clock (every arrival and the completion) for its waiters. While a completion runs,
// arrivals wait: std's phase completion step ends the phase before anyone can arrive in the next
// one. A wait for phase p returns once phase p ended, with that phase's clock.
#include <string>

#include "model/engine.hpp"

namespace racelab::model::detail {

bool Engine::phase_ended(const ThreadRec& t) const noexcept {
  const ObjectRec& o = object_at(t.pending.object);
  if (o.kind == rt::ObjectKind::latch) return o.as<LatchState>().count == 0;
  return o.as<BarrierState>().phase > t.awaited_phase;
}

// ---- Latches -------------------------------------------------------------------------------

void Engine::latch_init(rt::object_id id, long long count, source_loc loc) {
  ObjectRec* o = find(id, rt::ObjectKind::latch);
  if (o == nullptr) return;
  if (count < 0 && running_ != nullptr) {  // std: expected >= 0
    misuse(name_of(running_->id) + " makes " + o->name() + " with a count of " +
               std::to_string(count) + ": it must not be negative",
           loc);
    count = 0;  // and no deadlock after it
  }
  o->as<LatchState>().count = count;
}

void Engine::latch_count_down(rt::object_id id, long long n, source_loc loc) {
  ThreadRec* me = running_;
  if (me == nullptr) return;
  ObjectRec* o = nullptr;
  if (me->cancelling) {  // a destructor's count_down: at once, no clocks
    if ((o = find(id, rt::ObjectKind::latch)) != nullptr) o->as<LatchState>().count -= n;
    return;
  }
  o = step_on(*me, id, rt::ObjectKind::latch, {OpKind::release, kPhaseEnd, -1, "count_down", loc});
  if (o == nullptr) return;
  LatchState& l = o->as<LatchState>();
  if (n < 0 || n > l.count) {
    misuse(name_of(me->id) + " counts " + o->name() + " down by " + std::to_string(n) +
               (n < 0 ? ": n must not be negative"
                      : ", below 0 (its count is " + std::to_string(l.count) + ")"),
           loc);
    return;
  }
  l.count -= n;
  l.released.join(me->clock);
  me->clock.tick(me->id);
  if (tracing()) set_value(std::to_string(l.count) + " left");
  changed(*o);
}

void Engine::latch_wait(rt::object_id id, source_loc loc) {
  ThreadRec* me = running_;
  if (me == nullptr) return;
  if (me->cancelling) {
    cancelled_op(*me, OpKind::acquire);
    return;
  }
  ObjectRec* o =
      step_on(*me, id, rt::ObjectKind::latch, {OpKind::acquire, kPhase, -1, "wait", loc});
  if (o == nullptr) return;
  me->clock.join(o->as<LatchState>().released);
  step_effect_ = StepEffect::neutral;  // it waited for others; it changed nothing
}

bool Engine::latch_try_wait(rt::object_id id, source_loc loc) {
  ThreadRec* me = running_;
  if (me == nullptr) return true;
  if (me->cancelling) return !cancelled_op(*me, OpKind::acquire);
  ObjectRec* o = step_on(*me, id, rt::ObjectKind::latch,
                         {OpKind::acquire, kPhase | kTry, -1, "try_wait", loc});
  if (o == nullptr) return false;
  const LatchState& l = o->as<LatchState>();
  observed(*me, index_of(id));
  if (l.count != 0) {
    if (tracing()) set_value(std::to_string(l.count) + " left");
    return false;
  }
  me->clock.join(l.released);
  if (tracing()) set_value("0 left");
  return true;
}

// ---- Barriers ------------------------------------------------------------------------------

void Engine::barrier_init(rt::object_id id, long long expected, source_loc loc) {
  ObjectRec* o = find(id, rt::ObjectKind::barrier);
  if (o == nullptr) return;
  if (expected < 0 && running_ != nullptr) {  // std: expected >= 0
    misuse(name_of(running_->id) + " makes " + o->name() + " expecting " +
               std::to_string(expected) + " arrivals: the count must not be negative",
           loc);
    expected = 0;
  }
  BarrierState& b = o->as<BarrierState>();
  b.expected = expected;
  b.remaining = expected;
}

rt::Arrival Engine::barrier_arrive(rt::object_id id, long long n, bool drop, source_loc loc) {
  ThreadRec* me = running_;
  if (me == nullptr) return {};
  if (me->cancelling) {
    cancelled_op(*me, OpKind::release);
    return {};
  }
  ObjectRec* o = step_on(*me, id, rt::ObjectKind::barrier,
                         {OpKind::release, kPhase, -1, drop ? "arrive_and_drop" : "arrive", loc});
  if (o == nullptr) return {};
  BarrierState& b = o->as<BarrierState>();
  if (n <= 0 || n > b.remaining) {
    misuse(name_of(me->id) + " arrives at " + o->name() + " with " + std::to_string(n) +
               (n <= 0 ? ": the update must be positive"
                       : ", past the " + std::to_string(b.remaining) + " arrivals its phase " +
                             std::to_string(b.phase) + " still expects"),
           loc);
    // A phase already over: a wait on this arrival returns, and no deadlock follows the misuse.
    return {b.phase - 1, false};
  }
  b.remaining -= n;
  if (drop) --b.expected;
  b.arrived.join(me->clock);
  b.completing = b.remaining == 0;
  // The completion function runs after every arrival of the phase (std: they happen before it).
  if (b.completing) {
    me->clock.join(b.arrived);
    ++me->in_completion;  // until barrier_complete: the function is noexcept (cancelled_op)
  }
  me->clock.tick(me->id);
  if (tracing()) {
    set_value("phase " + std::to_string(b.phase) + ", " +
              (b.completing ? "the last" : std::to_string(b.remaining) + " to come"));
  }
  changed(*o);
  return {b.phase, b.completing};
}

void Engine::barrier_complete(rt::object_id id, source_loc loc) {
  ThreadRec* me = running_;
  if (me == nullptr) return;
  ObjectRec* o = nullptr;
  if (!me->cancelling) {
    o = step_on(*me, id, rt::ObjectKind::barrier,
                {OpKind::release, kPhaseEnd, -1, "complete", loc});
  }
  if (o == nullptr && (o = find(id, rt::ObjectKind::barrier)) == nullptr) return;
  BarrierState& b = o->as<BarrierState>();
  if (me->in_completion > 0) --me->in_completion;
  if (!b.completing) return;
  if (!me->cancelling) {
    b.arrived.join(me->clock);
    me->clock.tick(me->id);
  }
  b.ended.push_back(b.arrived);
  b.arrived.clear();
  if (tracing() && !me->cancelling) set_value("phase " + std::to_string(b.phase) + " ends");
  ++b.phase;
  b.remaining = b.expected;
  b.completing = false;
  changed(*o);
}

void Engine::barrier_wait(rt::object_id id, long long phase, source_loc loc) {
  ThreadRec* me = running_;
  if (me == nullptr) return;
  if (me->cancelling) {
    cancelled_op(*me, OpKind::acquire);
    return;
  }
  me->awaited_phase = phase;
  ObjectRec* o =
      step_on(*me, id, rt::ObjectKind::barrier, {OpKind::acquire, kPhase, -1, "wait", loc});
  if (o == nullptr) return;
  const BarrierState& b = o->as<BarrierState>();
  if (phase >= 0 && static_cast<std::size_t>(phase) < b.ended.size())
    me->clock.join(b.ended[static_cast<std::size_t>(phase)]);
  if (tracing()) set_value("phase " + std::to_string(phase) + " ended");
  step_effect_ = StepEffect::neutral;
}

}  // namespace racelab::model::detail
