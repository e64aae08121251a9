// racelab/sync/relacy_atomic.hpp — the Relacy mapping's data: atomic<T> (an rl::atomic<T>, with
// Relacy's model of every memory order), atomic_flag (over atomic<bool>), atomic_thread_fence,
// var<T> (an rl::var<T>: every access race-checked) and check (a failed iteration). Part of
// racelab/sync/relacy.hpp (after Relacy itself); not a header to include on its own.
#pragma once

#ifndef RL_RELACY_HPP
#error "racelab/sync/relacy_atomic.hpp is part of racelab/sync/relacy.hpp: include that instead"
#endif

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstring>
#include <string>
#include <type_traits>

#include "racelab/source_loc.hpp"
#include "racelab/sync/relacy_iteration.hpp"

namespace racelab::sync::inline relacy {

namespace detail {

// std::memory_order and rl::memory_order list the same six orders in the same order.
inline rl::memory_order rl_order(std::memory_order mo) noexcept {
  static_assert(static_cast<int>(std::memory_order_relaxed) ==
                static_cast<int>(rl::memory_order_relaxed));
  static_assert(static_cast<int>(std::memory_order_seq_cst) ==
                static_cast<int>(rl::memory_order_seq_cst));
  return static_cast<rl::memory_order>(static_cast<int>(mo));
}

template <class T>
inline constexpr bool atomic_arithmetic = std::is_integral_v<T> && !std::is_same_v<T, bool>;

// C++20's atomic wait/notify, which Relacy does not have, built as a futex behaves: the waiter
// compares under a mutex and sleeps on a condition variable, a notify takes and drops the same
// mutex before it signals — so no notify falls between a waiter's compare and its sleep, and a
// waiter that no notify wakes sleeps for good (Relacy: DEADLOCK). One difference from real code:
// the mutex orders the notifier before the woken waiter, an edge a real notify does not make, so
// data published only by a relaxed store and a notify is no race here in the schedules where the
// waiter slept (the model finds it).
class wait_room {
 public:
  template <class Unchanged>
  void wait(Unchanged unchanged, const rl::debug_info& info) {
    m_.lock(info);
    while (unchanged()) cv_.wait(m_, info);
    m_.unlock(info);
  }
  void notify(bool all, const rl::debug_info& info) {
    m_.lock(info);
    m_.unlock(info);
    if (all) {
      cv_.notify_all(info);
    } else {
      cv_.notify_one(info);
    }
  }

 private:
  rl::mutex m_;
  rl::condition_variable cv_;
};

// What an rl::atomic holds for a T: T itself, or an enum's underlying type (Relacy prints every
// value it records with operator<<, which a scoped enum does not have).
template <class T, bool = std::is_enum_v<T>>
struct atomic_rep {
  using type = T;
};
template <class T>
struct atomic_rep<T, true> {
  using type = std::underlying_type_t<T>;
};

}  // namespace detail

// std::atomic<T> for integral, bool, enum and pointer T, as an rl::atomic<T> (an enum as its
// underlying type): each operation is a scheduling point, and Relacy models what each memory
// order allows a load to see (a relaxed load may read an older store). The name is the
// operation's label in Relacy's history.
template <class T>
class atomic {
  static_assert(std::is_integral_v<T> || std::is_enum_v<T> || std::is_pointer_v<T>,
                "sync::atomic<T>: T must be an integral type, bool, an enum or a pointer");
  using diff = std::conditional_t<std::is_pointer_v<T>, std::ptrdiff_t, T>;
  using rep = typename detail::atomic_rep<T>::type;
  static constexpr bool arithmetic = detail::atomic_arithmetic<T> || std::is_pointer_v<T>;

 public:
  using value_type = T;
  using difference_type = diff;
  static constexpr bool is_always_lock_free = true;

  atomic() : a_(rep()) {}
  atomic(T v) : a_(to(v)) {}  // NOLINT: implicit, as std::atomic's
  atomic(const char* name, T v) : name_(name), a_(to(v)) {}
  atomic(const atomic&) = delete;
  atomic& operator=(const atomic&) = delete;

