// Symmetry reduction: the turn order of interchangeable threads.
//
// A program may tag the threads it starts as interchangeable (sync::thread::interchangeable(key),
// rt::interchangeable): the members of one key run the same code on the same arguments, and
// nothing else in the program tells them apart (their ids and names steer nothing; whoever
// started them treats them alike, e.g. joins them all at the end). Executions that differ only by
// renaming such threads are then the same execution up to names; one of them is enough.
//
// Twins. Two members are twins at a state when they took the same steps so far: the same
// operations on the same objects, each object at the same version (ObjectRec::version, bumped by
// every change) when they did. The code is the same and deterministic, and what a step returns
// is a function of its object's state, so twins are in the same state, about to do the same
// operation: swapping their names changes nothing. (Unstarted members are twins: a new thread
// runs up to its first operation inside the step that started it.) A step that ties a thread to
// another one — spawn (its child), join, a condition-variable wait or wake (who is notified, the
// spurious wake-up budget) — makes it distinct for good.
//
// The rule. When a member *arrives* at a state (it was started, or it took a step) where the
// member tagged just before it is its twin and about to do the same operation, and that operation
// acts on an object (anything but a yield, a fence or its exit), it waits (ThreadRec::sym_wait:
// offered to the strategy as not enabled) until that member has taken its step. So twins take
// their turns at each step in tagging order, one order instead of n! of them. Reads wait too,
// although two reads commute: twins that read on either side of someone's write are no longer
// alike, and without the wait both orders of that (i reads the old value, j the new; j the old,
// i the new) would be explored, the same execution up to names. With the wait, 8 buggy teardown
// workers give 128 classes instead of 370,773.
//
// Nothing is lost, up to renaming. Take any execution and its first step by a member k that had
// to wait: then a set T of twins, all about to do that operation, exists, and its first member j
// in tagging order does not wait (its predecessor is not in T). Rename j and k from that step on:
// the state is the same, the step is allowed, and the rest of the execution is one of the program
// again (the promise: nothing tells them apart), with the same violation ids. Repeating this at
// the next forbidden step, in order, ends with an execution of the constrained program.
//
// DPOR stays sound. Its theory needs every enabling and disabling between threads to be a
// dependence. A member's wait is set only by its own step (its arrival) and lifted only by its
// predecessor's step, which is the very operation the member waits to do. When that operation
// changes its object, the two steps are dependent already, like an unlock and the lock it
// enables. When it only observes (two reads), the engine tells the strategy (OpDesc::
// releases_twin): DPOR then orders the member's step after its twin's in happens-before, as if
// they were dependent, and never tries to reverse them (the member was disabled there, like the
// lock before the unlock). A member held for its turn is not checked for races while it waits
// (Choice::twin_held): nothing but its twin's same step stands in its way, and its races are
// seen when it takes it. Whether two members are twins depends on what they read, so a reversal
// DPOR plans in one execution may want, in the next, a member that is held there: DPOR runs the
// head of its chain instead (Choice::twin_head: same state, same step) and swaps the two names in
// the rest of that plan; if the head's step was explored from there already (asleep), the plan is
// covered up to renaming and the execution is abandoned (Report::runs counts it). Most such plans
// are never made: each member's step is named by its group, its history and its operation
// (sym_record, Scheduler::twin_step), and DPOR reverses no race whose reversal runs another
// member's same-named step first — a renaming of what it explores anyway. A member that
// waits is in the same state as the first member of its chain, which does not wait, so it is
// blocked exactly when that one is: the rule never turns the end of a run into a deadlock, and a
// deadlock message names the real waits.
//
// Every execution run is an execution of the program: its replay token replays without symmetry,
// with the real thread names.
//
// Spinners are outside the argument: the fair scheduler (engine_fair.cpp) hides a spinner while
// another thread can run and, when only spinners can, runs the lowest id first — choices a
// renaming does not preserve. So the first member that spins is recorded (symmetric_spinner())
// and explore() starts again without the reduction (Report::symmetry_off).
#include <algorithm>
#include <bit>
#include <cstring>
#include <string>

#include "model/engine.hpp"

