// The execution loop: who may run, who runs, and how a run ends. The lives of the fibers are in
// engine_threads.cpp, the operations in engine_ops.cpp, the words people read in engine_text.cpp.
#include "model/engine.hpp"

#include <bit>
#include <exception>
#include <stdexcept>
#include <utility>

#include "model/contract.hpp"
#include "model/stall_watch.hpp"

namespace racelab::model::detail {

namespace {
thread_local Engine* t_active = nullptr;

// Marks the engine as the one this OS thread's hooks talk to, for the length of run().
class ActiveScope {
 public:
  explicit ActiveScope(Engine* e) {
    if (t_active != nullptr) {
      throw std::logic_error(
          "racelab::model: explore(), replay() or probe() called from inside an explored body; "
          "run them one after the other instead");
    }
    t_active = e;
  }
  ~ActiveScope() { t_active = nullptr; }
  ActiveScope(const ActiveScope&) = delete;
  ActiveScope& operator=(const ActiveScope&) = delete;
};
}  // namespace

Engine* Engine::active() noexcept { return t_active; }

Engine::Engine(Body body, EndCheck end_check, Semantics semantics)
    : body_(std::move(body)), end_check_(std::move(end_check)), semantics_(semantics), stacks_(0) {}

Engine::~Engine() = default;

RunEnd Engine::run(Scheduler& strategy, const RunConfig& config) {
  ActiveScope scope(this);
  begin(config);
  RunEnd end = RunEnd::ended;
  std::exception_ptr error;
  try {
    end = loop(strategy, config);
  } catch (const prefix_diverged& d) {
    error = std::make_exception_ptr(diverged(d));
  } catch (...) {
    error = std::current_exception();
  }
  unwind_all();
  release_kept();
  if (tracing_) {
    trace_.threads.clear();
    for (int t = 0; t < nthreads_; ++t) trace_.threads.push_back(name_of(t));
  }
  phase_ = Phase::idle;
  if (error) std::rethrow_exception(error);
  strategy.end_execution();
  return end;
}

void Engine::begin(const RunConfig& config) {
  ++generation_;
  nthreads_ = 0;
  nobjects_ = 0;
  primed_ = 0;
  phase_ = Phase::running;
  running_ = nullptr;
  in_step_ = false;
  step_ = 0;
  current_ = -1;
  current_enabled_ = false;
  preemptions_ = 0;
  tracing_ = config.trace;
  violations_.clear();
  choices_.clear();
  trace_ = Trace{};
  next_.clear();
  state_.clear();
  keep_.clear();
  reported_races_.clear();
  for (auto& count : name_counts_) count.second = 0;
  sym_groups_.clear();
  if (!sym_ids_.empty()) sym_ids_.clear();
  symmetry_ = config.symmetry;
  spurious_budget_ = config.spurious_wakeups ? semantics_.spurious_wakeups : 0;
  sym_released_ = -1;
  sym_spinner_ = -1;
  hidden_spinner_ = HiddenSpinner{};
  left_spin_.clear();
  unhidden_ = config.unhidden;
  view_dirty_ = true;
  progress_ = 0;
  stall_steps_ = 0;
  stalled_ = false;
}

RunEnd Engine::loop(Scheduler& strategy, const RunConfig& config) {
  const std::size_t max_steps = config.max_steps > 0 ? config.max_steps : kDefaultMaxSteps;
  const bool has_length = config.schedule_length != std::numeric_limits<std::size_t>::max();
  prime(new_thread(nullptr));  // MainThread runs up to its first operation
  for (;;) {
    if (!build_view()) {
      conclude(strategy);
      if (config.describe != nullptr && *config.describe) state_ = (*config.describe)();
      if (has_length && step_ < config.schedule_length) {
        throw ScheduleMisfit("the execution ended after step " + std::to_string(step_) +
                             ", but the token has " +
                             std::to_string(config.schedule_length - step_) + " more step(s)");
      }
      return RunEnd::ended;
    }
    if (stalled_ && livelocked()) {
      add_violation(Outcome::livelock, "livelock", "", livelock_message(), -1);
      return RunEnd::ended;
    }
    if (step_ >= max_steps) {
      add_violation(Outcome::step_limit, "step-limit", "",
                    "step limit: " + std::to_string(max_steps) +
                        " steps and the execution has not ended (livelock?)",
                    -1);
      return RunEnd::ended;
    }
    if (step_ >= config.schedule_length) return end_of_schedule(config);
    const int t = strategy.pick(Choice{&view_, current_, step_, live_bits_, enabled_mask_, true,
                                       twin_held_, twin_head_.data(), spurious_bits_});
    if (t == -1) return RunEnd::abandoned;
    // The usual case, an id the view offered as enabled, is answered here; check_pick() the rest.
    if (t < 0 || t >= nthreads_ || (enabled_mask_ & (std::uint64_t{1} << t)) == 0) check_pick(t);
    const ThreadRec& chosen = thread_at(t);
    // The view holds every live thread's op_desc, up to date (check_view in debug builds).
    const OpDesc op = view_[static_cast<std::size_t>(view_slot_[static_cast<std::size_t>(t)])].next;
    const bool preemption = current_ >= 0 && t != current_ && current_enabled_;
    if (preemption) ++preemptions_;
    choices_.push_back(static_cast<std::uint8_t>(t));
    beat(t, chosen.pending.kind, chosen.pending.loc);  // the stall watchdog's sign of life
    if (tracing_) {
      trace_.steps.push_back(step_record(chosen));
      trace_.steps.back().preemption = preemption;
    }
    current_ = t;
    view_stepped_ = t;
    view_op_ = op;
    thread_at(t).stepped = true;
    if (symmetry_ && chosen.sym_group >= 0) {
      sym_record(thread_at(t));
      if (sym_step_ != 0) strategy.twin_step(sym_step_);
    }
    const int spurious_left = chosen.spurious_left;
    step(t);
    // A wake-up that used the spurious budget: the strategy must know (scheduler.hpp).
    if (op.kind == OpKind::wake && thread_at(t).spurious_left < spurious_left) {
      OpDesc spurious = op;
      spurious.flags |= kOpSpurious;
      strategy.executed(t, spurious);
    } else if (sym_released_ >= 0) {
      OpDesc turn = op;
      turn.releases_twin = static_cast<std::int8_t>(sym_released_);
      sym_released_ = -1;
      strategy.executed(t, turn);
    } else {
      strategy.executed(t, op);
    }
    ++step_;
  }
}

// The schedule is used up and some thread can still run: a probe's stop point, or a replay
// token that is too short.
RunEnd Engine::end_of_schedule(const RunConfig& config) {
  if (config.probe) {
    snapshot_next();
    phase_ = Phase::end_check;  // the Describe callback inspects; nothing is scheduled any more
    if (config.describe != nullptr && *config.describe) state_ = (*config.describe)();
    return RunEnd::stopped;
  }
  std::string who;
  for (const ThreadView& v : view_) {
    if (v.enabled) who += (who.empty() ? "" : ", ") + name_of(v.id);
  }
  throw ScheduleMisfit("the token ends after step " + std::to_string(step_) +
                       ", but the execution goes on (can run: " + who + ")");
}

// Thread t's pending operation and spin mark, in the view's bit sets (inline: every step).
inline void Engine::note_pending(const ThreadRec& t) noexcept {
  const std::uint64_t b = std::uint64_t{1} << t.id;
  const OpKind k = t.pending.kind;
  const bool blocks = k == OpKind::lock || k == OpKind::get || k == OpKind::join ||
                      k == OpKind::wake || k == OpKind::acquire ||
                      (k == OpKind::release && (t.pending.flags & kPhaseEnd) == kPhase);  // arrive
  block_bits_ = (block_bits_ & ~b) | (blocks ? b : 0);
  wake_bits_ = (wake_bits_ & ~b) | (k == OpKind::wake ? b : 0);
  spawn_bits_ = (spawn_bits_ & ~b) | (k == OpKind::spawn ? b : 0);
  spin_bits_ = (spin_bits_ & ~b) | (t.spinning ? b : 0);
}

// Runs before every step: brings the view up to date (refresh_view: what the last step changed;
// rebuild_view: everything, at a run's start or after a filter edited it), then the rarer passes
// (spurious-only waiters, spinners, twins) only when some thread could need them.
// build_view, refresh_view and step run once per step, each from one caller (loop): forced
// inline, they cost 2.5% fewer instructions per run (seed, fixed, 4 workers, callgrind).
[[gnu::always_inline]] inline bool Engine::build_view() {
  if (view_dirty_) {
    rebuild_view();
  } else {
    refresh_view();
  }
#ifndef NDEBUG
  check_view();
#endif
  const std::uint64_t on = on_bits_;
  twin_held_ = 0;                                // hold_waiting_twins() sets it again
  const bool waiters = (on & wake_bits_) != 0;   // a condition_variable wake is pending somewhere
  const bool spinners = (on & spin_bits_) != 0;  // some thread is marked spinning
  enabled_mask_ = on;
  // A waiter that only a spurious wake-up could free is not a way forward: when nothing else can
  // run, the program relies on a wake-up the platform never promised, and that is a deadlock (the
  // lost wake-up's signature). Spurious wake-ups happen only while another thread can run. Nor
  // is leaving such a waiter a preemption: it was waiting (Choice::spurious_only).
  spurious_bits_ = waiters ? spurious_only() : 0;
  current_enabled_ = current_ >= 0 && (((on & ~spurious_bits_) >> current_) & 1U) != 0;
  if (waiters && on == spurious_bits_) {
    for (ThreadView& v : view_) v.enabled = false;
    view_dirty_ = true;
    current_enabled_ = false;
    enabled_mask_ = 0;
    return false;
  }
  stalled_ = false;
  if (spinners) {
    view_dirty_ = true;  // hide_spinners() edits the view and may wake spinners
    hide_spinners();
    current_enabled_ = false;
    enabled_mask_ = 0;
    for (const ThreadView& v : view_) {
      if (!v.enabled) continue;
      enabled_mask_ |= std::uint64_t{1} << v.id;
      if (v.id == current_ && ((spurious_bits_ >> v.id) & 1U) == 0) current_enabled_ = true;
    }
    spurious_bits_ &= enabled_mask_;
  }
  // Symmetry: interchangeable threads waiting for their turn are offered as not enabled, last,
  // so that everything else (spinners, preemptions) is as without symmetry and a token found
  // with it replays without it step for step.
  if (symmetry_) hold_waiting_twins();
  return on != 0;
}

// The view from scratch: every live thread, by id ascending.
void Engine::rebuild_view() {
  view_.clear();
  live_bits_ = on_bits_ = block_bits_ = wake_bits_ = spawn_bits_ = spin_bits_ = 0;
  for (int i = 0; i < nthreads_; ++i) {
    const ThreadRec& t = thread_at(i);
    if (t.finished) continue;
    const bool on = enabled(t);
    view_slot_[static_cast<std::size_t>(i)] = static_cast<int>(view_.size());
    view_.push_back(ThreadView{i, on, op_desc(t)});
    live_bits_ |= std::uint64_t{1} << i;
    if (on) on_bits_ |= std::uint64_t{1} << i;
    note_pending(t);
  }
  view_threads_ = nthreads_;
  view_dirty_ = false;
}

// After a step of view_stepped_: only that thread's operation changed (or it finished), the
// threads it started are new, a pending spawn names a new thread id if it started any, and of
// the others only those about to block may have become enabled or disabled (a non-blocking
// operation is always enabled) — and only if the step's operation was on the object they wait
// for (the mutex, queue, semaphore, condition variable, or the thread a join waits for: a
// step changes only its own object). A condition-variable wait or wake is asked about
// everybody, to be safe (the mutex it goes with is its caller's next step, but the cost is low).
[[gnu::always_inline]] inline void Engine::refresh_view() {
  const std::uint64_t old_on = on_bits_;
  const int known = view_threads_;  // threads past it are new: asked whatever they wait for
  const int t = view_stepped_;
  const ThreadRec& th = thread_at(t);
  const std::uint64_t tb = std::uint64_t{1} << t;
  if (th.finished) {
    const auto slot = static_cast<std::size_t>(view_slot_[static_cast<std::size_t>(t)]);
    view_.erase(view_.begin() + static_cast<std::ptrdiff_t>(slot));
    for (std::size_t k = slot; k < view_.size(); ++k)
      view_slot_[static_cast<std::size_t>(view_[k].id)] = static_cast<int>(k);
    live_bits_ &= ~tb;
    block_bits_ &= ~tb;
    wake_bits_ &= ~tb;
    spawn_bits_ &= ~tb;
    spin_bits_ &= ~tb;
  } else {
    view_[static_cast<std::size_t>(view_slot_[static_cast<std::size_t>(t)])].next = op_desc(th);
    note_pending(th);
  }
  if (nthreads_ != view_threads_) {
    for (std::uint64_t m = spawn_bits_ & live_bits_; m != 0; m &= m - 1) {
      const int i = std::countr_zero(m);
      view_[static_cast<std::size_t>(view_slot_[static_cast<std::size_t>(i)])].next =
          op_desc(thread_at(i));
    }
    for (int i = view_threads_; i < nthreads_; ++i) {
      const ThreadRec& n = thread_at(i);
      if (n.finished) continue;
      view_slot_[static_cast<std::size_t>(i)] = static_cast<int>(view_.size());
      view_.push_back(ThreadView{i, false, op_desc(n)});
      live_bits_ |= std::uint64_t{1} << i;
      note_pending(n);
    }
    view_threads_ = nthreads_;
  }
  const bool everybody = view_op_.kind == OpKind::wait || view_op_.kind == OpKind::wake;
  std::uint64_t on = (live_bits_ & ~block_bits_) | (old_on & block_bits_ & live_bits_);
  for (std::uint64_t m = live_bits_ & block_bits_; m != 0; m &= m - 1) {
    const int i = std::countr_zero(m);
    const std::uint64_t b = std::uint64_t{1} << i;
    if (!everybody && i != t && i < known &&
        view_[static_cast<std::size_t>(view_slot_[static_cast<std::size_t>(i)])].next.object !=
            view_op_.object)
      continue;  // waits for an object the step did not touch: as it was
    on = enabled(thread_at(i)) ? on | b : on & ~b;
  }
  for (std::uint64_t m = (on ^ old_on) & live_bits_; m != 0; m &= m - 1) {
    const int i = std::countr_zero(m);
    ThreadView& v = view_[static_cast<std::size_t>(view_slot_[static_cast<std::size_t>(i)])];
    v.enabled = !v.enabled;
  }
  on_bits_ = on;
}

// Debug builds: the view kept up to date equals the view built from scratch.
void Engine::check_view() {
  std::size_t k = 0;
  std::uint64_t live = 0, on = 0;
  for (int i = 0; i < nthreads_; ++i) {
    const ThreadRec& t = thread_at(i);
    if (t.finished) continue;
    live |= std::uint64_t{1} << i;
    const bool e = enabled(t);
    if (e) on |= std::uint64_t{1} << i;
    const OpDesc op = op_desc(t);
    if (k >= view_.size() || view_[k].id != i || view_[k].enabled != e ||
        view_[k].next.object != op.object || view_[k].next.kind != op.kind ||
        view_[k].next.flags != op.flags ||
        view_slot_[static_cast<std::size_t>(i)] != static_cast<int>(k) ||
        (((spin_bits_ >> i) & 1U) != 0) != t.spinning)
      internal_failure("the engine's view of thread " + std::to_string(i) +
                       " is out of date at step " + std::to_string(step_ + 1));
    ++k;
  }
  if (k != view_.size() || live != live_bits_ || on != on_bits_)
    internal_failure("the engine's view is out of date at step " + std::to_string(step_ + 1));
}

std::uint64_t Engine::spurious_only() const noexcept {
  std::uint64_t out = 0;
  for (std::uint64_t m = on_bits_ & wake_bits_; m != 0; m &= m - 1) {
    const int i = std::countr_zero(m);
    const ThreadRec& t = thread_at(i);
    const PendingOp& p = t.pending;
    if (p.flags & kTimed) continue;
    if (!waiters_of(object_at(p.object)).may_wake(t.id)) out |= std::uint64_t{1} << i;
  }
  return out;
}

void Engine::check_pick(int t) {
  // The usual case: an id the view offered (build no message).
  if (t >= 0 && t < nthreads_ && (enabled_mask_ & (std::uint64_t{1} << t)) != 0) return;
  if (t >= 0 && t < nthreads_) {
    const ThreadRec& th = thread_at(t);
    if (!th.finished && enabled(th)) return;  // offered as a spinner's turn, or hidden as one
  }
  const std::string at = "step " + std::to_string(step_ + 1) + " chooses ";
  if (t < 0 || t >= nthreads_) {
    throw ScheduleMisfit(at + "thread " + std::to_string(t) +
                         ", which does not exist (threads so far: 0-" +
                         std::to_string(nthreads_ - 1) + ")");
  }
  const ThreadRec& th = thread_at(t);
  if (th.finished) throw ScheduleMisfit(at + name_of(t) + ", which has finished");
  throw ScheduleMisfit(at + name_of(t) + ", which is blocked: it " + waits_text(th));
}

[[gnu::always_inline]] inline void Engine::step(int t) {
  ThreadRec& th = thread_at(t);
  in_step_ = true;
  running_ = &th;
  step_effect_ = StepEffect::progress;
  if (stalled_) ++th.stall_turns;
  if (!threads_shared_ && t != 0 && th.pending.object >= 0 && th.pending.kind != OpKind::join)
    threads_shared_ = true;
  if (th.spinning) [[unlikely]]
    resume_spinner(th);
  else
    th.fiber.resume();
  running_ = nullptr;
  if (step_effect_ == StepEffect::progress) {
    th.seen.clear();
    th.spinning = false;
    th.fresh_args = false;
    ++progress_;
    if (stall_steps_ > 0 || stalled_) {
      for (int i = 0; i < nthreads_; ++i) thread_at(i).stall_turns = 0;
    }
    stall_steps_ = 0;
  } else if (stalled_) {
    ++stall_steps_;
  }
  if (th.fiber.finished()) th.fiber.release(stacks_);
  // Threads this step spawned run up to their first operation now, in id order (threads are
  // primed in id order, so only those past primed_ are new; no rescan of every thread).
  const int spawned_from = primed_;
  while (primed_ < nthreads_) prime(thread_at(primed_));
  if (symmetry_) {
    if (th.sym_group >= 0) sym_stepped(th);
    for (int i = spawned_from; i < nthreads_; ++i) sym_arrive(thread_at(i));
  }
  in_step_ = false;
}

void Engine::conclude(Scheduler& strategy) {
  // No thread is enabled. Idle workers (blocked in get on an empty open queue) are how the
  // seed's program ends; anything else blocked is a deadlock.
  bool quiescent = true;
  for (const ThreadView& v : view_) {
    const ThreadRec& t = thread_at(v.id);
    if (t.pending.kind != OpKind::get) quiescent = false;
  }
  if (!view_.empty())
    (void)strategy.pick(Choice{&view_, current_, step_, live_bits_, enabled_mask_, true});
  if (!quiescent) {
    add_violation(Outcome::deadlock, "deadlock", "", deadlock_message(), -1);
    return;
  }
  if (!end_check_) return;
  phase_ = Phase::end_check;
  for (Violation v : end_check_()) {
    if (v.kind == Outcome::ok) v.kind = Outcome::property_violated;
    violations_.push_back(std::move(v));
  }
}

void Engine::snapshot_next() {
  next_.clear();
  for (const ThreadView& v : view_) {
    ThreadRec& t = thread_at(v.id);
    ThreadNext n;
    n.thread = v.id;
    n.name = name_of(v.id);
    n.enabled = v.enabled;
    n.op = step_record(t);
    if (!v.enabled) n.waits = waits_text(t);
    next_.push_back(std::move(n));
  }
}

}  // namespace racelab::model::detail
