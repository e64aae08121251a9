// racelab/sync/real/atomic.hpp — the real mapping's data: atomic<T> (a std::atomic<T>),
// atomic_flag (a std::atomic_flag), atomic_thread_fence, var<T> (the bare value:
// ThreadSanitizer sees plain accesses) and check.
// Part of racelab/sync/real.hpp; include racelab/sync.hpp.
#pragma once

#include <atomic>
#include <cstddef>
#include <string>
#include <type_traits>

#include "racelab/source_loc.hpp"
#include "racelab/sync/real/base.hpp"

namespace racelab::sync::inline real {

namespace detail {
template <class T>
inline constexpr bool atomic_arithmetic = std::is_integral_v<T> && !std::is_same_v<T, bool>;
}  // namespace detail

// std::atomic<T> for integral, bool, enum and pointer T; names and locations are dropped. Operators
// are seq_cst, as std's are.
template <class T>
class atomic {
  static_assert(std::is_integral_v<T> || std::is_enum_v<T> || std::is_pointer_v<T>,
                "sync::atomic<T>: T must be an integral type, bool, an enum or a pointer");
  using diff = std::conditional_t<std::is_pointer_v<T>, std::ptrdiff_t, T>;

 public:
  using value_type = T;
  using difference_type = diff;
  static constexpr bool is_always_lock_free = std::atomic<T>::is_always_lock_free;

  atomic() noexcept : a_() {}
  atomic(T v) noexcept : a_(v) {}  // NOLINT: implicit, as std::atomic's
  atomic(const char* /*name*/, T v) noexcept : a_(v) {}
  atomic(const atomic&) = delete;
  atomic& operator=(const atomic&) = delete;

  T load(std::memory_order mo = std::memory_order_seq_cst,
         source_loc = source_loc::current()) const noexcept {
    detail::maybe_noise();
    return a_.load(mo);
  }
  void store(T v, std::memory_order mo = std::memory_order_seq_cst,
             source_loc = source_loc::current()) noexcept {
    detail::maybe_noise();
    a_.store(v, mo);
  }
  T exchange(T v, std::memory_order mo = std::memory_order_seq_cst,
             source_loc = source_loc::current()) noexcept {
    detail::maybe_noise();
    return a_.exchange(v, mo);
  }
  bool compare_exchange_weak(T& expected, T desired,
                             std::memory_order mo = std::memory_order_seq_cst,
                             source_loc = source_loc::current()) noexcept {
    detail::maybe_noise();
    return a_.compare_exchange_weak(expected, desired, mo);
  }
  bool compare_exchange_weak(T& expected, T desired, std::memory_order success,
                             std::memory_order failure,
                             source_loc = source_loc::current()) noexcept {
    detail::maybe_noise();
    return a_.compare_exchange_weak(expected, desired, success, failure);
  }
  bool compare_exchange_strong(T& expected, T desired,
                               std::memory_order mo = std::memory_order_seq_cst,
                               source_loc = source_loc::current()) noexcept {
    detail::maybe_noise();
    return a_.compare_exchange_strong(expected, desired, mo);
  }
  bool compare_exchange_strong(T& expected, T desired, std::memory_order success,
                               std::memory_order failure,
                               source_loc = source_loc::current()) noexcept {
    detail::maybe_noise();
    return a_.compare_exchange_strong(expected, desired, success, failure);
  }

  T fetch_add(diff d, std::memory_order mo = std::memory_order_seq_cst,
              source_loc = source_loc::current()) noexcept
      requires(detail::atomic_arithmetic<T> || std::is_pointer_v<T>) {
    detail::maybe_noise();
    return a_.fetch_add(d, mo);
  }
  T fetch_sub(diff d, std::memory_order mo = std::memory_order_seq_cst,
              source_loc = source_loc::current()) noexcept
      requires(detail::atomic_arithmetic<T> || std::is_pointer_v<T>) {
    detail::maybe_noise();
    return a_.fetch_sub(d, mo);
  }
  T fetch_and(T v, std::memory_order mo = std::memory_order_seq_cst,
              source_loc = source_loc::current()) noexcept requires detail::atomic_arithmetic<T> {
    detail::maybe_noise();
    return a_.fetch_and(v, mo);
  }
  T fetch_or(T v, std::memory_order mo = std::memory_order_seq_cst,
             source_loc = source_loc::current()) noexcept requires detail::atomic_arithmetic<T> {
    detail::maybe_noise();
    return a_.fetch_or(v, mo);
  }
  T fetch_xor(T v, std::memory_order mo = std::memory_order_seq_cst,
              source_loc = source_loc::current()) noexcept requires detail::atomic_arithmetic<T> {
    detail::maybe_noise();
    return a_.fetch_xor(v, mo);
  }

  // C++20's wait/notify: std's (libstdc++ waits on a futex).
  void wait(T old, std::memory_order mo = std::memory_order_seq_cst,
            source_loc = source_loc::current()) const noexcept {
    detail::maybe_noise();
    a_.wait(old, mo);
  }
  void notify_one(source_loc = source_loc::current()) noexcept {
    detail::maybe_noise();
    a_.notify_one();
  }
  void notify_all(source_loc = source_loc::current()) noexcept {
    detail::maybe_noise();
    a_.notify_all();
  }

