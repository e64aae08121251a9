// racelab/sync/locks.hpp — the lock holders of the facade, the same for every backend.
//
// lock_guard, unique_lock, shared_lock and scoped_lock as std spells them, written once against
// the facade's mutex contract (lock/unlock/try_lock and lock_shared/unlock_shared/
// try_lock_shared, each taking a trailing source_loc). Each mapping (real, model, relacy) brings
// them into its namespace with `using common::lock_guard;` — a using-declaration of the class
// template, not an alias template, so class template argument deduction works
// (`sync::lock_guard g(m);`, `sync::scoped_lock lk(a, b);`) on g++ 12 and clang 14 alike.
//
// The source location a holder is constructed at is the one its unlock reports (a timeline shows
// where the lock was taken). Misuse throws std::system_error as std does: unlocking a lock that
// is not owned is operation_not_permitted; locking one that is already owned is
// resource_deadlock_would_occur; locking one with no mutex is operation_not_permitted.
//
// Thread-safety annotations (clang -Wthread-safety): lock_guard, unique_lock and shared_lock are
// scoped capabilities, annotated as clang's documentation annotates its own MutexLocker.
// scoped_lock is not annotated: an attribute cannot name the elements of a parameter pack, so
// the analysis does not see what it holds (use lock_guard where the analysis must see a lock).
#pragma once

#include <algorithm>
#include <array>
#include <concepts>
#include <cstddef>
#include <mutex>
#include <system_error>
#include <tuple>
#include <utility>

#include "racelab/source_loc.hpp"
#include "racelab/thread_annotations.hpp"

// The shared-capability attributes (racelab/thread_annotations.hpp spells the exclusive ones).
#ifndef RACELAB_ACQUIRE_SHARED
#define RACELAB_ACQUIRE_SHARED(...) RACELAB_TSA_(acquire_shared_capability(__VA_ARGS__))
#define RACELAB_RELEASE_SHARED(...) RACELAB_TSA_(release_shared_capability(__VA_ARGS__))
#define RACELAB_REQUIRES_SHARED(...) RACELAB_TSA_(requires_shared_capability(__VA_ARGS__))
#define RACELAB_TRY_ACQUIRE_SHARED(...) RACELAB_TSA_(try_acquire_shared_capability(__VA_ARGS__))
#endif

namespace racelab::sync::common {

namespace detail {
[[noreturn]] inline void throw_lock_error(std::errc e, const char* what) {
  throw std::system_error(std::make_error_code(e), what);
}
}  // namespace detail

// Holds a mutex for a scope (std::lock_guard).
template <class Mutex>
class RACELAB_SCOPED_CAPABILITY lock_guard {
 public:
  using mutex_type = Mutex;

  explicit lock_guard(Mutex& m, source_loc loc = source_loc::current()) RACELAB_ACQUIRE(m)
      : m_(m), loc_(loc) {
    m_.lock(loc_);
  }
  // Takes over a lock the caller already holds.
  lock_guard(Mutex& m, std::adopt_lock_t, source_loc loc = source_loc::current())
      RACELAB_REQUIRES(m)
      : m_(m), loc_(loc) {}
  ~lock_guard() RACELAB_RELEASE() { m_.unlock(loc_); }
  lock_guard(const lock_guard&) = delete;
  lock_guard& operator=(const lock_guard&) = delete;

