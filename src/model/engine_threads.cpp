// The lives of the model's threads: a fiber started on its first turn, the body run and its
// escaping exception reported as Python prints it, and every fiber unwound and every kept object
// released when a run ends, whatever stopped it.
#include <exception>
#include <memory>
#include <string>
#include <utility>

#include "model/contract.hpp"
#include "model/engine.hpp"
#include "model/stall_watch.hpp"
#include "racelab/python_errors.hpp"

namespace racelab::model::detail {

void Engine::prime(ThreadRec& t) {
  t.primed = true;
  ++primed_;
  t.fiber.start(home_, stacks_, &Engine::fiber_entry, &t);
  running_ = &t;
  beat(t.id, OpKind::start, {});  // the stall watchdog: this thread runs now (stall_watch.hpp)
  t.fiber.resume();
  running_ = nullptr;
}

void Engine::fiber_entry(void* arg) noexcept {
  Engine::active()->thread_main(*static_cast<ThreadRec*>(arg));
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
    } catch (const PythonError& e) {
      id = e.type();
      line = python_error_line(e);
    } catch (const std::exception& e) {
      id = python_error_type(e);
      line = python_error_line(e);
    } catch (...) {
      // Also the forced unwind of a cancelled fiber (cancelled_op), which ends here: with
      // me.cancelling set, nothing is reported.
      if (!me.cancelling) {
        id = current_exception_type();
        line = current_exception_line();
      }
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
    if (first < 0) internal_failure("a fiber suspended while it was being unwound");
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