  operator T() const noexcept { return load(); }  // NOLINT: implicit, as std::atomic's
  T operator=(T v) noexcept {
    store(v);
    return v;
  }
  T operator++() noexcept requires(detail::atomic_arithmetic<T> || std::is_pointer_v<T>) {
    return fetch_add(1) + 1;
  }
  T operator++(int) noexcept requires(detail::atomic_arithmetic<T> || std::is_pointer_v<T>) {
    return fetch_add(1);
  }
  T operator--() noexcept requires(detail::atomic_arithmetic<T> || std::is_pointer_v<T>) {
    return fetch_sub(1) - 1;
  }
  T operator--(int) noexcept requires(detail::atomic_arithmetic<T> || std::is_pointer_v<T>) {
    return fetch_sub(1);
  }
  T operator+=(diff d) noexcept requires(detail::atomic_arithmetic<T> || std::is_pointer_v<T>) {
    return fetch_add(d) + d;
  }
  T operator-=(diff d) noexcept requires(detail::atomic_arithmetic<T> || std::is_pointer_v<T>) {
    return fetch_sub(d) - d;
  }

  // Answered at compile time where the type always is (clang calls libatomic's
  // __atomic_is_lock_free otherwise, and racelab does not link libatomic).
  bool is_lock_free() const noexcept {
    if constexpr (std::atomic<T>::is_always_lock_free) {
      return true;
    } else {
      return a_.is_lock_free();
    }
  }

 private:
  std::atomic<T> a_;
};

// std::atomic_flag; the name and locations are dropped. Clear at construction, as in C++20;
// `atomic_flag f = ATOMIC_FLAG_INIT;` ({0}) compiles too (the int constructor sets the flag when
// given anything else, as in the model mapping).
class atomic_flag {
 public:
  atomic_flag() noexcept = default;
  explicit atomic_flag(const char* /*name*/) noexcept {}
  atomic_flag(int set) noexcept {  // NOLINT: implicit, for ATOMIC_FLAG_INIT
    if (set != 0) f_.test_and_set(std::memory_order_relaxed);
  }
  atomic_flag(const atomic_flag&) = delete;
  atomic_flag& operator=(const atomic_flag&) = delete;

  bool test_and_set(std::memory_order mo = std::memory_order_seq_cst,
                    source_loc = source_loc::current()) noexcept {
    detail::maybe_noise();
    return f_.test_and_set(mo);
  }
  void clear(std::memory_order mo = std::memory_order_seq_cst,
             source_loc = source_loc::current()) noexcept {
    detail::maybe_noise();
    f_.clear(mo);
  }
  bool test(std::memory_order mo = std::memory_order_seq_cst,
            source_loc = source_loc::current()) const noexcept {
    detail::maybe_noise();
    return f_.test(mo);
  }
  void wait(bool old, std::memory_order mo = std::memory_order_seq_cst,
            source_loc = source_loc::current()) const noexcept {
    detail::maybe_noise();
    f_.wait(old, mo);
  }
  void notify_one(source_loc = source_loc::current()) noexcept {
    detail::maybe_noise();
    f_.notify_one();
  }
  void notify_all(source_loc = source_loc::current()) noexcept {
    detail::maybe_noise();
    f_.notify_all();
  }

 private:
  std::atomic_flag f_;
};

inline void atomic_thread_fence(std::memory_order mo, source_loc = source_loc::current()) noexcept {
  detail::maybe_noise();
  std::atomic_thread_fence(mo);
}

// Plain shared data that reads like plain code: here it is the bare value, so every read and
// write is an ordinary memory access and ThreadSanitizer reports a data race on it as on an int.
// A compound assignment is a read and then a write, as it is in plain code.
template <class T>
class var {
 public:
  var() : v_() {}
  var(T v) : v_(v) {}  // NOLINT: `var<int> x = 5;` reads like plain code
  var(const char* /*name*/, T v) : v_(v) {}
  var(const var&) = delete;
  // `x = y;` between two vars: a read of y and a write of x.
  var& operator=(const var& o) { return *this = o.get(); }

  T get(source_loc = source_loc::current()) const {
    detail::maybe_noise();
    return v_;
  }
  operator T() const { return get(); }  // NOLINT: reads like plain code
  var& operator=(T v) {
    detail::maybe_noise();
    v_ = v;
    return *this;
  }

  var& operator+=(T v) { return *this = static_cast<T>(get() + v); }
  var& operator-=(T v) { return *this = static_cast<T>(get() - v); }
  var& operator*=(T v) { return *this = static_cast<T>(get() * v); }
  var& operator/=(T v) { return *this = static_cast<T>(get() / v); }
  var& operator%=(T v) { return *this = static_cast<T>(get() % v); }
  var& operator&=(T v) { return *this = static_cast<T>(get() & v); }
  var& operator|=(T v) { return *this = static_cast<T>(get() | v); }
  var& operator^=(T v) { return *this = static_cast<T>(get() ^ v); }
  var& operator++() { return *this += 1; }
  var& operator--() { return *this -= 1; }
  T operator++(int) {
    const T old = get();
    *this = static_cast<T>(old + 1);
    return old;
  }
  T operator--(int) {
    const T old = get();
    *this = static_cast<T>(old - 1);
    return old;
  }

 private:
  T v_;
};

// An assertion of the program under test. Here a failure is recorded as Python's AssertionError
// escaping the calling thread (racelab/thread_exceptions.hpp: printed unless echo is off, and
// returned by recorded_thread_exceptions(), type "AssertionError", line "AssertionError:
// <message> (file:line)"); the thread is not stopped — check returns and the program runs on, so a failed
// check cannot turn into a hang of the threads that wait for this one. The model backend reports
// the same failure as the violation id "assertion"; Relacy as USER ASSERT FAILED.
inline void check(bool cond, const char* message, source_loc loc = source_loc::current()) {
  if (!cond) detail::check_failed(message, loc);
}
// A message built at run time ("balance " + std::to_string(b)), as model::check takes.
inline void check(bool cond, const std::string& message, source_loc loc = source_loc::current()) {
  check(cond, message.c_str(), loc);
}

}  // namespace racelab::sync::inline real
