// The execution loop and the lives of the fibers. The operations themselves are in
// engine_ops.cpp, the words people read in engine_text.cpp.
#include "model/engine.hpp"

#include <exception>
#include <stdexcept>
#include <utility>

#include "model/contract.hpp"
#include "racelab/python_errors.hpp"

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
  name_counts_.clear();
  sym_groups_.clear();
  symmetry_ = config.symmetry;
  progress_ = 0;
  stall_steps_ = 0;
  stalled_ = false;
}

RunEnd Engine::loop(Scheduler& strategy, const RunConfig& config) {
  const std::size_t max_steps = config.max_steps > 0 ? config.max_steps : 20000;
  const bool has_length = config.schedule_length != std::numeric_limits<std::size_t>::max();
  prime(new_thread(nullptr));  // MainThread runs up to its first operation
  for (;;) {
    if (build_view() == 0) {
      conclude(strategy);
      if (config.describe != nullptr && *config.describe) state_ = (*config.describe)();
      if (has_length && step_ < config.schedule_length) {
        throw ScheduleMisfit("the execution ended after step " + std::to_string(step_) +
                             ", but the token has " +
                             std::to_string(config.schedule_length - step_) + " more step(s)");
      }
      return RunEnd::ended;
    }
    if (livelocked()) {
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
    const int t = strategy.pick(Choice{&view_, current_, step_});
    if (t == -1) return RunEnd::abandoned;
    check_pick(t);
    const ThreadRec& chosen = thread_at(t);
    const OpDesc op = op_desc(chosen);
    const bool preemption = current_ >= 0 && t != current_ && current_enabled_;
    if (preemption) ++preemptions_;
    choices_.push_back(static_cast<std::uint8_t>(t));
    if (tracing_) {
      trace_.steps.push_back(step_record(chosen));
      trace_.steps.back().preemption = preemption;
    }
    current_ = t;
    thread_at(t).stepped = true;
    if (symmetry_ && chosen.sym_group >= 0) sym_record(thread_at(t));
    step(t);
    strategy.executed(t, op);
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

// Runs before every step: one pass over the threads, and the rarer passes (spurious-only
// waiters, spinners) only when some thread could need them.
int Engine::build_view() {
  view_.clear();
  int enabled_count = 0;
  bool waiters = false;   // a condition_variable wake is pending somewhere
  bool spinners = false;  // some thread is marked spinning
  current_enabled_ = false;
  enabled_mask_ = 0;
  for (int i = 0; i < nthreads_; ++i) {
    const ThreadRec& t = thread_at(i);
    if (t.finished) continue;
    const bool on = enabled(t);
    view_.push_back(ThreadView{i, on, op_desc(t)});
    if (!on) continue;
    ++enabled_count;
    enabled_mask_ |= std::uint64_t{1} << i;
    waiters |= t.pending.kind == OpKind::wake;
    spinners |= t.spinning;
    if (i == current_) current_enabled_ = true;
  }
  // A waiter that only a spurious wake-up could free is not a way forward: when nothing else can
  // run, the program relies on a wake-up the platform never promised, and that is a deadlock (the
  // lost wake-up's signature). Spurious wake-ups happen only while another thread can run.
  if (waiters && enabled_count == spurious_only()) {
    for (ThreadView& v : view_) v.enabled = false;
    current_enabled_ = false;
    enabled_mask_ = 0;
    return 0;
  }
  stalled_ = false;
  if (spinners) {
    hide_spinners();
    current_enabled_ = false;
    enabled_mask_ = 0;
    for (const ThreadView& v : view_) {
      if (!v.enabled) continue;
      enabled_mask_ |= std::uint64_t{1} << v.id;
      if (v.id == current_) current_enabled_ = true;
    }
  }
  // Symmetry: interchangeable threads waiting for their turn are offered as not enabled, last,
  // so that everything else (spinners, preemptions) is as without symmetry and a token found
  // with it replays without it step for step.
  if (symmetry_) hold_waiting_twins();
  return enabled_count;
}

int Engine::spurious_only() const noexcept {
  int n = 0;
  for (const ThreadView& v : view_) {
    if (!v.enabled) continue;
    const ThreadRec& t = thread_at(v.id);
    const PendingOp& p = t.pending;
    if (p.kind != OpKind::wake || (p.flags & kTimed)) continue;
    if (!object_at(p.object).as<CondVarState>().may_wake(t.id)) ++n;
  }
  return n;
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

void Engine::step(int t) {
  ThreadRec& th = thread_at(t);
  in_step_ = true;
  running_ = &th;
  step_effect_ = StepEffect::progress;
  if (stalled_) ++th.stall_turns;
  th.fiber.resume();
  running_ = nullptr;
  if (step_effect_ == StepEffect::progress) {
    th.seen.clear();
    th.spinning = false;
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

void Engine::prime(ThreadRec& t) {
  t.primed = true;
  ++primed_;
  t.fiber.start(home_, stacks_, &Engine::fiber_entry, &t);
  running_ = &t;
  t.fiber.resume();
  running_ = nullptr;
}

void Engine::fiber_entry(void* arg) noexcept {
  t_active->thread_main(*static_cast<ThreadRec*>(arg));
}

void Engine::thread_main(ThreadRec& me) noexcept {
  {
    std::string id;
    std::string line;
    try {
      if (me.id == 0) {
        body_();
      } else {
        me.body();
      }
    } catch (const Cancelled&) {
      // Unwound at the end of the execution: nothing to report.
    } catch (const PythonError& e) {
      id = e.type();
      line = python_error_line(e);
    } catch (const std::exception& e) {
      id = "RuntimeError";
      line = python_error_line(e);
    } catch (...) {
      id = "RuntimeError";
      line = "RuntimeError: exception of unknown type";
    }
    // The captures die on their own thread, as std::thread's do (they may still use the model).
    me.body = nullptr;
    if (!id.empty() && !me.cancelling) {
      me.raised = add_violation(Outcome::uncaught_exception, id, name_of(me.id), line,
                                in_step_ ? static_cast<int>(step_) : -1);
      me.raised_line = std::move(line);
    }
  }
  if (!me.cancelling) {
    me.pending = PendingOp{OpKind::exit, 0, -1, nullptr, {}};
    me.fiber.suspend();
    if (!me.cancelling && me.raised >= 0) {
      // The escape shows at the thread's exit step (Step::raised), where Python prints it.
      violations_[static_cast<std::size_t>(me.raised)].step = static_cast<int>(step_);
    }
  }
  me.finished = true;  // a join waiting for this thread is enabled from the next step on
}

void Engine::conclude(Scheduler& strategy) {
  // No thread is enabled. Idle workers (blocked in get on an empty open queue) are how the
  // seed's program ends; anything else blocked is a deadlock.
  bool quiescent = true;
  for (const ThreadView& v : view_) {
    const ThreadRec& t = thread_at(v.id);
    if (t.pending.kind != OpKind::get) quiescent = false;
  }
  if (!view_.empty()) (void)strategy.pick(Choice{&view_, current_, step_});
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

void Engine::unwind_all() {
  phase_ = Phase::unwinding;
  in_step_ = false;
  // Newest first: a thread usually uses what the thread that started it owns, so it lets go of
  // its locks before its creator's stack (and the objects on it) unwinds.
  for (int t = nthreads_ - 1; t >= 0; --t) unwind(t);
}

void Engine::unwind(int t) {
  ThreadRec& th = thread_at(t);
  if (th.finished || th.cancelling) return;
  th.cancelling = true;
  if (!th.fiber.started()) {  // spawned, never primed (the run stopped inside its spawn step)
    th.body = nullptr;
    th.finished = true;
    return;
  }
  for (;;) {
    running_ = &th;
    th.fiber.resume();
    running_ = nullptr;
    if (th.fiber.finished()) break;
    const int first = std::exchange(th.unwind_first, -1);
    if (first < 0) contract_failure("a fiber suspended while it was being unwound");
    unwind(first);  // a join in a destructor waits for its thread: unwind that one first
  }
  th.fiber.release(stacks_);
  th.finished = true;
}

void Engine::release_kept() noexcept {
  phase_ = Phase::releasing;
  // Last kept, first released, like objects on a stack.
  while (!keep_.empty()) {
    std::shared_ptr<void> p = std::move(keep_.back());
    keep_.pop_back();
    p.reset();
  }
}

}  // namespace racelab::model::detail