 private:
  Mutex& m_;
  source_loc loc_;
};

// The name the mappings used before lock_guard was a class template.
template <class Mutex>
using basic_lock_guard = lock_guard<Mutex>;

namespace detail {

// unique_lock and shared_lock differ only in which pair of operations they call. The analysis
// is off inside these three-line forwarders (each takes or drops a lock the caller's annotation
// accounts for: unique_lock and shared_lock below are the annotated scoped capabilities).
struct exclusive_ops {
  template <class M>
  static void lock(M& m, source_loc loc) RACELAB_NO_THREAD_SAFETY_ANALYSIS {
    m.lock(loc);
  }
  template <class M>
  static bool try_lock(M& m, source_loc loc) RACELAB_NO_THREAD_SAFETY_ANALYSIS {
    return m.try_lock(loc);
  }
  template <class M>
  static void unlock(M& m, source_loc loc) RACELAB_NO_THREAD_SAFETY_ANALYSIS {
    m.unlock(loc);
  }
};
struct shared_ops {
  template <class M>
  static void lock(M& m, source_loc loc) RACELAB_NO_THREAD_SAFETY_ANALYSIS {
    m.lock_shared(loc);
  }
  template <class M>
  static bool try_lock(M& m, source_loc loc) RACELAB_NO_THREAD_SAFETY_ANALYSIS {
    return m.try_lock_shared(loc);
  }
  template <class M>
  static void unlock(M& m, source_loc loc) RACELAB_NO_THREAD_SAFETY_ANALYSIS {
    m.unlock_shared(loc);
  }
};

template <class Mutex, class Ops>
class basic_unique_lock {
 public:
  using mutex_type = Mutex;

  basic_unique_lock() noexcept = default;
  basic_unique_lock(basic_unique_lock&& o) noexcept
      : m_(std::exchange(o.m_, nullptr)), owns_(std::exchange(o.owns_, false)), loc_(o.loc_) {}
  basic_unique_lock& operator=(basic_unique_lock&& o) {
    if (owns_) Ops::unlock(*m_, loc_);
    m_ = std::exchange(o.m_, nullptr);
    owns_ = std::exchange(o.owns_, false);
    loc_ = o.loc_;
    return *this;
  }
  ~basic_unique_lock() {
    if (owns_) Ops::unlock(*m_, loc_);
  }
  basic_unique_lock(const basic_unique_lock&) = delete;
  basic_unique_lock& operator=(const basic_unique_lock&) = delete;

  void lock(source_loc loc = source_loc::current()) {
    check_lockable("lock");
    Ops::lock(*m_, loc);
    owns_ = true;
    loc_ = loc;
  }
  bool try_lock(source_loc loc = source_loc::current()) {
    check_lockable("try_lock");
    owns_ = Ops::try_lock(*m_, loc);
    if (owns_) loc_ = loc;
    return owns_;
  }
  void unlock(source_loc loc = source_loc::current()) {
    if (!owns_) throw_lock_error(std::errc::operation_not_permitted, "unlock of an unowned lock");
    Ops::unlock(*m_, loc);
    owns_ = false;
  }

  void swap(basic_unique_lock& o) noexcept {
    std::swap(m_, o.m_);
    std::swap(owns_, o.owns_);
    std::swap(loc_, o.loc_);
  }
  // Disassociates the mutex without unlocking it; returns it.
  Mutex* release() noexcept {
    owns_ = false;
    return std::exchange(m_, nullptr);
  }
  Mutex* mutex() const noexcept { return m_; }
  bool owns_lock() const noexcept { return owns_; }
  explicit operator bool() const noexcept { return owns_; }

 protected:
  basic_unique_lock(Mutex& m, bool owns, source_loc loc) noexcept
      : m_(&m), owns_(owns), loc_(loc) {}

 private:
  void check_lockable(const char* what) const {
    if (m_ == nullptr) throw_lock_error(std::errc::operation_not_permitted, what);
    if (owns_) throw_lock_error(std::errc::resource_deadlock_would_occur, what);
  }

