// src/model/engine.hpp — runs one execution of a body under a Scheduler (engine-internal).
//
// Every thread of the program is a fiber on the calling OS thread. A thread runs until its next
// facade operation (an rt:: hook), records that operation as pending and suspends; the engine
// then asks the strategy which enabled thread performs its pending operation next. A *step* is
// one such resume: the operation, then the thread's invisible code up to its next operation.
//
//   thread's steps      op1, op2, …, opN, exit        (exit: the body has returned)
//   new thread          runs up to op1 inside the step that spawned it (it touches nothing the
//                       model sees before op1), so a thread has no separate "start" step
//   blocked (not enabled)   lock of a held mutex · get on an empty open queue (an *idle* wait)
//                           · join of an unfinished thread
//
// The end: no thread enabled. All finished, or every blocked thread idle on a queue → the
// EndCheck runs (hooks are inspections then). Otherwise → deadlock. More than max_steps →
// step_limit. Then every unfinished fiber is unwound (a forced unwind from the hook it waits
// in, cancelled_op), objects handed to keep_until_end are released, and run() returns.
//
// Happens-before uses vector clocks (vector_clock.hpp): unlock→lock, put→the get that takes that
// item, spawn→the child's start, exit→join, close→a get that returns false. shared<T> accesses are
// checked against it (race_detector.hpp).
//
// Determinism: every decision depends only on the strategy's answers and the program's own
// behaviour; no pointer values, no unordered iteration. Same body and answers → same run.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "model/fiber.hpp"
#include "model/objects.hpp"
#include "model/race_detector.hpp"
#include "model/schedule_token.hpp"
#include "model/strategies/scheduler.hpp"
#include "model/thread_rec.hpp"
#include "model/vector_clock.hpp"
#include "racelab/model/explore.hpp"
#include "racelab/model/runtime.hpp"

namespace racelab::model::detail {

// Object ids carry the execution's generation, so an object kept past its execution is caught
// instead of silently aliasing a new one. The low 16 bits are the creation index.
inline constexpr int kIndexBits = 16;
inline constexpr int kIndexMask = (1 << kIndexBits) - 1;
inline int index_of(rt::object_id id) noexcept { return id & kIndexMask; }

// "buggy/registry.cpp:41", for contract and misuse messages.
// "?" when the operation could not know its line (a conversion operator has no parameter to
// default).
inline std::string where(source_loc loc) {
  if (loc.line == 0) return "?";
  return std::string(loc.short_file()) + ":" + std::to_string(loc.line);
}

// std's name of a memory order, as timelines and messages spell it ("acquire").
inline const char* order_name(std::memory_order mo) noexcept {
  static const char* const kNames[] = {"relaxed", "consume", "acquire",
                                       "release", "acq_rel", "seq_cst"};
  return kNames[static_cast<int>(mo) % 6];
}

struct RunConfig {
  std::size_t max_steps = kDefaultMaxSteps;
  bool trace = false;
  // Replay and probe: the schedule has this many steps. Reaching it with the execution still
  // going is an unfitting token (replay) or the stop point (probe); ending before it, a token
  // with steps left over.
  std::size_t schedule_length = std::numeric_limits<std::size_t>::max();
  bool probe = false;
  const Describe* describe = nullptr;
  // Symmetry reduction (engine_symmetry.cpp): interchangeable threads in the same state take
  // their turns at each change in the order they were tagged. Exploration only; a replay never
  // needs it (every constrained execution is an execution of the program).
  bool symmetry = false;
  // false: no thread wakes spuriously in this run, as if Options::spurious_wakeups were 0 (the
  // shrink's search for witnesses without spurious wake-ups, shrink.cpp). A schedule found so
  // replays under the engine's semantics: a waiter it runs was notified, and a waiter that only
  // a spurious wake-up could free is no preemption to leave in either (Choice::spurious_only).
  bool spurious_wakeups = true;
  // The spin probe (spin_probe.cpp): this thread is never hidden as a spinner in this run, so
  // the probe can run it on alone and see whether its loop ends by itself. -1: none.
  int unhidden = -1;
};

// What Options says about the primitives; the same for every run of one Engine (explore, its
// shrinking and replays of its tokens must agree, or a token would not fit).
struct Semantics {
  int spurious_wakeups = 1;     // per thread and execution (Options::spurious_wakeups)
  std::size_t spin_limit = 16;  // Options::spin_limit: stalled turns of each spinner
  // Engine-internal, for tests: false turns the fair scheduler off (engine_fair.cpp: no thread is
  // ever a spinner), so that a test can check the symmetry rule apart from it.
  bool fair = true;
};
// The Semantics an Options (or EstimateOptions) asks for: explore, replay and estimate build
// their Engine from it.
template <class AnyOptions>
Semantics semantics_of(const AnyOptions& o) {
  return {o.spurious_wakeups, o.spin_limit};
}

enum class RunEnd {
  ended,      // the execution reached its end (ok, violations, deadlock or step limit)
  abandoned,  // the strategy gave up on it (DPOR: sleep-set blocked); not a schedule
  stopped,    // probe: stopped at the end of the prefix
};

class Engine {
 public:
  Engine(Body body, EndCheck end_check, Semantics semantics = {});
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Runs one execution. Throws ScheduleMisfit when the strategy picks a thread that is not
  // enabled or the schedule's length does not fit, and rethrows what the EndCheck or the strategy
  // throws — always after the execution has been torn down.
  RunEnd run(Scheduler& strategy, const RunConfig& config);
  // prefix_diverged (a strategy's) as the model::nondeterministic_body a person reads.
  nondeterministic_body diverged(const prefix_diverged& d);
  std::string exception_before() const;  // engine_ops.cpp: use()'s contract failures
  [[noreturn]] void used_after_death(const ThreadRec& me, const ObjectRec& o, source_loc loc);
  void shared_again(const ThreadRec& me, const ObjectRec& o, const char* call, source_loc loc);