  T load(std::memory_order mo = std::memory_order_seq_cst,
         source_loc loc = source_loc::current()) const {
    return T(a_.load(detail::rl_order(mo), at(loc)));
  }
  void store(T v, std::memory_order mo = std::memory_order_seq_cst,
             source_loc loc = source_loc::current()) {
    a_.store(to(v), detail::rl_order(mo), at(loc));
  }
  T exchange(T v, std::memory_order mo = std::memory_order_seq_cst,
             source_loc loc = source_loc::current()) {
    return T(a_.exchange(to(v), detail::rl_order(mo), at(loc)));
  }
  bool compare_exchange_weak(T& expected, T desired,
                             std::memory_order mo = std::memory_order_seq_cst,
                             source_loc loc = source_loc::current()) {
    return cas(expected, [&](rep& e) {
      return a_.compare_exchange_weak(e, to(desired), detail::rl_order(mo), at(loc));
    });
  }
  bool compare_exchange_weak(T& expected, T desired, std::memory_order success,
                             std::memory_order failure, source_loc loc = source_loc::current()) {
    return cas(expected, [&](rep& e) {
      return a_.compare_exchange_weak(e, to(desired), detail::rl_order(success),
                                      detail::rl_order(failure), at(loc));
    });
  }
  bool compare_exchange_strong(T& expected, T desired,
                               std::memory_order mo = std::memory_order_seq_cst,
                               source_loc loc = source_loc::current()) {
    return cas(expected, [&](rep& e) {
      return a_.compare_exchange_strong(e, to(desired), detail::rl_order(mo), at(loc));
    });
  }
  bool compare_exchange_strong(T& expected, T desired, std::memory_order success,
                               std::memory_order failure, source_loc loc = source_loc::current()) {
    return cas(expected, [&](rep& e) {
      return a_.compare_exchange_strong(e, to(desired), detail::rl_order(success),
                                        detail::rl_order(failure), at(loc));
    });
  }

  T fetch_add(diff d, std::memory_order mo = std::memory_order_seq_cst,
              source_loc loc = source_loc::current()) requires arithmetic {
    return a_.fetch_add(d, detail::rl_order(mo), at(loc));
  }
  T fetch_sub(diff d, std::memory_order mo = std::memory_order_seq_cst,
              source_loc loc = source_loc::current()) requires arithmetic {
    return a_.fetch_sub(d, detail::rl_order(mo), at(loc));
  }
  T fetch_and(T v, std::memory_order mo = std::memory_order_seq_cst,
              source_loc loc = source_loc::current()) requires detail::atomic_arithmetic<T> {
    return a_.fetch_and(v, detail::rl_order(mo), at(loc));
  }
  T fetch_or(T v, std::memory_order mo = std::memory_order_seq_cst,
             source_loc loc = source_loc::current()) requires detail::atomic_arithmetic<T> {
    return a_.fetch_or(v, detail::rl_order(mo), at(loc));
  }
  T fetch_xor(T v, std::memory_order mo = std::memory_order_seq_cst,
              source_loc loc = source_loc::current()) requires detail::atomic_arithmetic<T> {
    return a_.fetch_xor(v, detail::rl_order(mo), at(loc));
  }

  operator T() const { return load(); }  // NOLINT: implicit, as std::atomic's
  T operator=(T v) {
    store(v);
    return v;
  }
  T operator++() requires arithmetic { return fetch_add(1) + 1; }
  T operator++(int) requires arithmetic { return fetch_add(1); }
  T operator--() requires arithmetic { return fetch_sub(1) - 1; }
  T operator--(int) requires arithmetic { return fetch_sub(1); }
  T operator+=(diff d) requires arithmetic { return fetch_add(d) + d; }
  T operator-=(diff d) requires arithmetic { return fetch_sub(d) - d; }

  bool is_lock_free() const noexcept { return true; }

  // C++20's wait/notify (detail::wait_room says how, and what differs from real code).
  void wait(T old, std::memory_order mo = std::memory_order_seq_cst,
            source_loc loc = source_loc::current()) const {
    room_.wait([&] { return a_.load(detail::rl_order(mo), at(loc)) == to(old); }, at(loc));
  }
  void notify_one(source_loc loc = source_loc::current()) { room_.notify(false, at(loc)); }
  void notify_all(source_loc loc = source_loc::current()) { room_.notify(true, at(loc)); }

 private:
  rl::debug_info at(source_loc loc) const { return detail::info(name_, loc); }
  static rep to(T v) { return static_cast<rep>(v); }
  // A compare_exchange on the representation, its `expected` written back as a T.
  template <class Cas>
  static bool cas(T& expected, Cas run) {
    rep e = to(expected);
    const bool ok = run(e);
    expected = T(e);
    return ok;
  }