namespace racelab::model::detail {

namespace {

// Steps after which a thread is tied to another one (see above): never a twin again.
bool ties(OpKind k) {
  return k == OpKind::spawn || k == OpKind::join || k == OpKind::wait || k == OpKind::wake;
}

}  // namespace

std::size_t Engine::SymEdgeHash::operator()(const SymEdge& e) const noexcept {
  std::uint64_t h = e.op * 0x9e3779b97f4a7c15ull ^ (e.version + 0x632be59bd9b4e019ull);
  h ^= static_cast<std::uint64_t>(e.from) << 17;
  return static_cast<std::size_t>(h ^ (h >> 29));
}

// The trie of histories: the node reached from `from` by a step (op, version). Exact (a map, not
// a hash of the history), so equal numbers are equal histories.
std::uint32_t Engine::sym_intern(std::uint32_t from, std::uint64_t op, std::uint64_t version) {
  const auto [it, added] = sym_ids_.try_emplace(SymEdge{from, op, version},
                                                static_cast<std::uint32_t>(sym_ids_.size() + 1));
  (void)added;
  return it->second;
}

// Before t runs its pending operation: what it does, and the version of the object it does it on.
// Also the step's key for the strategy (Scheduler::twin_step): its group, its history before the
// step and the operation, without the version — two members' steps with one key are the same
// step from the same state, whichever of them came first.
void Engine::sym_record(ThreadRec& t) {
  const PendingOp& p = t.pending;
  sym_step_ = 0;
  if (ties(p.kind)) {
    t.sym_distinct = true;
    return;
  }
  if (t.sym_distinct) return;
  const bool on_object = p.object >= 0 && p.kind != OpKind::exit;
  const std::uint64_t object = on_object ? static_cast<std::uint32_t>(p.object) : 0xffffffffu;
  const std::uint64_t op =
      static_cast<std::uint64_t>(p.kind) << 56 | static_cast<std::uint64_t>(p.flags) << 48 | object;
  sym_step_ = sym_intern(t.sym_history, op, ~std::uint64_t{0});
  t.sym_history = sym_intern(t.sym_history, op, on_object ? object_at(p.object).version : 0);
}

// t (a member, or a thread just started) is at a new state: does it wait for its predecessor?
void Engine::sym_arrive(ThreadRec& t) {
  t.sym_wait = false;
  if (t.sym_prev < 0 || t.finished || t.sym_distinct) return;
  const ThreadRec& prev = thread_at(t.sym_prev);
  if (prev.finished || prev.sym_distinct || prev.sym_history != t.sym_history) return;
  if (t.sym_history == 0) return;  // not tagged yet (a member's history starts at its root)
  const PendingOp& a = t.pending;
  const PendingOp& b = prev.pending;
  if (a.kind != b.kind || a.flags != b.flags || a.object != b.object || ties(a.kind)) return;
  if (a.kind == OpKind::exit || op_effect(op_desc(t)) == OpEffect::none) return;  // no effect
  t.sym_wait = true;
}

// Member t took a step: its successor may go (and t may now wait for its own predecessor).
void Engine::sym_stepped(ThreadRec& t) {
  if (t.sym_next >= 0) {
    ThreadRec& next = thread_at(t.sym_next);
    if (next.sym_wait) sym_released_ = next.id;  // the strategy learns it (OpDesc::releases_twin)
    next.sym_wait = false;
  }
  sym_arrive(t);
}

// After the view is built as without symmetry: members waiting for their turn are not offered.
// Never all of them: a waiting member is in the same state as the first member of its chain,
// which does not wait and is offered with it — except that the fair scheduler's stalled turn
// (engine_fair.cpp) may offer exactly one spinner, and then a waiting one keeps it.
void Engine::hold_waiting_twins() {
  std::uint64_t held = 0;
  for (const ThreadView& v : view_)
    if (v.enabled && thread_at(v.id).sym_wait) held |= std::uint64_t{1} << v.id;
  if (held == 0 || held == enabled_mask_) return;
  twin_held_ = held;
  if (twin_head_.size() < static_cast<std::size_t>(nthreads_))
    twin_head_.resize(static_cast<std::size_t>(nthreads_), -1);
  for (std::uint64_t h = held; h != 0; h &= h - 1) {
    const int id = std::countr_zero(h);
    int head = thread_at(id).sym_prev;  // held: in the same state, about to do the same step
    while (head >= 0 && ((held >> head) & 1u) != 0) head = thread_at(head).sym_prev;
    twin_head_[static_cast<std::size_t>(id)] = static_cast<std::int8_t>(head);
  }
  view_dirty_ = true;  // the next view starts over from the threads themselves
  enabled_mask_ &= ~held;
  for (ThreadView& v : view_)
    if ((held >> v.id) & 1u) v.enabled = false;
}

void Engine::interchangeable(rt::thread_id t, const char* key) {
  ThreadRec* me = running_;
  if (me == nullptr || phase_ != Phase::running || me->cancelling) return;
  if (t <= 0 || t >= nthreads_ || key == nullptr) return;
  ThreadRec& th = thread_at(t);
  if (th.sym_group >= 0) return;  // a thread joins one group, once
  int g = 0;
  const int n = static_cast<int>(sym_groups_.size());
  while (g < n && std::strcmp(sym_groups_[static_cast<std::size_t>(g)].key->c_str(), key) != 0) ++g;
  if (g == n) {
    auto k = std::find_if(sym_keys_.begin(), sym_keys_.end(),
                          [&](const std::string& s) { return std::strcmp(s.c_str(), key) == 0; });
    if (k == sym_keys_.end()) k = sym_keys_.insert(sym_keys_.end(), key);
    sym_groups_.push_back(SymmetryGroup{&*k, 0, -1});
  }
  SymmetryGroup& group = sym_groups_[static_cast<std::size_t>(g)];
  th.sym_group = g;
  if (symmetry_) th.sym_history = sym_intern(0, static_cast<std::uint64_t>(g), 0);  // its root
  th.sym_prev = group.last;
  if (group.last >= 0) thread_at(group.last).sym_next = t;
  group.last = t;
  ++group.members;
  // Tagged after its start step (not right after starting it): it arrives now. A thread that has
  // stepped already is no twin of anyone (its history was not kept).
  if (th.stepped) th.sym_distinct = true;
  if (th.primed && symmetry_) sym_arrive(th);
}

int Engine::symmetric_groups() const noexcept {
  int n = 0;
  for (const SymmetryGroup& g : sym_groups_) n += g.members >= 2 ? 1 : 0;
  return n;
}

int Engine::symmetric_threads() const noexcept {
  int n = 0;
  for (const SymmetryGroup& g : sym_groups_) n += g.members >= 2 ? g.members : 0;
  return n;
}

std::string Engine::symmetric_spinner() const {
  if (sym_spinner_ < 0) return {};
  const SymmetryGroup& g = sym_groups_[static_cast<std::size_t>(thread_at(sym_spinner_).sym_group)];
  if (g.members < 2) return {};
  return sym_spinner_name_ + " (one of " + std::to_string(g.members) +
         " interchangeable threads '" + *g.key + "') spins at " + where(sym_spinner_at_);
}

}  // namespace racelab::model::detail