  // The last run's results.
  const std::vector<Violation>& violations() const noexcept { return violations_; }
  const std::vector<std::uint8_t>& choices() const noexcept { return choices_; }
  int preemptions() const noexcept { return preemptions_; }
  Trace take_trace() { return std::move(trace_); }
  std::vector<ThreadNext> take_next() { return std::move(next_); }
  std::string take_state() { return std::move(state_); }
  // The last run's interchangeable threads (engine_symmetry.cpp): groups of two or more tagged
  // threads, and how many threads they hold. Counted whether or not the run used symmetry.
  int symmetric_groups() const noexcept;
  int symmetric_threads() const noexcept;
  // The last run under RunConfig::symmetry: "" or the first member of a group of two or more
  // interchangeable threads that spun (engine_fair.cpp), and where: "Thread-2 (one of 3
  // interchangeable threads 'worker') spins at spin.cpp:14". The fair scheduler's choices
  // among spinners depend on names (the lowest id goes first), which the reduction's renaming
  // argument does not allow: such a run may lose classes (docs/model-library.md, "Symmetry
  // reduction"), so explore() drops the reduction when it meets one.
  std::string symmetric_spinner() const;
  // The first pair of atomic accesses, in any run so far, that a weak machine may reorder (the
  // sentence Report::weak_memory carries), or "". Kept across runs: found once, never looked for
  // again (engine_weak.cpp).
  const std::string& weak_note() const noexcept { return weak_note_; }
  // Whether any run so far took a spurious wake-up (Report::dpor_gap).
  bool spurious_taken() const noexcept { return spurious_taken_; }
  // The first thread, in any run so far, whose sync::thread was destroyed while joinable outside
  // an exception's unwinding (Report::unjoined), as a sentence; else "". Kept across runs.
  const std::string& unjoined_note() const noexcept { return unjoined_note_; }
  // Whether some run so far started a thread, and whether any started thread ever used a sync
  // object (a var, atomic, mutex, queue …): threads that share only plain C++ data show racelab
  // nothing to interleave (Report::unshared).
  bool threads_started() const noexcept { return threads_started_; }
  bool threads_shared() const noexcept { return threads_shared_; }

