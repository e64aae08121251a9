// racelab/sync/model/condition_variable.hpp — condition_variable under the model.
//
// A wait is four steps, each a scheduling point, so a timeline shows where a notify can be lost:
//   wait cv      the thread joins the waiters (its lock must own the mutex: else, as in std, a
//                std::system_error, reported as the thread's uncaught exception)
//   unlock m     from here on a notify wakes it
//   wake cv      blocks until notified; may instead wake spuriously (Options::spurious_wakeups
//                per thread, 1 by default) or, for wait_for/wait_until, time out — the timeout is
//                a scheduling choice, never a clock: the model has no time
//   lock m       it competes for the mutex like anyone
// A thread that waits with nobody left to notify it is blocked: if no one else can run, that is a
// deadlock ("waits for a notify on cv"), the lost wake-up's signature.
#pragma once

#include <chrono>
#include <condition_variable>
#include <system_error>
#include <utility>

#include "racelab/model/runtime.hpp"
#include "racelab/source_loc.hpp"
#include "racelab/thread_annotations.hpp"

namespace racelab::sync::inline model {

namespace rt = racelab::model::rt;

class condition_variable {
 public:
  condition_variable(source_loc loc = source_loc::current())  // NOLINT: implicit, as std's
      : id_(rt::new_object(rt::ObjectKind::condvar, nullptr, loc)) {}
  explicit condition_variable(const char* name, source_loc loc = source_loc::current())
      : id_(rt::new_object(rt::ObjectKind::condvar, name, loc)) {}
  ~condition_variable() { rt::delete_object(id_); }
  condition_variable(const condition_variable&) = delete;
  condition_variable& operator=(const condition_variable&) = delete;

  void notify_one(source_loc loc = source_loc::current()) { rt::cv_notify(id_, false, loc); }
  void notify_all(source_loc loc = source_loc::current()) { rt::cv_notify(id_, true, loc); }

  // Lock: a unique_lock of a sync::mutex (sync::unique_lock, or std::unique_lock<sync::mutex>).
  template <class Lock>
  void wait(Lock& lk, source_loc loc = source_loc::current()) {
    (void)wait_once(lk, false, loc);
  }
  template <class Lock, class Pred>
  void wait(Lock& lk, Pred pred, source_loc loc = source_loc::current()) {
    while (!pred()) wait_once(lk, false, loc);
  }
  template <class Lock, class Rep, class Period>
  std::cv_status wait_for(Lock& lk, const std::chrono::duration<Rep, Period>& /*rel_time*/,
                          source_loc loc = source_loc::current()) {
    return wait_once(lk, true, loc) == rt::WakeReason::timeout ? std::cv_status::timeout
                                                               : std::cv_status::no_timeout;
  }
  template <class Lock, class Rep, class Period, class Pred>
  bool wait_for(Lock& lk, const std::chrono::duration<Rep, Period>& /*rel_time*/, Pred pred,
                source_loc loc = source_loc::current()) {
    return timed_wait(lk, std::move(pred), loc);
  }
  template <class Lock, class Clock, class Duration>
  std::cv_status wait_until(Lock& lk, const std::chrono::time_point<Clock, Duration>& /*t*/,
                            source_loc loc = source_loc::current()) {
    return wait_once(lk, true, loc) == rt::WakeReason::timeout ? std::cv_status::timeout
                                                               : std::cv_status::no_timeout;
  }
  template <class Lock, class Clock, class Duration, class Pred>
  bool wait_until(Lock& lk, const std::chrono::time_point<Clock, Duration>& /*t*/, Pred pred,
                  source_loc loc = source_loc::current()) {
    return timed_wait(lk, std::move(pred), loc);
  }

 private:
  // Unlocks and relocks the caller's mutex behind its lock holder's back, as std's wait does:
  // clang's analysis cannot follow that, and the caller holds the lock before and after.
  template <class Lock>
  rt::WakeReason wait_once(Lock& lk, bool timed, source_loc loc) RACELAB_NO_THREAD_SAFETY_ANALYSIS {
    auto* m = lk.mutex();
    if (m == nullptr || !lk.owns_lock()) {
      // What std does: condition_variable_any unlocks the lock first, and an unowned
      // unique_lock throws on unlock.
      throw std::system_error(std::make_error_code(std::errc::operation_not_permitted),
                              "condition_variable::wait with a unique_lock that does not own its "
                              "mutex");
    }
    if (!rt::cv_wait(id_, m->model_id(), loc)) return rt::WakeReason::spurious;
    m->unlock(loc);
    const rt::WakeReason why = rt::cv_wake(id_, timed, loc);
    m->lock(loc);
    return why;
  }
  // As std: wait until pred holds or a wait times out; then pred decides.
  template <class Lock, class Pred>
  bool timed_wait(Lock& lk, Pred pred, source_loc loc) {
    while (!pred()) {
      if (wait_once(lk, true, loc) == rt::WakeReason::timeout) return pred();
    }
    return true;
  }

  rt::object_id id_;
};

}  // namespace racelab::sync::inline model