  Mutex* m_ = nullptr;
  bool owns_ = false;
  source_loc loc_{};
};

}  // namespace detail

// A movable lock holder (std::unique_lock): condition_variable::wait takes one.
template <class Mutex>
class RACELAB_SCOPED_CAPABILITY unique_lock
    : public detail::basic_unique_lock<Mutex, detail::exclusive_ops> {
  using base = detail::basic_unique_lock<Mutex, detail::exclusive_ops>;

 public:
  unique_lock() noexcept = default;
  explicit unique_lock(Mutex& m, source_loc loc = source_loc::current()) RACELAB_ACQUIRE(m)
      : base(m, false, loc) {
    base::lock(loc);
  }
  unique_lock(Mutex& m, std::defer_lock_t) noexcept RACELAB_EXCLUDES(m)
      : base(m, false, source_loc{}) {}
  unique_lock(Mutex& m, std::try_to_lock_t, source_loc loc = source_loc::current())
      : base(m, false, loc) {
    base::try_lock(loc);
  }
  unique_lock(Mutex& m, std::adopt_lock_t, source_loc loc = source_loc::current())
      RACELAB_REQUIRES(m)
      : base(m, true, loc) {}
  unique_lock(unique_lock&&) noexcept = default;
  unique_lock& operator=(unique_lock&&) = default;
  ~unique_lock() RACELAB_RELEASE() = default;

  void lock(source_loc loc = source_loc::current()) RACELAB_ACQUIRE() { base::lock(loc); }
  bool try_lock(source_loc loc = source_loc::current()) RACELAB_TRY_ACQUIRE(true) {
    return base::try_lock(loc);
  }
  void unlock(source_loc loc = source_loc::current()) RACELAB_RELEASE() { base::unlock(loc); }
  void swap(unique_lock& o) noexcept { base::swap(o); }
  friend void swap(unique_lock& a, unique_lock& b) noexcept { a.swap(b); }
};

// A movable holder of a shared (reader) lock (std::shared_lock): lock() is lock_shared().
template <class Mutex>
class RACELAB_SCOPED_CAPABILITY shared_lock
    : public detail::basic_unique_lock<Mutex, detail::shared_ops> {
  using base = detail::basic_unique_lock<Mutex, detail::shared_ops>;

 public:
  shared_lock() noexcept = default;
  explicit shared_lock(Mutex& m, source_loc loc = source_loc::current()) RACELAB_ACQUIRE_SHARED(m)
      : base(m, false, loc) {
    base::lock(loc);
  }
  shared_lock(Mutex& m, std::defer_lock_t) noexcept RACELAB_EXCLUDES(m)
      : base(m, false, source_loc{}) {}
  shared_lock(Mutex& m, std::try_to_lock_t, source_loc loc = source_loc::current())
      : base(m, false, loc) {
    base::try_lock(loc);
  }
  shared_lock(Mutex& m, std::adopt_lock_t, source_loc loc = source_loc::current())
      RACELAB_REQUIRES_SHARED(m)
      : base(m, true, loc) {}
  shared_lock(shared_lock&&) noexcept = default;
  shared_lock& operator=(shared_lock&&) = default;
  ~shared_lock() RACELAB_RELEASE() = default;

  void lock(source_loc loc = source_loc::current()) RACELAB_ACQUIRE_SHARED() { base::lock(loc); }
  bool try_lock(source_loc loc = source_loc::current()) RACELAB_TRY_ACQUIRE_SHARED(true) {
    return base::try_lock(loc);
  }
  void unlock(source_loc loc = source_loc::current()) RACELAB_RELEASE_SHARED() {
    base::unlock(loc);
  }
  void swap(shared_lock& o) noexcept { base::swap(o); }
  friend void swap(shared_lock& a, shared_lock& b) noexcept { a.swap(b); }
};

// What scoped_lock does after a round that backed off. A mapping overloads it for its own mutex
// types (found by argument-dependent lookup) with its spin hint, this_thread::yield(loc); a mutex
// type of no mapping gets this fallback, which does nothing.
template <class Mutex>
void racelab_backoff_hint(const Mutex&, source_loc) {}

// A mapping may rank its mutexes in one global order: racelab_lock_rank(m), found by
// argument-dependent lookup, returning a number. scoped_lock then takes them in rank order.
template <class Mutex>
concept ranked_mutex = requires(const Mutex& m) {
  { racelab_lock_rank(m) } -> std::convertible_to<long>;
};

// Locks every mutex it is given, in any order the threads name them, without deadlock
// (std::scoped_lock). Where the mapping ranks its mutexes (the model does, by creation order) it
// takes them in rank order: deadlock-free with no back-off, so an exhaustive checker meets
// finitely many schedules — std::lock's back-off can, in principle, retry forever, and every
// retry is another schedule to explore. Otherwise std::lock's algorithm — lock one, try_lock the
// others; if one is busy, unlock them all and start again from the one that was busy. Each
// try_lock, lock and unlock is a facade operation, so a checker sees every step.
// clang's thread-safety analysis cannot name a pack of capabilities, so scoped_lock opts out of
// it (RACELAB_NO_THREAD_SAFETY_ANALYSIS): code that annotates its members RACELAB_GUARDED_BY
// should take those locks with lock_guard or unique_lock, which the analysis follows.
template <class... Mutexes>
class scoped_lock {
 public:
  explicit scoped_lock(Mutexes&... ms,
                       source_loc loc = source_loc::current()) RACELAB_NO_THREAD_SAFETY_ANALYSIS
      : ms_(ms...),
        loc_(loc) {
    if constexpr (sizeof...(Mutexes) == 1) {
      detail::exclusive_ops::lock(std::get<0>(ms_), loc_);
    } else if constexpr (sizeof...(Mutexes) > 1 && (ranked_mutex<Mutexes> && ...)) {
      lock_ranked();
    } else if constexpr (sizeof...(Mutexes) > 1) {
      lock_all();
    }
  }
  scoped_lock(std::adopt_lock_t, Mutexes&... ms, source_loc loc = source_loc::current())
      : ms_(ms...), loc_(loc) {}
  ~scoped_lock() RACELAB_NO_THREAD_SAFETY_ANALYSIS {
    std::apply([this](auto&... m) { (detail::exclusive_ops::unlock(m, loc_), ...); }, ms_);
  }
  scoped_lock(const scoped_lock&) = delete;
  scoped_lock& operator=(const scoped_lock&) = delete;