  // Fairness checks itself (engine_fair.cpp): a spinner is hidden on the promise that its loop
  // repeats until something it observed changes. A loop that ends by itself — a bounded poll,
  // a try_lock retried N times, a lone yield() — breaks that promise, and hiding it loses the
  // interleavings in which it finishes first (new-user trial 6).
  // The last run's first spinner hidden while another thread could run, at a site not probed
  // yet (mark_probed): its thread, the steps run before it was hidden, where it spun. thread -1:
  // none. explore() runs the probe (spin_probe.hpp) from there.
  struct HiddenSpinner {
    int thread = -1;
    std::size_t step = 0;
    source_loc site{};
  };
  const HiddenSpinner& hidden_spinner() const noexcept { return hidden_spinner_; }
  void mark_probed(source_loc site);
  // The last run: "" or how a spinner left its loop with nothing it observed changed, e.g.
  // "Thread-2's loop at f.cpp:12 ends by itself: with nothing it observed changed, it went on to
  // store y (f.cpp:14)"; left_spin_site() is where it had begun to spin.
  const std::string& left_spin() const noexcept { return left_spin_; }
  source_loc left_spin_site() const noexcept { return left_spin_site_; }
  // From now on, this engine never hides a thread that spins at `site` (explore() starts its
  // search again after it, so that every run of one search agrees).
  void not_a_spin(source_loc site);

  // The engine running an execution on this OS thread, or nullptr.
  static Engine* active() noexcept;

  // ---- Hooks (runtime.cpp forwards racelab::model::rt here) ----
  rt::object_id new_object(rt::ObjectKind kind, const char* name, source_loc loc,
                           const char* prefix);
  void delete_object(rt::object_id id) noexcept;
  rt::thread_id spawn(const char* target, std::function<void()> body, source_loc loc);
  void join(rt::thread_id t, source_loc loc);
  void thread_dropped(rt::thread_id t, source_loc started) noexcept;
  rt::thread_id current() const noexcept;
  const std::string& thread_name(rt::thread_id t);
  void mutex_lock(rt::object_id m, source_loc loc);
  bool mutex_try_lock(rt::object_id m, source_loc loc);
  void mutex_unlock(rt::object_id m, source_loc loc);
  void mutex_lock_shared(rt::object_id m, source_loc loc);
  bool mutex_try_lock_shared(rt::object_id m, source_loc loc);
  void mutex_unlock_shared(rt::object_id m, source_loc loc);
  bool cv_wait(rt::object_id cv, rt::object_id m, source_loc loc);
  rt::WakeReason cv_wake(rt::object_id cv, bool timed, source_loc loc);
  void cv_notify(rt::object_id cv, bool all, source_loc loc);
  void atomic_step(rt::object_id a, rt::AtomicOp op, const char* what, std::memory_order mo,
                   source_loc loc);
  void atomic_effect(rt::object_id a, bool reads, bool writes, std::memory_order mo,
                     bool same_value, std::uint64_t args);
  void atomic_wait(rt::object_id a, std::memory_order mo, source_loc loc);
  void atomic_park(rt::object_id a);
  bool atomic_wake(rt::object_id a, source_loc loc);
  void atomic_notify(rt::object_id a, bool all, source_loc loc);
  void fence(std::memory_order mo, source_loc loc);
  // engine_weak.cpp — the weak-memory note: an access after atomic_effect, a fence.
  void weak_access(ThreadRec& me, int object, bool reads, bool writes, std::memory_order mo);
  void weak_fence(ThreadRec& me, std::memory_order mo);
  void iriw_load(ThreadRec& me, int object, std::memory_order mo);
  void semaphore_init(rt::object_id s, long long count, long long max);
  void semaphore_acquire(rt::object_id s, source_loc loc);
  bool semaphore_try_acquire(rt::object_id s, source_loc loc);
  void semaphore_release(rt::object_id s, long long update, source_loc loc);
  // engine_phases.cpp — latches and barriers.
  void latch_init(rt::object_id l, long long count, source_loc loc);
  void latch_count_down(rt::object_id l, long long n, source_loc loc);
  void latch_wait(rt::object_id l, source_loc loc);
  bool latch_try_wait(rt::object_id l, source_loc loc);
  void barrier_init(rt::object_id b, long long expected, source_loc loc);
  rt::Arrival barrier_arrive(rt::object_id b, long long n, bool drop, source_loc loc);
  void barrier_complete(rt::object_id b, source_loc loc);
  void barrier_wait(rt::object_id b, long long phase, source_loc loc);
  void spin_yield(source_loc loc);
  void misuse(const std::string& message, source_loc loc);
  bool queue_put(rt::object_id q, source_loc loc);
  bool queue_get(rt::object_id q, source_loc loc);
  std::size_t queue_close(rt::object_id q, source_loc loc);
  void cell_access(rt::object_id c, rt::Access a, const char* what, source_loc loc);
  bool tracing() const noexcept;
  void note_value(std::string value);
  void yield(const char* what, source_loc loc);
  void fail(const std::string& message);
  void keep(std::shared_ptr<void> p);
  void interchangeable(rt::thread_id t, const char* key);