  const char* name_ = "atomic";
  rl::atomic<rep> a_;
  mutable detail::wait_room room_;
};

// std::atomic_flag, as an rl::atomic<bool> (Relacy has no flag of its own): test_and_set is an
// exchange of true, clear a store of false, test a load. Clear at construction, as in C++20;
// `atomic_flag f = ATOMIC_FLAG_INIT;` ({0}) compiles too (the int constructor sets the flag when
// given anything else, as in the other mappings).
class atomic_flag {
 public:
  atomic_flag() : a_("atomic_flag", false) {}
  explicit atomic_flag(const char* name) : a_(name, false) {}
  atomic_flag(int set) : a_("atomic_flag", set != 0) {}  // NOLINT: implicit, for ATOMIC_FLAG_INIT
  atomic_flag(const atomic_flag&) = delete;
  atomic_flag& operator=(const atomic_flag&) = delete;

  bool test_and_set(std::memory_order mo = std::memory_order_seq_cst,
                    source_loc loc = source_loc::current()) {
    return a_.exchange(true, mo, loc);
  }
  void clear(std::memory_order mo = std::memory_order_seq_cst,
             source_loc loc = source_loc::current()) {
    a_.store(false, mo, loc);
  }
  bool test(std::memory_order mo = std::memory_order_seq_cst,
            source_loc loc = source_loc::current()) const {
    return a_.load(mo, loc);
  }
  void wait(bool old, std::memory_order mo = std::memory_order_seq_cst,
            source_loc loc = source_loc::current()) const {
    a_.wait(old, mo, loc);
  }
  void notify_one(source_loc loc = source_loc::current()) { a_.notify_one(loc); }
  void notify_all(source_loc loc = source_loc::current()) { a_.notify_all(loc); }

 private:
  atomic<bool> a_;
};

inline void atomic_thread_fence(std::memory_order mo, source_loc loc = source_loc::current()) {
  rl::atomic_thread_fence(detail::rl_order(mo), detail::info("atomic_thread_fence", loc));
}

// Plain shared data, an rl::var<T>: every read and write is checked against the others by
// happens-before, and two conflicting accesses that are not ordered fail the iteration as
// DATA RACE. A compound assignment is a read and then a write, as in plain code. Accesses are
// not scheduling points (Relacy's own rl::var is not one either). Create it inside an iteration.
template <class T>
class var {
 public:
  var() : v_(T()) {}
  var(T v) : v_(v) {}  // NOLINT: `var<int> x = 5;` reads like plain code
  var(const char* name, T v) : name_(name), v_(v) {}
  var(const var&) = delete;
  var& operator=(const var& o) { return *this = o.get(); }

  T get(source_loc loc = source_loc::current()) const { return v_(at(loc)).load(); }
  operator T() const { return get(); }  // NOLINT: reads like plain code
  var& operator=(T v) {
    set(v, source_loc::current());
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
  rl::debug_info at(source_loc loc) const { return detail::info(name_, loc); }
  void set(T v, source_loc loc) { v_(at(loc)).store(v); }

  const char* name_ = "var";
  mutable rl::var<T> v_;
};

// An assertion of the program under test: a failure fails the iteration as Relacy's
// RL_ASSERT does (USER ASSERT FAILED), with the message. Pass a literal: Relacy keeps the char*.
inline void check(bool cond, const char* message, source_loc loc = source_loc::current()) {
  if (!cond) detail::fail(rl::test_result_user_assert_failed, message, loc);
}
// A message built at run time, as model::check takes. Relacy keeps the char* for its report,
// and memory allocated inside an iteration is Relacy's (freed, or a leak, at its end): the text
// goes to a static buffer instead (cut at 1023 bytes). One buffer is enough: a failed check ends
// the iteration and Relacy's search with it (detail::fail does not return).
inline void check(bool cond, const std::string& message, source_loc loc = source_loc::current()) {
  if (cond) return;
  static char kept[1024];
  const std::size_t n = std::min(message.size(), sizeof kept - 1);
  std::memcpy(kept, message.data(), n);
  kept[n] = '\0';
  check(false, kept, loc);
}

}  // namespace racelab::sync::inline relacy