 private:
  static constexpr std::size_t N = sizeof...(Mutexes);

  template <std::size_t I = 0, class F>
  void at(std::size_t i, F&& f) {
    if constexpr (I < N) {
      if (i == I) return f(std::get<I>(ms_));
      at<I + 1>(i, std::forward<F>(f));
    }
  }

  void lock_ranked() RACELAB_NO_THREAD_SAFETY_ANALYSIS {
    std::array<std::pair<long, std::size_t>, N> order{};
    for (std::size_t i = 0; i < N; ++i) {
      at(i, [&](auto& m) { order[i] = {static_cast<long>(racelab_lock_rank(m)), i}; });
    }
    std::sort(order.begin(), order.end());
    for (const auto& [rank, i] : order)
      at(i, [&](auto& m) { detail::exclusive_ops::lock(m, loc_); });
  }

  void lock_all() RACELAB_NO_THREAD_SAFETY_ANALYSIS {
    std::size_t first = 0;
    for (;;) {
      at(first, [&](auto& m) { detail::exclusive_ops::lock(m, loc_); });
      std::size_t failed = N;
      for (std::size_t k = 1; k < N; ++k) {
        const std::size_t i = (first + k) % N;
        bool got = false;
        at(i, [&](auto& m) { got = detail::exclusive_ops::try_lock(m, loc_); });
        if (!got) {
          failed = i;
          // Unlock, newest first, everything taken in this round.
          for (std::size_t back = k; back-- > 0;) {
            at((first + back) % N, [&](auto& m) { detail::exclusive_ops::unlock(m, loc_); });
          }
          break;
        }
      }
      if (failed == N) return;
      // A round that backed off is a spin: say so, as libstdc++'s std::lock yields there. An
      // unfair scheduler (Relacy's full search, the model's exhaustive one) can otherwise replay
      // the same two rounds forever and report a livelock.
      racelab_backoff_hint(std::get<0>(ms_), loc_);
      first = failed;
    }
  }

  std::tuple<Mutexes&...> ms_;
  source_loc loc_;
};

template <class... Mutexes>
scoped_lock(Mutexes&...) -> scoped_lock<Mutexes...>;

}  // namespace racelab::sync::common
