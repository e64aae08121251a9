// src/model/strategies/scheduler.hpp — the interface every scheduling strategy implements
// (engine-internal).
//
// Modelled on shuttle's Scheduler trait (shuttle-engine/src/scheduler/mod.rs), and named like it:
// model::Strategy is the public enum that chooses one (explore.hpp), detail::Scheduler the object
// that does the choosing. A scheduler is asked, at every scheduling point, which enabled thread
// runs the next step; it is told when an execution starts and ends. One strategy per file:
// random.cpp, pct.cpp, dfs.cpp, dpor.cpp (its races in dpor_races.cpp, its class in dpor_impl.hpp),
// replay.cpp. A strategy never sees the program, only the operations its threads are about to do.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "racelab/model/trace.hpp"

namespace racelab::model::detail {

// What a step does (racelab/model/trace.hpp): the scheduler sees the same kinds people read.
using model::OpKind;
using model::to_string;

// Threads as objects: spawn, exit and join name a thread by its pseudo-object, which never
// collides with a sync object's id (sync objects are numbered 0, 1, 2 ... in creation order per
// execution, so the same prefix gives the same ids). A pending spawn names the id the new thread
// will get if it runs now, so two threads about to spawn are dependent (their order decides the
// names).
inline constexpr int kThreadObjectBase = 1 << 20;
constexpr int thread_object(int thread) { return kThreadObjectBase + thread; }

// The operation a thread will perform if it is scheduled. object: a sync object's id, a thread's
// pseudo-object (thread_object()), or -1 for none (yield).
//
// The engine never reports `start`: a new thread runs its code up to its first facade operation
// as part of the step that spawned it (that code touches nothing the model sees), so a thread's
// first step is its first real operation. Its last step is `exit` (the body returned).
struct OpDesc {
  int object = -1;
  OpKind kind = OpKind::yield;
  // kOpTry | kOpShared (lock, unlock): what DPOR needs to know of a lock; kOpSpurious (wake, in
  // executed() only): what DPOR needs to know of a condition variable's wake-up.
  std::uint8_t flags = 0;
  // In executed() only, under symmetry (engine_symmetry.cpp): the interchangeable thread that
  // waited for this step to take the same one (its twin's turn), or -1. That thread's next step
  // happens after this one although the two may commute (two reads): DPOR orders them so, and
  // never tries to reverse them — the waiting thread could not have gone first.
  std::int8_t releases_twin = -1;
};
inline constexpr std::uint8_t kOpTry = 1;     // try_lock: never blocks
inline constexpr std::uint8_t kOpShared = 2;  // the shared side of a shared_mutex
// An untimed wake that no notify allowed: a spurious wake-up. The engine allows one only while
// some other thread can run (engine.cpp, build_view: when nothing else can, the waiter is
// deadlocked, the lost wake-up's signature), so the step that leaves no other thread runnable
// disables it although the two act on different objects: dependent() cannot say so, and DPOR
// must reverse that order itself (dpor_races.cpp, Dpor::defer_spurious).
inline constexpr std::uint8_t kOpSpurious = 16;
// A latch's or barrier's wait (a load on it) and a step that ends a phase (a latch's count_down,
// a barrier's completion). A wait returns once its phase has ended and reads what that phase
// left: it conflicts with the steps that end phases only, not with the arrivals of the phases
// after its own — the waits of phase p and the arrivals of phase p + 1 commute (3 workers, 4
// phases: 1,296 traces, not 279,936).
inline constexpr std::uint8_t kOpPhaseWait = 32;
inline constexpr std::uint8_t kOpPhaseEnd = 64;

// Whether two operations of different threads do not commute (Mazurkiewicz dependence):
// same object and at least one of them changes it (read/read and yield never conflict).
// dependence.cpp explains the relation; it is defined here, inline, because DPOR and the
// engine ask it for many pairs at every step. Every operation is in one of three classes:
enum class OpEffect : std::uint8_t { none, observes, changes };
constexpr OpEffect op_effect(const OpDesc& op) {
  if (op.object < 0) return OpEffect::none;
  switch (op.kind) {
    case OpKind::yield: return OpEffect::none;
    case OpKind::fence: return OpEffect::none;  // acts on its own thread's clocks only
    case OpKind::read:
    case OpKind::load:
    case OpKind::join: return OpEffect::observes;
    case OpKind::store:
    case OpKind::rmw:
    case OpKind::wait:
    case OpKind::wake:
    case OpKind::notify:
    case OpKind::acquire:
    case OpKind::release:
    case OpKind::start:
    case OpKind::write:
    case OpKind::lock:
    case OpKind::unlock:
    case OpKind::put:
    case OpKind::get:
    case OpKind::close:
    case OpKind::spawn:
    case OpKind::exit: return OpEffect::changes;
  }
  return OpEffect::changes;  // an unknown kind: dependent is the safe answer
}
inline bool dependent(const OpDesc& a, const OpDesc& b) {
  if (a.object != b.object) return false;
  const std::uint8_t flags = a.flags | b.flags;
  if (flags & kOpPhaseWait) [[unlikely]]
    return (flags & kOpPhaseEnd) != 0;
  const OpEffect ea = op_effect(a);
  const OpEffect eb = op_effect(b);
  if (ea == OpEffect::none || eb == OpEffect::none) return false;
  return ea == OpEffect::changes || eb == OpEffect::changes;
}

// Thrown by a strategy that replays a prefix (dfs, dpor, the shard split) when the body does not
// retrace it: at `step` (0-based) other threads can run than the first time (`before`, `now`:
// bit i is thread i; with `live`, the threads that exist differ, not only those that can run).
// The engine words it as model::nondeterministic_body, with the schedule so far and the threads'
// names, so a person sees exit 3 and a cause, not a crash.
struct prefix_diverged : std::logic_error {
  prefix_diverged(std::size_t at, std::uint64_t was, std::uint64_t is, bool threads = false)
      : std::logic_error(
            "racelab::model: the body is not deterministic: replaying a schedule's "
            "prefix gave other threads at step " +
            std::to_string(at + 1)),
        step(at),
        before(was),
        now(is),
        live(threads) {}
  std::size_t step;
  std::uint64_t before;
  std::uint64_t now;
  bool live;
};

struct ThreadView {
  int id = 0;
  bool enabled = false;  // may run now (not blocked, not finished)
  OpDesc next;           // what it does if it runs
};

struct Choice {
  const std::vector<ThreadView>* threads = nullptr;  // every live thread, by id ascending
  int current = -1;      // thread that ran the previous step (-1 at the first step)
  std::size_t step = 0;  // index of the step about to run
  // The same sets as bits (bit i: thread i), when the caller has them (has_bits; the engine
  // does): live = the ids in `threads`, enabled = those enabled. A strategy may read these
  // instead of making a pass over `threads`.
  std::uint64_t live = 0;
  std::uint64_t enabled = 0;
  bool has_bits = false;
  // Symmetry (engine_symmetry.cpp): the threads offered as not enabled only because they wait
  // for their twin to take the same step first. Nothing else blocks them, so what they would do
  // is no race yet: DPOR sees it when they do it, after their twin.
  std::uint64_t twin_held = 0;
  // For each thread in twin_held (by id): the first member of its chain, which is in the same
  // state, about to do the same step, and not held. A strategy that wants a held thread to run
  // may run that one instead and swap the two names in what it planned after.
  const std::int8_t* twin_head = nullptr;
  // The enabled threads whose only way on is a spurious wake-up: a condition variable's waiter
  // nobody notified (bits, when has_bits). Switching away from one is no preemption — it was
  // waiting — so preemption counts and bounds leave these out (engine, dfs, dpor).
  std::uint64_t spurious_only = 0;
};

class Scheduler {
 public:
  virtual ~Scheduler() = default;
  // Prepares the next execution; false when there is nothing left to explore.
  virtual bool next_execution() = 0;
  // The thread to run next: an enabled id from choice.threads, or -1 to abandon this execution
  // (DPOR: sleep-set blocked; it is then not counted as a schedule). The engine checks the answer:
  // an id that is not an enabled live thread ends the run with std::invalid_argument (a replay
  // token that does not fit). When an execution ends with live threads all blocked (deadlock,
  // idle workers), pick() is called once more with no thread enabled; its answer is ignored.
  virtual int pick(const Choice& choice) = 0;
  // Told after the picked thread performed `op` (what it actually did).
  virtual void executed(int thread, const OpDesc& op) { (void)thread, (void)op; }
  // Symmetry only (engine_symmetry.cpp), before executed(): the step is an interchangeable
  // thread's, and `key` (never 0) names its group, its history before the step and the
  // operation. Two steps with one key are the same step from the same state by two members:
  // running them in the other order is the same execution up to renaming them.
  virtual void twin_step(std::uint32_t key) { (void)key; }
  // Told when the execution ended (normally or with a violation).
  virtual void end_execution() {}
  // True when finishing means every Mazurkiewicz trace (within the bound) was explored.
  virtual bool exhaustive() const { return false; }
  // Distinct traces explored so far, when the strategy knows (dpor); 0 otherwise.
  virtual std::size_t traces() const { return 0; }
};

std::unique_ptr<Scheduler> make_random(std::uint64_t seed);
// steps: the k of the change points when known beforehand (a sharded sample, shard.hpp); 0:
// the first execution measures it.
std::unique_ptr<Scheduler> make_pct(std::uint64_t seed, int depth, std::size_t steps = 0);
// prefix: thread ids forced at the first steps; only the executions below it are explored.
std::unique_ptr<Scheduler> make_dfs(std::optional<int> preemption_bound,
                                    std::vector<int> prefix = {});
// prefix, sleep (no bound only): explore just the subtree below this forced prefix, starting with
// these threads asleep there (a bit per thread id), as a part of a split tree (shard.hpp); races
// whose reversal point lies inside the prefix are left to the split's full expansion.
std::unique_ptr<Scheduler> make_dpor(std::optional<int> preemption_bound,
                                     std::vector<int> prefix = {}, std::uint64_t sleep = 0);
// Follows a parsed schedule (thread id per step); see schedule_token.hpp.
std::unique_ptr<Scheduler> make_replay(std::vector<int> choices);

}  // namespace racelab::model::detail
