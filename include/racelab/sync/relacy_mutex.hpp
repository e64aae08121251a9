// racelab/sync/relacy_mutex.hpp — the Relacy mapping's blocking primitives: mutex,
// recursive_mutex, shared_mutex, condition_variable, once_flag and call_once,
// counting_semaphore. Part of racelab/sync/relacy.hpp (after Relacy itself); not a header to
// include on its own. Relacy keeps a char* to every name: pass literals.
#pragma once

#ifndef RL_RELACY_HPP
#error "racelab/sync/relacy_mutex.hpp is part of racelab/sync/relacy.hpp: include that instead"
#endif

#include <chrono>
#include <climits>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <utility>

#include "racelab/source_loc.hpp"
#include "racelab/sync/locks.hpp"
#include "racelab/sync/relacy_iteration.hpp"
#include "racelab/thread_annotations.hpp"

namespace racelab::sync::inline relacy {

using common::lock_guard;
using common::scoped_lock;
using common::shared_lock;
using common::unique_lock;

class condition_variable;

// A mutual-exclusion lock (Python's threading.Lock), an rl::mutex. Relocking it from the owner
// is Relacy's RECURSION ON NON-RECURSIVE MUTEX — the deadlock Python would have.
class RACELAB_CAPABILITY("mutex") mutex {
 public:
  mutex() = default;
  explicit mutex(const char* name) : name_(name) {}
  mutex(const mutex&) = delete;
  mutex& operator=(const mutex&) = delete;

  void lock(source_loc loc = source_loc::current()) RACELAB_ACQUIRE() {
    m_.lock(detail::info(name_, loc));
  }
  void unlock(source_loc loc = source_loc::current()) RACELAB_RELEASE() {
    m_.unlock(detail::info(name_, loc));
  }
  // May fail spuriously, as std::mutex::try_lock may (Relacy explores that too: once per mutex).
  bool try_lock(source_loc loc = source_loc::current()) RACELAB_TRY_ACQUIRE(true) {
    return m_.try_lock(detail::info(name_, loc));
  }

 private:
  friend class condition_variable;
  const char* name_ = "mutex";
  rl::mutex m_;
};

// A re-entrant lock (Python's threading.RLock), an rl::recursive_mutex.
class RACELAB_CAPABILITY("mutex") recursive_mutex {
 public:
  recursive_mutex() = default;
  explicit recursive_mutex(const char* name) : name_(name) {}
  recursive_mutex(const recursive_mutex&) = delete;
  recursive_mutex& operator=(const recursive_mutex&) = delete;

  void lock(source_loc loc = source_loc::current()) RACELAB_ACQUIRE() {
    m_.lock(detail::info(name_, loc));
  }
  void unlock(source_loc loc = source_loc::current()) RACELAB_RELEASE() {
    m_.unlock(detail::info(name_, loc));
  }
  bool try_lock(source_loc loc = source_loc::current()) RACELAB_TRY_ACQUIRE(true) {
    return m_.try_lock(detail::info(name_, loc));
  }

 private:
  const char* name_ = "rlock";
  rl::recursive_mutex m_;
};

using recursive_lock_guard = lock_guard<recursive_mutex>;

namespace detail {
struct shared_mutex_tag;
}  // namespace detail

// A readers-writer lock: Relacy's generic reader-writer mutex (the one behind its
// pthread_rwlock_t and SRWLOCK), not recursive in either mode, try_lock may fail spuriously as
// std::shared_mutex's may. A reader that asks for the write lock is Relacy's
// MUTEX READ TO WRITE UPGRADE.
class RACELAB_CAPABILITY("mutex") shared_mutex {
 public:
  shared_mutex() : shared_mutex("shared_mutex") {}
  explicit shared_mutex(const char* name) : name_(name) {
    m_.init(/*is_rw=*/true, /*is_exclusive_recursive=*/false, /*is_shared_recursive=*/false,
            /*failing_try_lock=*/true, detail::info(name_, source_loc::current()));
  }
  ~shared_mutex() { m_.deinit(detail::info(name_, source_loc::current())); }
  shared_mutex(const shared_mutex&) = delete;
  shared_mutex& operator=(const shared_mutex&) = delete;