 private:
  enum class Phase { idle, running, end_check, unwinding, releasing };

  ThreadRec& thread_at(int i) noexcept { return *threads_[static_cast<std::size_t>(i)]; }
  const ThreadRec& thread_at(int i) const noexcept {
    return *threads_[static_cast<std::size_t>(i)];
  }
  ObjectRec& object_at(int i) noexcept { return *objects_[static_cast<std::size_t>(i)]; }
  const ObjectRec& object_at(int i) const noexcept {
    return *objects_[static_cast<std::size_t>(i)];
  }

  // engine.cpp — the execution loop and the fibers' lives.
  void begin(const RunConfig& config);
  RunEnd loop(Scheduler& strategy, const RunConfig& config);
  RunEnd end_of_schedule(const RunConfig& config);
  bool build_view();  // false: no thread is enabled (the execution is over)
  void rebuild_view();
  void refresh_view();
  void note_pending(const ThreadRec& t) noexcept;
  void check_view();
  std::uint64_t spurious_only() const noexcept;  // enabled waiters only a spurious wake frees
  void check_pick(int t);
  void step(int t);
  void prime(ThreadRec& t);
  static void fiber_entry(void* arg) noexcept;
  void thread_main(ThreadRec& me) noexcept;
  void conclude(Scheduler& strategy);
  void snapshot_next();
  void unwind_all();
  void unwind(int t);
  void release_kept() noexcept;

  // engine_ops.cpp — the visible operations.
  ThreadRec& new_thread(const char* target);
  ObjectRec* find(rt::object_id id, rt::ObjectKind kind) noexcept;
  ObjectRec& use(const ThreadRec& me, rt::object_id id, rt::ObjectKind kind, source_loc loc);
  ObjectRec* step_on(ThreadRec& me, rt::object_id id, rt::ObjectKind kind, PendingOp op);
  bool visible(ThreadRec& me, const PendingOp& op);
  bool cancelled_op(ThreadRec& me, OpKind kind);
  void cancel_join(ThreadRec& me, int t);
  bool enabled(const ThreadRec& t) const noexcept;
  // A latch's wait may return (the count is 0), a barrier's (its phase ended): engine_phases.cpp.
  bool phase_ended(const ThreadRec& t) const noexcept;
  OpDesc op_desc(const ThreadRec& t) const noexcept;
  void report_race(const ObjectRec& cell, int cell_index, const CellAccess& earlier,
                   const CellAccess& now);
  void unordered_read_hint(std::string& message, const CellAccess& earlier, const CellAccess& now);
  int add_violation(Outcome kind, std::string id, std::string thread, std::string message, int step,
                    std::vector<int> related = {});
  // What the step being run saw or returned (Step::value), kept only while tracing: a literal
  // builds no string otherwise; a composed value should be built only when tracing().
  void set_value(const char* value) {
    if (tracing_ && in_step_ && !trace_.steps.empty()) trace_.steps.back().value = value;
  }
  void set_value(std::string value);
  ObjectRec* lock_step(ThreadRec& me, rt::object_id id, std::uint8_t flags, source_loc loc);
  // engine_sync.cpp — a wake step and a notify, on a condition variable's waiters or an atomic's.
  rt::WakeReason woke(ThreadRec& me, ObjectRec& o, bool timed);
  void check_order(const ThreadRec& me, const ObjectRec& o, OpKind kind, std::memory_order mo,
                   const char* what, source_loc loc);
  void notify_step(rt::object_id id, rt::ObjectKind kind, bool all, source_loc loc);

