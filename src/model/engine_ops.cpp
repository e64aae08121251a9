// The visible operations: object records, the scheduling point, threads, labels and failures
// (the hooks on mutexes, queues and cells are in engine_objects.cpp). Each hook has three modes:
//
//   mode        when                                        what a hook does
//   running     a fiber of the execution calls it           scheduling point, then the operation
//                                                           with its happens-before effect
//   inspection  no fiber runs (EndCheck, describe, objects  the operation at once: no scheduling,
//               released after the end)                     no clocks, never blocks
//   cancelling  a fiber being unwound calls it              like inspection; or its stack is
//                                                           unwound (see cancelled_op)
#include <unwind.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <system_error>
#include <utility>

#include "model/contract.hpp"
#include "model/engine.hpp"

namespace racelab::model::detail {

namespace {

const char* kind_name(rt::ObjectKind k) {
  switch (k) {
    case rt::ObjectKind::mutex: return "mutex";
    case rt::ObjectKind::queue: return "queue";
    case rt::ObjectKind::cell: return "shared cell";
    case rt::ObjectKind::recursive_mutex: return "recursive_mutex";
    case rt::ObjectKind::shared_mutex: return "shared_mutex";
    case rt::ObjectKind::condvar: return "condition_variable";
    case rt::ObjectKind::atomic: return "atomic";
    case rt::ObjectKind::semaphore: return "semaphore";
    case rt::ObjectKind::latch: return "latch";
    case rt::ObjectKind::barrier: return "barrier";
  }
  return "object";
}

// "a mutex", "an atomic": the kind with its article, for the messages below.
std::string a_kind(rt::ObjectKind k) {
  const std::string name = kind_name(k);
  return (name.front() == 'a' ? "an " : "a ") + name;
}

// Whether a record of kind `have` serves a hook asking for `want`: every mutex kind locks.
bool serves(rt::ObjectKind have, rt::ObjectKind want) {
  if (have == want) return true;
  return want == rt::ObjectKind::mutex &&
         (have == rt::ObjectKind::recursive_mutex || have == rt::ObjectKind::shared_mutex);
}

// How often a fiber may swallow the unwinding (catch (...) without rethrow) before we give up.
constexpr int kMaxCancelThrows = 1000;

// The unwinding of a cancelled fiber: a forced unwind (_Unwind_ForcedUnwind, the mechanism of
// pthread_cancel), not a C++ throw. A throw walks the stack twice (the search for a handler,
// then the cleanups); a forced unwind walks it once, running the same cleanups — destructors,
// and catch (...) blocks, which see it as a foreign exception — and its stop function lets it go
// on to Engine::thread_main's catch (...), which ends it. On an execution that ends with idle
// workers this was most of the run's cost (stale-teardown buggy: 58% of all instructions in the
// unwinder). `catch (const std::exception&)` in code under test lets it through.
constexpr _Unwind_Exception_Class kCancelClass = 0x524c42'434e434cULL;  // "RLBCNCL"

struct CancelUnwind {
  _Unwind_Exception header;  // first: the runtime hands back a pointer to it
  ThreadRec* thread;
};

// Called when the unwind is over: thread_main's catch (...) ended it, or code under test
// swallowed it with a catch (...) of its own (the fiber then runs on; its next hook unwinds again).
void cancel_finished(_Unwind_Reason_Code, _Unwind_Exception* e) {
  auto* c = reinterpret_cast<CancelUnwind*>(e);
  c->thread->unwinding = false;
  delete c;
}

_Unwind_Reason_Code keep_unwinding(int, _Unwind_Action actions, _Unwind_Exception_Class,
                                   _Unwind_Exception* header, _Unwind_Context*, void*) {
  // thread_main's catch (...) is above every frame of code under test: never the stack's end.
  // Were it reached, the unwinder could only abort; say why first.
  if ((actions & _UA_END_OF_STACK) != 0) {
    const auto* c = reinterpret_cast<const CancelUnwind*>(header);
    internal_failure("the unwinding of thread " + std::to_string(c->thread->id) +
                     "'s fiber reached the end of its stack without meeting racelab's catch");
  }
  return _URC_NO_REASON;
}

}  // namespace

// ---- Records -------------------------------------------------------------------------------

ThreadRec& Engine::new_thread(const char* target) {
  if (nthreads_ == kMaxThreads) {
    contract_failure("more than " + std::to_string(kMaxThreads) +
                     " threads in one execution; the model explores small programs");
  }
  if (static_cast<std::size_t>(nthreads_) == threads_.size())
    threads_.push_back(std::make_unique<ThreadRec>());
  if (nthreads_ > 0) threads_started_ = true;
  ThreadRec& t = thread_at(nthreads_);
  t.id = nthreads_++;
  // A reused record whose target is the same keeps its name (Thread-N depends on N, its slot).
  if (const char* text = target != nullptr ? target : "";
      std::strcmp(t.target.c_str(), text) != 0) {
    t.target = text;
    t.name.clear();
  }
  t.body = nullptr;
  t.primed = false;
  t.stepped = false;
  t.sym_group = -1;
  t.sym_prev = -1;
  t.sym_next = -1;
  t.sym_history = 0;
  t.sym_distinct = false;
  t.sym_wait = false;
  t.finished = false;
  t.cancelling = false;
  t.unwinding = false;
  t.cancel_throws = 0;
  t.in_completion = 0;
  t.unwind_first = -1;
  t.dropped = false;
  t.pending = PendingOp{};
  t.clock.clear();
  t.clock.set(t.id, 1);
  t.raised = -1;
  t.raised_line.clear();
  t.fenced = false;
  t.fence_release.clear();
  t.acquire_pending.clear();
  t.weak_store = WeakAccess{};
  t.weak_load = WeakAccess{};
  t.iriw_last = t.iriw_first = t.iriw_second = WeakAccess{};
  t.unordered_read = UnorderedRead{};
  t.spurious_left = spurious_budget_;
  t.awaited_phase = 0;
  t.seen.clear();
  t.spinning = false;
  t.fresh_args = false;
  t.spin_since = 0;
  t.stall_turns = 0;
  return t;
}

rt::object_id Engine::new_object(rt::ObjectKind kind, const char* name, source_loc loc,
                                 const char* prefix) {
  if (running_ == nullptr || running_->cancelling) return -1;  // an inert object: inspections only
  if (nobjects_ > kIndexMask) {
    contract_failure("more than " + std::to_string(kIndexMask + 1) +
                     " sync objects in one execution (" + where(loc) + ")");
  }
  if (static_cast<std::size_t>(nobjects_) == objects_.size())
    objects_.push_back(std::make_unique<ObjectRec>());
  ObjectRec& o = object_at(nobjects_);
  o.reset(kind);
  if (name != nullptr) {
    o.name_as(name);
  } else {
    // "mutex#1": numbered per kind (or prefix) in creation order, so the same prefix names the
    // same object in every execution. The prefixes are kept for the engine's lifetime (a
    // deque: the records point at them) and their counts start again at each execution.
    const char* p = prefix != nullptr ? prefix : kind_name(kind);
    auto it = std::find_if(name_counts_.begin(), name_counts_.end(),
                           [&](const auto& c) { return std::strcmp(c.first.c_str(), p) == 0; });
    if (it == name_counts_.end()) it = name_counts_.insert(name_counts_.end(), {p, 0});
    o.number_as(&it->first, ++it->second);
  }
  const int index = nobjects_++;
  return static_cast<rt::object_id>(((generation_ & 0x7fff) << kIndexBits) | index);
}

void Engine::delete_object(rt::object_id id) noexcept {
  if (id < 0) return;
  const int index = index_of(id);
  if (static_cast<std::uint32_t>(id >> kIndexBits) != (generation_ & 0x7fff) || index >= nobjects_)
    return;
  ObjectRec& o = object_at(index);
  o.alive = false;
  if (phase_ != Phase::running || running_ == nullptr || running_->cancelling) return;
  if (serves(o.kind, rt::ObjectKind::mutex)) {
    const MutexState& m = o.as<MutexState>();
    if (m.held() || !m.readers.empty()) {
      try {
        add_violation(Outcome::assertion_failed, "misuse", name_of(running_->id),
                      name_of(running_->id) + " destroys " + o.name() + " while " +
                          name_of(m.held() ? m.owner : m.readers.front()) + " holds it",
                      in_step_ ? static_cast<int>(step_) : -1);
      } catch (...) {  // out of memory while wording it: the destructor must not throw
      }
    }
  }
}

ObjectRec* Engine::find(rt::object_id id, rt::ObjectKind kind) noexcept {
  if (id < 0) return nullptr;
  const int index = index_of(id);
  if (static_cast<std::uint32_t>(id >> kIndexBits) != (generation_ & 0x7fff) || index >= nobjects_)
    return nullptr;
  ObjectRec& o = object_at(index);
  return serves(o.kind, kind) ? &o : nullptr;
}

// An uncaught exception that ended another thread earlier in this execution: its unwinding most
// likely destroyed what a thread uses after it, and it is the error to fix first (new-user trial
// 5: a thread's use of a dead local hid MainThread's exception). "" when there is none.
std::string Engine::exception_before() const {
  for (const Violation& v : violations_) {
    if (v.kind != Outcome::uncaught_exception) continue;
    return "; before it, " + v.thread + " ended with an uncaught exception (" + v.message +
           "), which destroyed what its stack held while this thread still ran";
  }
  return std::string();
}

ObjectRec& Engine::use(const ThreadRec& me, rt::object_id id, rt::ObjectKind kind, source_loc loc) {
  ObjectRec* o = find(id, kind);
  if (o == nullptr && me.dropped) {
    // Its sync::thread died joinable, and the object was most likely a local of the scope that
    // ended: once that frame is gone its bytes are anyone's, so the id read from them names no
    // object (a thread that outlives the whole body: the bytes are the finished fiber's stack).
    contract_failure(name_of(me.id) + " (" + where(loc) + ") uses " + a_kind(kind) +
                     " that no longer exists, and its sync::thread was destroyed without a join "
                     "(std::thread would call std::terminate there): join it before the objects "
                     "it uses go out of scope, or hand objects it outlives to keep_until_end()" +
                     exception_before());
  }
  if (o == nullptr) {
    contract_failure(name_of(me.id) + " (" + where(loc) + ") uses " + a_kind(kind) +
                     " that does not belong to this execution: create sync objects inside the "
                     "explored body, and hand objects that threads outlive to keep_until_end()" +
                     exception_before());
  }
  if (!o->alive) used_after_death(me, *o, loc);
  return *o;
}

// Also when the object died while the thread waited at its scheduling point for it (step_on):
// a thread whose sync::thread was dropped writes a local of a scope that has ended since.
void Engine::used_after_death(const ThreadRec& me, const ObjectRec& o, source_loc loc) {
  if (me.dropped) {  // the likely cause: the thread outlived its sync::thread
    contract_failure(name_of(me.id) + " (" + where(loc) + ") uses " + o.name() +
                     " after it was destroyed, and its sync::thread was destroyed without a "
                     "join (std::thread would call std::terminate there): join it before the "
                     "objects it uses go out of scope" +
                     exception_before());
  }
  contract_failure(name_of(me.id) + " (" + where(loc) + ") uses " + o.name() +
                   " after it was destroyed: join the threads that use an object before it "
                   "goes out of scope (a use after scope is undefined behaviour in C++), or hand "
                   "an object that idle threads outlive to keep_until_end()" +
                   exception_before());
}

// ---- Scheduling points ---------------------------------------------------------------------

// visible() and step_on(), the scheduling point itself, are in engine.hpp (inline: a thread
// being unwound is unwound from inside them, and every frame costs the unwinder).

// A fiber being unwound reached a hook. Operations that destructors perform (unlock, close, join)
// never unwind: unwinding out of a destructor would terminate. The others unwind the fiber's
// stack, unless it is already being unwound (then they act as inspections).
bool Engine::cancelled_op(ThreadRec& me, OpKind kind) {
  if (kind == OpKind::unlock || kind == OpKind::close || kind == OpKind::join ||
      kind == OpKind::exit) {
    return false;
  }
  // Already unwinding (a destructor's hook): let the cleanup run on, as in inspection mode.
  if (me.unwinding || std::uncaught_exceptions() > 0) return false;
  // Inside a barrier's completion function (noexcept: unwinding through it would terminate):
  // the hook acts as an inspection, the function runs to its end, and the thread is unwound at
  // its next hook outside it. One that never ends that way is stopped with a message.
  if (me.in_completion > 0) {
    if (++me.cancel_throws > kMaxCancelThrows) {
      contract_failure(name_of(me.id) +
                       "'s barrier completion function still runs after the execution ended "
                       "(it waits, or spins, for something no thread will do): racelab cannot "
                       "unwind a noexcept function; a completion function must not block");
    }
    return false;
  }
  if (++me.cancel_throws > kMaxCancelThrows) {
    contract_failure(name_of(me.id) +
                     " keeps catching racelab's unwinding exception: code under the model must "
                     "not swallow it with catch (...) (rethrow, or catch std::exception)");
  }
  auto* c = new CancelUnwind{};
  c->header.exception_class = kCancelClass;
  c->header.exception_cleanup = cancel_finished;
  c->thread = &me;
  me.unwinding = true;
  leaving_frames_below();
  _Unwind_ForcedUnwind(&c->header, keep_unwinding, nullptr);
  internal_failure("racelab could not unwind the stack of " + name_of(me.id));
}

void Engine::cancel_join(ThreadRec& me, int t) {
  ThreadRec& target = thread_at(t);
  if (target.finished || target.cancelling) return;
  me.unwind_first = t;  // the scheduler unwinds t, then resumes us: the join then returns
  me.fiber.suspend();
}

// ---- Threads -------------------------------------------------------------------------------

rt::thread_id Engine::spawn(const char* target, std::function<void()> body, source_loc loc) {
  ThreadRec* me = running_;
  if (me == nullptr) {
    contract_failure(std::string("a thread (") + (target ? target : "?") + ", " + where(loc) +
                     ") was started outside a running execution (from an EndCheck or a "
                     "destructor after the end?)");
  }
  if (!visible(*me, PendingOp{OpKind::spawn, 0, -1, target, loc})) return -1;
  ThreadRec& child = new_thread(target);
  child.body = std::move(body);
  child.clock = me->clock;  // spawn happens before everything the child does
  child.clock.set(child.id, 1);
  me->clock.tick(me->id);
  return child.id;
}

void Engine::join(rt::thread_id t, source_loc loc) {
  ThreadRec* me = running_;
  if (me == nullptr) return;
  if (t < 0 || t >= nthreads_) {
    if (me->cancelling) return;
    throw std::system_error(std::make_error_code(std::errc::invalid_argument),
                            "thread::join of a thread that is not joinable (" + where(loc) + ")");
  }
  if (t == me->id) {
    if (me->cancelling) return;
    throw std::system_error(std::make_error_code(std::errc::resource_deadlock_would_occur),
                            "thread::join of itself (" + where(loc) + ")");
  }
  if (!visible(*me, PendingOp{OpKind::join, 0, t, nullptr, loc})) {
    cancel_join(*me, t);
    return;
  }
  me->clock.join(thread_at(t).clock);  // exit → join
}

void Engine::thread_dropped(rt::thread_id t, source_loc started) noexcept {
  if (running_ != nullptr && running_->unwinding) return;  // a cleanup, not a misuse
  if (t < 0 || t >= nthreads_) return;
  thread_at(t).dropped = true;
  // While an exception of the code under test unwinds, that exception is the report.
  if (!unjoined_note_.empty() || phase_ != Phase::running || std::uncaught_exceptions() > 0) return;
  try {
    unjoined_note_ = name_of(t) + " (started at " + where(started) +
                     ") was not joined: its sync::thread was destroyed while joinable, and the "
                     "model let the thread run on, as a Python thread does — but the real "
                     "mapping is std::thread, which calls std::terminate there: join it";
  } catch (...) {  // out of memory for a note: no note
  }
}

rt::thread_id Engine::current() const noexcept { return running_ != nullptr ? running_->id : 0; }

const std::string& Engine::thread_name(rt::thread_id t) {
  static const std::string not_a_thread = "(not a thread)";
  if (t < 0 || t >= nthreads_) return not_a_thread;
  return name_of(t);
}

// ---- Labels, values, failures --------------------------------------------------------------

void Engine::yield(const char* what, source_loc loc) {
  ThreadRec* me = running_;
  if (me == nullptr) return;
  if (visible(*me, PendingOp{OpKind::yield, 0, -1, what != nullptr ? what : "yield", loc}))
    step_effect_ = StepEffect::neutral;
}

bool Engine::tracing() const noexcept {
  return tracing_ && in_step_ && running_ != nullptr && !running_->cancelling;
}

void Engine::note_value(std::string value) {
  if (tracing()) set_value(std::move(value));
}

void Engine::set_value(std::string value) {
  if (tracing_ && in_step_ && !trace_.steps.empty()) trace_.steps.back().value = std::move(value);
}

void Engine::fail(const std::string& message) {
  if (running_ != nullptr && !running_->cancelling && phase_ == Phase::running) {
    add_violation(Outcome::assertion_failed, "assertion", name_of(running_->id), message,
                  in_step_ ? static_cast<int>(step_) : -1);
  } else if (running_ == nullptr && phase_ == Phase::end_check) {
    add_violation(Outcome::assertion_failed, "assertion", "", message, -1);
  }
  // While unwinding or releasing, the execution's verdict is already made.
}

void Engine::keep(std::shared_ptr<void> p) {
  if (phase_ == Phase::releasing || phase_ == Phase::idle) return;  // dies now, as the caller's
  keep_.push_back(std::move(p));
}

int Engine::add_violation(Outcome kind, std::string id, std::string thread, std::string message,
                          int step, std::vector<int> related) {
  violations_.push_back(Violation{kind, std::move(id), std::move(thread), std::move(message), step,
                                  std::move(related)});
  return static_cast<int>(violations_.size() - 1);
}

}  // namespace racelab::model::detail