  void lock(source_loc loc = source_loc::current()) RACELAB_ACQUIRE() {
    m_.lock_exclusive(detail::info(name_, loc));
  }
  void unlock(source_loc loc = source_loc::current()) RACELAB_RELEASE() {
    m_.unlock_exclusive(detail::info(name_, loc));
  }
  bool try_lock(source_loc loc = source_loc::current()) RACELAB_TRY_ACQUIRE(true) {
    return m_.try_lock_exclusive(detail::info(name_, loc));
  }
  void lock_shared(source_loc loc = source_loc::current()) RACELAB_ACQUIRE_SHARED() {
    m_.lock_shared(detail::info(name_, loc));
  }
  void unlock_shared(source_loc loc = source_loc::current()) RACELAB_RELEASE_SHARED() {
    m_.unlock_shared(detail::info(name_, loc));
  }
  bool try_lock_shared(source_loc loc = source_loc::current()) RACELAB_TRY_ACQUIRE_SHARED(true) {
    return m_.try_lock_shared(detail::info(name_, loc));
  }

 private:
  const char* name_;
  rl::generic_mutex<detail::shared_mutex_tag> m_;
};

// An rl::condition_variable (std semantics, spurious wake-ups included: Relacy explores them).
// A timed wait may time out at any point — Relacy has no clock, so the time given is ignored and
// both wait_for and wait_until are "a wait that may time out".
class condition_variable {
 public:
  condition_variable() = default;
  explicit condition_variable(const char* name) : name_(name) {}
  condition_variable(const condition_variable&) = delete;
  condition_variable& operator=(const condition_variable&) = delete;

  void notify_one(source_loc loc = source_loc::current()) {
    cv_.notify_one(detail::info(name_, loc));
  }
  void notify_all(source_loc loc = source_loc::current()) {
    cv_.notify_all(detail::info(name_, loc));
  }

  void wait(unique_lock<mutex>& lk, source_loc loc = source_loc::current()) {
    cv_.wait(native(lk, loc), detail::info(name_, loc));
  }
  template <class Pred>
  void wait(unique_lock<mutex>& lk, Pred pred, source_loc loc = source_loc::current()) {
    while (!pred()) wait(lk, loc);
  }

  template <class Rep, class Period>
  std::cv_status wait_for(unique_lock<mutex>& lk, const std::chrono::duration<Rep, Period>&,
                          source_loc loc = source_loc::current()) {
    return timed_wait(lk, loc);
  }
  template <class Rep, class Period, class Pred>
  bool wait_for(unique_lock<mutex>& lk, const std::chrono::duration<Rep, Period>&, Pred pred,
                source_loc loc = source_loc::current()) {
    return timed_wait(lk, std::move(pred), loc);
  }
  template <class Clock, class Duration>
  std::cv_status wait_until(unique_lock<mutex>& lk, const std::chrono::time_point<Clock, Duration>&,
                            source_loc loc = source_loc::current()) {
    return timed_wait(lk, loc);
  }
  template <class Clock, class Duration, class Pred>
  bool wait_until(unique_lock<mutex>& lk, const std::chrono::time_point<Clock, Duration>&,
                  Pred pred, source_loc loc = source_loc::current()) {
    return timed_wait(lk, std::move(pred), loc);
  }

 private:
  rl::mutex& native(unique_lock<mutex>& lk, source_loc loc) {
    if (lk.mutex() == nullptr || !lk.owns_lock()) {
      detail::fail(rl::test_result_user_assert_failed,
                   "racelab: condition_variable::wait with a unique_lock that holds no mutex", loc);
    }
    return lk.mutex()->m_;
  }
  std::cv_status timed_wait(unique_lock<mutex>& lk, source_loc loc) {
    // Relacy reports a timeout and a spurious wake-up alike (not "success").
    return cv_.wait_for(native(lk, loc), 0, detail::info(name_, loc)) ? std::cv_status::no_timeout
                                                                      : std::cv_status::timeout;
  }
  template <class Pred>
  bool timed_wait(unique_lock<mutex>& lk, Pred pred, source_loc loc) {
    while (!pred()) {
      if (timed_wait(lk, loc) == std::cv_status::timeout) return pred();
    }
    return true;
  }