  // engine_symmetry.cpp — the turn order of interchangeable threads.
  void sym_record(ThreadRec& t);
  void sym_arrive(ThreadRec& t);
  void sym_stepped(ThreadRec& t);
  void hold_waiting_twins();

  // engine_fair.cpp — fair scheduling: who spins, who is woken, when spinning is a livelock.
  void changed(ObjectRec& o) noexcept;
  void locked_or_unlocked(ObjectRec& m);
  void observed(ThreadRec& me, int object, std::uint64_t args = 0);
  void spin_hint(ThreadRec& me);
  bool woken(ThreadRec& t) const noexcept;
  void hide_spinners();
  bool livelocked();
  std::string livelock_message();

  // engine_text.cpp — what people read: names, operations, waits, deadlocks.
  const std::string& name_of(int t);
  std::string waits_text(const ThreadRec& t);
  std::string deadlock_message();
  Step step_record(const ThreadRec& t);

  const Body body_;
  const EndCheck end_check_;
  const Semantics semantics_;
  StackPool stacks_;
  FiberHome home_;

  // Records are reused across executions. Each is its own allocation (stable addresses: fibers
  // point into their ThreadRec, a hook holds its ObjectRec across the suspension in which other
  // threads create objects), reached through a contiguous vector of pointers: one load per
  // lookup, where std::deque's indexing cost a division and two loads on every enabled() check.
  std::vector<std::unique_ptr<ThreadRec>> threads_;
  int nthreads_ = 0;
  std::vector<std::unique_ptr<ObjectRec>> objects_;
  int nobjects_ = 0;
  int primed_ = 0;                // threads [0, primed_) have run up to their first operation
  std::uint32_t generation_ = 0;  // tags object ids, so a stale object is caught
  // Generated names: per kind (or prefix) how many unnamed objects this execution created. The
  // prefixes stay for the engine's lifetime (ObjectRec::number_as points at them).
  std::deque<std::pair<std::string, int>> name_counts_;
  // Symmetry: this execution's groups of interchangeable threads, as (key, members, last member
  // tagged), in tagging order.
  struct SymmetryGroup {
    const std::string* key;  // in sym_keys_
    int members = 0;
    int last = -1;
  };
  std::vector<SymmetryGroup> sym_groups_;
  // The keys of every group this engine has seen, kept across executions (copied once, not at
  // every tagging of every execution; a deque: groups point at them).
  std::deque<std::string> sym_keys_;
  bool symmetry_ = false;    // RunConfig::symmetry of the running execution
  int spurious_budget_ = 0;  // each thread's spurious wake-ups in the running execution
  int sym_released_ = -1;    // the member whose turn wait the running step ended, or -1
  // The first member that spun in the running execution (symmetric_spinner()), or -1; its name
  // name and where, kept as it spun.
  int sym_spinner_ = -1;
  std::string sym_spinner_name_;
  source_loc sym_spinner_at_{};
  // Histories of members, interned per execution (engine_symmetry.cpp, sym_intern): a trie whose
  // nodes are numbered in the order the execution reaches them, so a replayed prefix gets the
  // same numbers. Also numbers "this history, then this operation" (Scheduler::twin_step).
  struct SymEdge {
    std::uint32_t from;
    std::uint64_t op, version;
    bool operator==(const SymEdge&) const = default;
  };
  struct SymEdgeHash {
    std::size_t operator()(const SymEdge& e) const noexcept;
  };
  std::unordered_map<SymEdge, std::uint32_t, SymEdgeHash> sym_ids_;
  std::uint32_t sym_intern(std::uint32_t from, std::uint64_t op, std::uint64_t version);
  std::uint32_t sym_step_ = 0;       // the running step's Scheduler::twin_step key, or 0
  std::uint64_t spurious_bits_ = 0;  // spurious_only() at this step (Choice::spurious_only)
  std::uint64_t twin_held_ = 0;  // members the view holds back for their twin (Choice::twin_held)
  std::vector<std::int8_t> twin_head_;  // Choice::twin_head, by thread id

