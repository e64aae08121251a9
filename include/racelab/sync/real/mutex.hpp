// racelab/sync/real/mutex.hpp — the real mapping's blocking primitives: mutex, recursive_mutex,
// shared_mutex, condition_variable, once_flag and call_once, counting_semaphore; each the std
// type it names, plus the noise point. Part of racelab/sync/real.hpp; include racelab/sync.hpp.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <semaphore>
#include <shared_mutex>
#include <utility>

#include "racelab/source_loc.hpp"
#include "racelab/sync/locks.hpp"
#include "racelab/sync/real/base.hpp"
#include "racelab/thread_annotations.hpp"

namespace racelab::sync::inline real {

using common::lock_guard;
using common::scoped_lock;
using common::shared_lock;
using common::unique_lock;

// A mutual-exclusion lock (Python's threading.Lock), a std::mutex. Not re-entrant: a thread that
// locks it twice deadlocks, as Lock does. Annotated so clang's -Wthread-safety checks its users.
class RACELAB_CAPABILITY("mutex") mutex {
 public:
  mutex() = default;
  explicit mutex(const char* /*name*/) {}
  mutex(const mutex&) = delete;
  mutex& operator=(const mutex&) = delete;

  void lock(source_loc = source_loc::current()) RACELAB_ACQUIRE() {
    detail::maybe_noise();
    m_.lock();
  }
  void unlock(source_loc = source_loc::current()) RACELAB_RELEASE() {
    m_.unlock();
    detail::maybe_noise();
  }
  bool try_lock(source_loc = source_loc::current()) RACELAB_TRY_ACQUIRE(true) {
    detail::maybe_noise();
    return m_.try_lock();
  }

 private:
  std::mutex m_;
};

// A re-entrant lock (Python's threading.RLock): the owner may lock it again.
class RACELAB_CAPABILITY("mutex") recursive_mutex {
 public:
  recursive_mutex() = default;
  explicit recursive_mutex(const char* /*name*/) {}
  recursive_mutex(const recursive_mutex&) = delete;
  recursive_mutex& operator=(const recursive_mutex&) = delete;

  void lock(source_loc = source_loc::current()) RACELAB_ACQUIRE() {
    detail::maybe_noise();
    m_.lock();
  }
  void unlock(source_loc = source_loc::current()) RACELAB_RELEASE() {
    m_.unlock();
    detail::maybe_noise();
  }
  bool try_lock(source_loc = source_loc::current()) RACELAB_TRY_ACQUIRE(true) {
    detail::maybe_noise();
    return m_.try_lock();
  }

 private:
  std::recursive_mutex m_;
};

// A readers-writer lock, a std::shared_mutex: one writer (lock) or many readers (lock_shared).
class RACELAB_CAPABILITY("mutex") shared_mutex {
 public:
  shared_mutex() = default;
  explicit shared_mutex(const char* /*name*/) {}
  shared_mutex(const shared_mutex&) = delete;
  shared_mutex& operator=(const shared_mutex&) = delete;

  void lock(source_loc = source_loc::current()) RACELAB_ACQUIRE() {
    detail::maybe_noise();
    m_.lock();
  }
  void unlock(source_loc = source_loc::current()) RACELAB_RELEASE() {
    m_.unlock();
    detail::maybe_noise();
  }
  bool try_lock(source_loc = source_loc::current()) RACELAB_TRY_ACQUIRE(true) {
    detail::maybe_noise();
    return m_.try_lock();
  }
  void lock_shared(source_loc = source_loc::current()) RACELAB_ACQUIRE_SHARED() {
    detail::maybe_noise();
    m_.lock_shared();
  }
  void unlock_shared(source_loc = source_loc::current()) RACELAB_RELEASE_SHARED() {
    m_.unlock_shared();
    detail::maybe_noise();
  }
  bool try_lock_shared(source_loc = source_loc::current()) RACELAB_TRY_ACQUIRE_SHARED(true) {
    detail::maybe_noise();
    return m_.try_lock_shared();
  }

 private:
  std::shared_mutex m_;
};

using recursive_lock_guard = lock_guard<recursive_mutex>;

// A condition variable over sync::unique_lock<sync::mutex>: a std::condition_variable_any (the
// facade's unique_lock is not std::unique_lock<std::mutex>). Waits may wake spuriously, as std's
// may: wait with a predicate, or loop.
class condition_variable {
 public:
  condition_variable() = default;
  explicit condition_variable(const char* /*name*/) {}
  condition_variable(const condition_variable&) = delete;
  condition_variable& operator=(const condition_variable&) = delete;