  const char* name_ = "condition_variable";
  rl::condition_variable cv_;
};

// std::once_flag and std::call_once, built from Relacy primitives as libstdc++ builds it: a fast
// path that loads `done` with acquire (a caller that finds it set synchronises with the call
// that completed, and with nothing else), and a slow path under an rl::mutex that runs f and
// publishes `done` with release if f returns. An exception leaves the flag not done, as std's
// does, and the next caller runs f.
class once_flag {
 public:
  once_flag() = default;
  explicit once_flag(const char* name) : name_(name) {}
  once_flag(const once_flag&) = delete;
  once_flag& operator=(const once_flag&) = delete;

 private:
  template <class F, class... Args>
  friend void call_once(once_flag& flag, F&& f, Args&&... args);
  const char* name_ = "once_flag";
  rl::mutex m_;
  rl::atomic<bool> done_{false};
};

template <class F, class... Args>
void call_once(once_flag& flag, F&& f, Args&&... args) {
  const rl::debug_info at = detail::info(flag.name_, source_loc::current());
  if (flag.done_.load(rl::memory_order_acquire, at)) return;
  flag.m_.lock(at);
  std::exception_ptr failed;
  if (!flag.done_.load(rl::memory_order_relaxed, at)) {
    try {
      std::invoke(std::forward<F>(f), std::forward<Args>(args)...);
    } catch (...) {
      failed = std::current_exception();
    }
    if (failed == nullptr) flag.done_.store(true, rl::memory_order_release, at);
  }
  // Unlocked outside the handler: unlock is a scheduling point, and every Relacy thread shares
  // this OS thread's stack of caught exceptions (see run_thread in racelab/sync/relacy.hpp).
  flag.m_.unlock(at);
  if (failed) std::rethrow_exception(failed);
}

namespace detail {
struct semaphore_tag;
}  // namespace detail

// std::counting_semaphore as Relacy's semaphore (no spurious wake-ups, as std's acquire has
// none; try_acquire never fails spuriously here either). A release() that would raise the count
// above max() is undefined behaviour in std; here it fails the iteration (USER ASSERT FAILED)
// with that message.
template <std::ptrdiff_t Max = PTRDIFF_MAX>
class counting_semaphore {
  static_assert(Max >= 0, "counting_semaphore<Max>: Max must not be negative");

 public:
  explicit counting_semaphore(std::ptrdiff_t desired)
      : counting_semaphore("counting_semaphore", desired) {}
  counting_semaphore(const char* name, std::ptrdiff_t desired) : name_(name) {
    s_.init(false, static_cast<unsigned>(desired), kRelacyMax,
            detail::info(name_, source_loc::current()));
  }
  ~counting_semaphore() { s_.deinit(detail::info(name_, source_loc::current())); }
  counting_semaphore(const counting_semaphore&) = delete;
  counting_semaphore& operator=(const counting_semaphore&) = delete;

  // What the semaphore really counts to: Max, clamped to what Relacy's semaphore counts (as the
  // real mapping clamps it to libstdc++'s limit).
  static constexpr std::ptrdiff_t max() noexcept { return kRelacyMax; }

  void release(std::ptrdiff_t update = 1, source_loc loc = source_loc::current()) {
    unsigned previous = 0;
    if (!s_.post(static_cast<unsigned>(update), previous, detail::info(name_, loc))) {
      detail::fail(rl::test_result_user_assert_failed,
                   "racelab: counting_semaphore::release raises the count above max()", loc);
    }
  }
  void acquire(source_loc loc = source_loc::current()) {
    s_.wait(false, false, detail::info(name_, loc));
  }
  bool try_acquire(source_loc loc = source_loc::current()) {
    return s_.wait(true, false, detail::info(name_, loc)) == rl::sema_wakeup_reason_success;
  }

 private:
  static constexpr unsigned kRelacyMax =
      Max < INT_MAX ? static_cast<unsigned>(Max) : static_cast<unsigned>(INT_MAX - 1);
  const char* name_;
  rl::semaphore<detail::semaphore_tag> s_;
};

using binary_semaphore = counting_semaphore<1>;

}  // namespace racelab::sync::inline relacy