  Phase phase_ = Phase::idle;
  ThreadRec* running_ = nullptr;  // the fiber running right now
  bool in_step_ = false;
  std::size_t step_ = 0;  // index of the step being run (or about to be)
  int current_ = -1;      // thread of the previous step
  bool current_enabled_ = false;
  std::uint64_t enabled_mask_ = 0;  // the threads the view offers as enabled, as bits
  // The view is kept up to date across steps rather than rebuilt (engine.cpp, build_view): a
  // step changes the pending operation of the thread that ran and of the threads it started,
  // and otherwise only whether threads about to do a blocking operation are enabled. As bits
  // (bit i: thread i), before the fairness and symmetry filters: the live threads, those
  // enabled, those whose operation may block (asked again every step), those about to wake from
  // a wait, to spawn (their OpDesc names the next thread id) and marked spinning. view_slot_[i]:
  // thread i's index in view_. view_dirty_: a filter edited view_ (or a run begins); rebuild.
  std::uint64_t live_bits_ = 0;
  std::uint64_t on_bits_ = 0;
  std::uint64_t block_bits_ = 0;
  std::uint64_t wake_bits_ = 0;
  std::uint64_t spawn_bits_ = 0;
  std::uint64_t spin_bits_ = 0;
  std::array<int, kMaxThreads> view_slot_{};
  bool view_dirty_ = true;
  int view_stepped_ = -1;  // the thread the last step ran
  OpDesc view_op_;         // and what it did
  int view_threads_ = 0;   // nthreads_ when the view was last brought up to date
  int preemptions_ = 0;
  bool tracing_ = false;
  std::uint64_t progress_ = 0;   // steps so far that changed something (fairness)
  std::size_t stall_steps_ = 0;  // consecutive steps in which only spinners could run
  bool stalled_ = false;         // the view being built offers only spinners
  // What the step being run did, for fairness (engine_fair.cpp): hooks that only observe or do
  // nothing say so; anything else is progress.
  enum class StepEffect { progress, observes, neutral };
  StepEffect step_effect_ = StepEffect::progress;