  void notify_one(source_loc = source_loc::current()) noexcept {
    detail::maybe_noise();
    cv_.notify_one();
  }
  void notify_all(source_loc = source_loc::current()) noexcept {
    detail::maybe_noise();
    cv_.notify_all();
  }

  void wait(unique_lock<mutex>& lk, source_loc = source_loc::current()) {
    detail::maybe_noise();
    cv_.wait(lk);
  }
  template <class Pred>
  void wait(unique_lock<mutex>& lk, Pred pred, source_loc loc = source_loc::current()) {
    while (!pred()) wait(lk, loc);
  }

  template <class Rep, class Period>
  std::cv_status wait_for(unique_lock<mutex>& lk, const std::chrono::duration<Rep, Period>& d,
                          source_loc = source_loc::current()) {
    detail::maybe_noise();
    return cv_.wait_for(lk, d);
  }
  template <class Rep, class Period, class Pred>
  bool wait_for(unique_lock<mutex>& lk, const std::chrono::duration<Rep, Period>& d, Pred pred,
                source_loc = source_loc::current()) {
    detail::maybe_noise();
    return cv_.wait_for(lk, d, std::move(pred));
  }

  template <class Clock, class Duration>
  std::cv_status wait_until(unique_lock<mutex>& lk,
                            const std::chrono::time_point<Clock, Duration>& t,
                            source_loc = source_loc::current()) {
    detail::maybe_noise();
    return cv_.wait_until(lk, t);
  }
  template <class Clock, class Duration, class Pred>
  bool wait_until(unique_lock<mutex>& lk, const std::chrono::time_point<Clock, Duration>& t,
                  Pred pred, source_loc = source_loc::current()) {
    detail::maybe_noise();
    return cv_.wait_until(lk, t, std::move(pred));
  }

 private:
  std::condition_variable_any cv_;
};

// std::once_flag and std::call_once.
class once_flag {
 public:
  once_flag() = default;
  explicit once_flag(const char* /*name*/) {}
  once_flag(const once_flag&) = delete;
  once_flag& operator=(const once_flag&) = delete;

 private:
  template <class F, class... Args>
  friend void call_once(once_flag& flag, F&& f, Args&&... args);
  std::once_flag flag_;
};

template <class F, class... Args>
void call_once(once_flag& flag, F&& f, Args&&... args) {
  detail::maybe_noise();
  std::call_once(flag.flag_, std::forward<F>(f), std::forward<Args>(args)...);
}

// std::counting_semaphore. Max defaults to PTRDIFF_MAX (the facade's contract), which is more
// than libstdc++ can count (its default and limit is INT_MAX): Max is clamped to the library's
// limit, and max() says what the semaphore really counts to, as std's max() does.
template <std::ptrdiff_t Max = PTRDIFF_MAX>
class counting_semaphore {
  static_assert(Max >= 0, "counting_semaphore<Max>: Max must not be negative");
  static constexpr std::ptrdiff_t kLimit = std::counting_semaphore<>::max();
  using native = std::counting_semaphore<(Max < kLimit ? Max : kLimit)>;

 public:
  explicit counting_semaphore(std::ptrdiff_t desired) : s_(desired) {}
  counting_semaphore(const char* /*name*/, std::ptrdiff_t desired) : s_(desired) {}
  counting_semaphore(const counting_semaphore&) = delete;
  counting_semaphore& operator=(const counting_semaphore&) = delete;

  static constexpr std::ptrdiff_t max() noexcept { return native::max(); }

  void release(std::ptrdiff_t update = 1, source_loc = source_loc::current()) {
    detail::maybe_noise();
    s_.release(update);
  }
  void acquire(source_loc = source_loc::current()) {
    detail::maybe_noise();
    s_.acquire();
  }
  bool try_acquire(source_loc = source_loc::current()) noexcept {
    detail::maybe_noise();
    return s_.try_acquire();
  }

 private:
  native s_;
};

using binary_semaphore = counting_semaphore<1>;

}  // namespace racelab::sync::inline real