  std::vector<Violation> violations_;
  std::string weak_note_;         // see weak_note()
  std::string unjoined_note_;     // see unjoined_note()
  bool threads_started_ = false;  // see threads_started()
  bool threads_shared_ = false;   // see threads_shared()
  bool spurious_taken_ = false;   // see spurious_taken()
  // Fairness's check on itself (engine_fair.cpp): the sites it must not hide spinners at, those
  // probed already (both kept across runs), and this run's findings.
  std::vector<source_loc> not_spins_;
  std::vector<source_loc> probed_;
  HiddenSpinner hidden_spinner_;
  std::string left_spin_;
  source_loc left_spin_site_{};
  int unhidden_ = -1;  // RunConfig::unhidden of the running execution
  bool is_spin_site(source_loc site) const noexcept;
  void left_spin(ThreadRec& me, const std::string& next);
  void resume_spinner(ThreadRec& me);  // step() of a spinner: resume, and see if it left its loop
  std::string next_text(const ThreadRec& t);  // its pending operation, as a timeline shows it
  std::vector<std::uint8_t> choices_;
  Trace trace_;
  std::vector<ThreadNext> next_;
  std::string state_;
  std::vector<std::shared_ptr<void>> keep_;
  std::vector<ThreadView> view_;
  std::vector<CellAccess> races_;
  // Races reported in this execution, as (cell, earlier site, later site): each pair of access
  // sites is reported once per execution, however often the schedule repeats it.
  struct ReportedRace {
    int cell;
    CellAccess a, b;
  };
  std::vector<ReportedRace> reported_races_;
};

// Hot: asked for every live thread before every step, so defined here, inline.
inline bool Engine::enabled(const ThreadRec& t) const noexcept {
  const PendingOp& p = t.pending;
  switch (p.kind) {
    case OpKind::lock: {
      if (p.flags & kTry) return true;
      const ObjectRec& o = object_at(p.object);
      const MutexState& m = o.as<MutexState>();
      if (p.flags & kShared) return !m.held();
      if (o.kind == rt::ObjectKind::recursive_mutex && m.owner == t.id) return true;
      return !m.held() && m.readers.empty();
    }
    case OpKind::get: return object_at(p.object).as<QueueState>().ready();
    case OpKind::join: return thread_at(p.object).finished;
    case OpKind::wake: {
      const ObjectRec& o = object_at(p.object);
      // An atomic's waiter wakes only when notified: its spurious wake-ups would change nothing
      // (the wait loads again, and sleeps again on the same value).
      if (o.kind == rt::ObjectKind::atomic) return o.as<AtomicState>().waiting.may_wake(t.id);
      if ((p.flags & kTimed) || t.spurious_left > 0) return true;
      return o.as<CondVarState>().may_wake(t.id);
    }
    case OpKind::acquire:
      if (p.flags & kTry) return true;
      if (p.flags & kPhase) [[unlikely]]
        return phase_ended(t);
      return object_at(p.object).as<SemaphoreState>().count > 0;
    case OpKind::release:  // a barrier's arrive waits while a completion function runs
      return (p.flags & kPhaseEnd) != kPhase || !object_at(p.object).as<BarrierState>().completing;
    default: return true;
  }
}

// The scheduling point (engine_ops.cpp describes the modes). Inline, so that a thread unwound at
// the end of an execution (cancelled_op) has two frames fewer for the C++ unwinder to walk: that
// walk was most of the cost of an execution that ends with idle threads.
inline bool Engine::visible(ThreadRec& me, const PendingOp& op) {
  if (me.cancelling) return cancelled_op(me, op.kind);
  me.pending = op;
  me.fiber.suspend();  // the scheduler resumes us when the strategy picks us (or to unwind us)
  if (me.cancelling) return cancelled_op(me, op.kind);
  return true;
}

// The running mode's preamble, shared by every hook on an object: the object must belong to this
// execution and be alive; the operation becomes the thread's pending one, and the thread waits
// until the scheduler picks it. nullptr: the thread was cancelled while it waited (the hook then
// lets go of what it must, as cancelled_op decided).
inline ObjectRec* Engine::step_on(ThreadRec& me, rt::object_id id, rt::ObjectKind kind,
                                  PendingOp op) {
  ObjectRec& o = use(me, id, kind, op.loc);
  op.object = index_of(id);
  if (!visible(me, op)) return nullptr;
  if (!o.alive) [[unlikely]]
    used_after_death(me, o, op.loc);  // it died while this thread waited to use it
  return &o;
}

inline OpDesc Engine::op_desc(const ThreadRec& t) const noexcept {
  const PendingOp& p = t.pending;
  switch (p.kind) {
    case OpKind::spawn: return OpDesc{thread_object(nthreads_), OpKind::spawn, 0};
    case OpKind::join: return OpDesc{thread_object(p.object), OpKind::join, 0};
    case OpKind::exit:
    case OpKind::start: return OpDesc{thread_object(t.id), p.kind, 0};
    case OpKind::yield:
    case OpKind::fence: return OpDesc{-1, p.kind, 0};
    case OpKind::lock:
    case OpKind::unlock:
      return OpDesc{p.object, p.kind, static_cast<std::uint8_t>(p.flags & (kTry | kShared))};
    case OpKind::acquire:  // a latch's or barrier's wait only looks: two of them commute
      if (p.flags & kPhase) return OpDesc{p.object, OpKind::load, kOpPhaseWait};
      return OpDesc{p.object, OpKind::acquire, 0};
    case OpKind::release:
      return OpDesc{p.object, OpKind::release,
                    (p.flags & kPhaseEnd) == kPhaseEnd ? kOpPhaseEnd : std::uint8_t{0}};
    default: return OpDesc{p.object, p.kind, 0};
  }
}

}  // namespace racelab::model::detail
