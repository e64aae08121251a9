// racelab/sync/model/atomic.hpp — atomic<T>, atomic_flag and atomic_thread_fence under the model.
//
// Every operation is one step on the atomic. Interleavings are sequentially consistent (a load
// reads the latest store); the memory order decides the happens-before edges the race detector
// uses: a payload published behind a release store and read after an acquire load is ordered; the
// same behind relaxed operations is a data race. See runtime.hpp (atomic_step) and
// docs/model-library.md. compare_exchange_weak never fails spuriously here. C++20's wait/notify:
// a wait step that loads and, finding the old value, sleeps in the same step, then a wake step
// that blocks until a notify (runtime.hpp, atomic_wait).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>

#include "racelab/model/runtime.hpp"
#include "racelab/source_loc.hpp"
#include "racelab/sync/model/value_text.hpp"

namespace racelab::sync::inline model {

namespace rt = racelab::model::rt;

namespace detail {
// The wait loop of atomic<T>::wait and atomic_flag::wait: `unchanged` compares the value with
// the old one, `text` says what the wait found, for the timeline.
template <class Unchanged, class Text>
void wait_while(rt::object_id id, Unchanged unchanged, Text text, std::memory_order mo,
                source_loc loc) {
  for (;;) {
    rt::atomic_wait(id, mo, loc);
    const bool same = unchanged();
    rt::atomic_effect(id, true, false, mo);
    if (!same) {
      if (rt::tracing()) rt::note_value(text() + ": returns");
      return;
    }
    rt::atomic_park(id);  // in the same step as the compare: a futex's compare-and-sleep
    if (!rt::atomic_sleep(id, loc)) return;
  }
}

// std's rule for the failure order of a one-order compare_exchange.
constexpr std::memory_order failure_order(std::memory_order mo) {
  return mo == std::memory_order_acq_rel   ? std::memory_order_acquire
         : mo == std::memory_order_release ? std::memory_order_relaxed
                                           : mo;
}

// A compare_exchange's expected and desired values as one non-zero number (rt::atomic_effect's
// args): fair scheduling counts a failed retry as a spin only when the loop tried the same values
// again. T is integral, enum or pointer (atomic<T>'s static_assert): no padding, at most 8 bytes.
template <class T>
std::uint64_t cas_args(const T& expected, const T& desired) noexcept {
  static_assert(sizeof(T) <= sizeof(std::uint64_t));
  std::uint64_t e = 0;
  std::uint64_t d = 0;
  std::memcpy(&e, &expected, sizeof(T));
  std::memcpy(&d, &desired, sizeof(T));
  return ((e * 0x9E3779B97F4A7C15ull) ^ d) | 1;
}
}  // namespace detail

// atomic<T> for integral, bool, enum and pointer T. The arithmetic (fetch_add, ++, ...) is for
// integers other than bool and for pointers, the bitwise rmws for integers, as in std; an enum has
// the rest (load, store, exchange, compare_exchange, wait/notify), and a timeline shows its
// underlying value.
template <class T>
class atomic {
  static_assert(std::is_integral_v<T> || std::is_enum_v<T> || std::is_pointer_v<T>,
                "racelab::sync::atomic<T>: T must be an integral, bool, enum or pointer type");
  static constexpr bool kArithmetic =
      (std::is_integral_v<T> && !std::is_same_v<T, bool>) || std::is_pointer_v<T>;
  static constexpr bool kBitwise = std::is_integral_v<T> && !std::is_same_v<T, bool>;

 public:
  using value_type = T;

  atomic(source_loc loc = source_loc::current())  // NOLINT: implicit, as std's
      : id_(rt::new_object(rt::ObjectKind::atomic, nullptr, loc)), v_() {}
  atomic(T v,
         source_loc loc = source_loc::current())  // NOLINT: implicit, as std's constexpr atomic(T)
      : id_(rt::new_object(rt::ObjectKind::atomic, nullptr, loc)), v_(v) {}
  atomic(const char* name, T v, source_loc loc = source_loc::current())
      : id_(rt::new_object(rt::ObjectKind::atomic, name, loc)), v_(v) {}
  ~atomic() { rt::delete_object(id_); }
  atomic(const atomic&) = delete;
  atomic& operator=(const atomic&) = delete;

  static constexpr bool is_always_lock_free = true;
  bool is_lock_free() const noexcept { return true; }

  T load(std::memory_order mo = std::memory_order_seq_cst,
         source_loc loc = source_loc::current()) const {
    rt::atomic_step(id_, rt::AtomicOp::load, nullptr, mo, loc);
    const T v = v_;
    rt::atomic_effect(id_, true, false, mo);
    note(v);
    return v;
  }
  void store(T v, std::memory_order mo = std::memory_order_seq_cst,
             source_loc loc = source_loc::current()) {
    rt::atomic_step(id_, rt::AtomicOp::store, nullptr, mo, loc);
    const bool same = v_ == v;
    v_ = v;
    rt::atomic_effect(id_, false, true, mo, same);
    note(v);
  }
  T exchange(T v, std::memory_order mo = std::memory_order_seq_cst,
             source_loc loc = source_loc::current()) {
    return rmw("exchange", mo, loc, [v](T) { return v; });
  }

  bool compare_exchange_strong(T& expected, T desired, std::memory_order success,
                               std::memory_order failure, source_loc loc = source_loc::current()) {
    rt::atomic_step(id_, rt::AtomicOp::rmw, "compare_exchange", success, loc);
    const std::uint64_t args = detail::cas_args(expected, desired);
    if (v_ == expected) {
      v_ = desired;
      rt::atomic_effect(id_, true, true, success, desired == expected, args);
      if (rt::tracing()) rt::note_value("succeeded");
      return true;
    }
    expected = v_;
    rt::atomic_effect(id_, true, false, failure, false, args);
    if (rt::tracing()) rt::note_value("failed: " + detail::value_text(expected));
    return false;
  }
  bool compare_exchange_strong(T& expected, T desired,
                               std::memory_order mo = std::memory_order_seq_cst,
                               source_loc loc = source_loc::current()) {
    return compare_exchange_strong(expected, desired, mo, detail::failure_order(mo), loc);
  }
  bool compare_exchange_weak(T& expected, T desired, std::memory_order success,
                             std::memory_order failure, source_loc loc = source_loc::current()) {
    return compare_exchange_strong(expected, desired, success, failure, loc);
  }
  bool compare_exchange_weak(T& expected, T desired,
                             std::memory_order mo = std::memory_order_seq_cst,
                             source_loc loc = source_loc::current()) {
    return compare_exchange_strong(expected, desired, mo, detail::failure_order(mo), loc);
  }

  // Arithmetic: integral types, and pointers (in elements).
  using difference_type = std::conditional_t<std::is_pointer_v<T>, std::ptrdiff_t, T>;
  T fetch_add(difference_type d, std::memory_order mo = std::memory_order_seq_cst,
              source_loc loc = source_loc::current()) requires kArithmetic {
    return rmw("fetch_add", mo, loc, [d](T x) { return static_cast<T>(x + d); });
  }
  T fetch_sub(difference_type d, std::memory_order mo = std::memory_order_seq_cst,
              source_loc loc = source_loc::current()) requires kArithmetic {
    return rmw("fetch_sub", mo, loc, [d](T x) { return static_cast<T>(x - d); });
  }
  T fetch_and(T m, std::memory_order mo = std::memory_order_seq_cst,
              source_loc loc = source_loc::current()) requires kBitwise {
    return rmw("fetch_and", mo, loc, [m](T x) { return static_cast<T>(x & m); });
  }
  T fetch_or(T m, std::memory_order mo = std::memory_order_seq_cst,
             source_loc loc = source_loc::current()) requires kBitwise {
    return rmw("fetch_or", mo, loc, [m](T x) { return static_cast<T>(x | m); });
  }
  T fetch_xor(T m, std::memory_order mo = std::memory_order_seq_cst,
              source_loc loc = source_loc::current()) requires kBitwise {
    return rmw("fetch_xor", mo, loc, [m](T x) { return static_cast<T>(x ^ m); });
  }

  // C++20: blocks while the value is `old` — until a notify finds it changed (a loop of wait
  // steps and wake steps: runtime.hpp, atomic_wait). A store nobody notifies leaves the waiter
  // asleep: the model reports the deadlock that real code may meet.
  void wait(T old, std::memory_order mo = std::memory_order_seq_cst,
            source_loc loc = source_loc::current()) const {
    detail::wait_while(
        id_, [&] { return v_ == old; }, [&] { return detail::value_text(v_); }, mo, loc);
  }
  void notify_one(source_loc loc = source_loc::current()) { rt::atomic_notify(id_, false, loc); }
  void notify_all(source_loc loc = source_loc::current()) { rt::atomic_notify(id_, true, loc); }

  // The operator forms are seq_cst, as in std. Conversions and assignments carry no source line
  // (C++ gives them no parameter to default); load() and store() do.
  operator T() const { return load(std::memory_order_seq_cst, {}); }  // NOLINT: as std's
  T operator=(T v) {
    store(v, std::memory_order_seq_cst, {});
    return v;
  }
  T operator++() requires kArithmetic { return fetch_add(1, kSc, {}) + 1; }
  T operator++(int) requires kArithmetic { return fetch_add(1, kSc, {}); }
  T operator--() requires kArithmetic { return fetch_sub(1, kSc, {}) - 1; }
  T operator--(int) requires kArithmetic { return fetch_sub(1, kSc, {}); }
  T operator+=(difference_type d) requires kArithmetic { return fetch_add(d) + d; }
  T operator-=(difference_type d) requires kArithmetic { return fetch_sub(d) - d; }

 private:
  static constexpr std::memory_order kSc = std::memory_order_seq_cst;

  template <class F>
  T rmw(const char* what, std::memory_order mo, source_loc loc, F f) {
    rt::atomic_step(id_, rt::AtomicOp::rmw, what, mo, loc);
    const T old = v_;
    v_ = f(old);
    rt::atomic_effect(id_, true, true, mo, v_ == old);
    note(old);
    return old;
  }
  static void note(T v) {
    if (rt::tracing()) rt::note_value(detail::value_text(v));
  }

  rt::object_id id_;
  T v_;
};

// std::atomic_flag: a bool atomic with test_and_set (an rmw), clear (a store) and C++20's test
// (a load), each one step on the flag, labelled with its std name in a timeline, and C++20's
// wait/notify as atomic<T>'s. Clear at
// construction, as in C++20; `atomic_flag f = ATOMIC_FLAG_INIT;` ({0}: clear) compiles too, and
// the int constructor it uses sets the flag when given anything else. A test_and_set
// on a set flag writes the value already there: to fair scheduling that is an observation, so a
// test-and-set loop on a held flag is a spin (docs/model-library.md §7).
class atomic_flag {
 public:
  atomic_flag(source_loc loc = source_loc::current())  // NOLINT: implicit, as std's
      : id_(rt::new_object(rt::ObjectKind::atomic, nullptr, loc, "atomic_flag")) {}
  explicit atomic_flag(const char* name, source_loc loc = source_loc::current())
      : id_(rt::new_object(rt::ObjectKind::atomic, name, loc)) {}
  atomic_flag(int set, source_loc loc = source_loc::current())  // NOLINT: ATOMIC_FLAG_INIT
      : id_(rt::new_object(rt::ObjectKind::atomic, nullptr, loc, "atomic_flag")), set_(set != 0) {}
  ~atomic_flag() { rt::delete_object(id_); }
  atomic_flag(const atomic_flag&) = delete;
  atomic_flag& operator=(const atomic_flag&) = delete;

  bool test_and_set(std::memory_order mo = std::memory_order_seq_cst,
                    source_loc loc = source_loc::current()) {
    rt::atomic_step(id_, rt::AtomicOp::rmw, "test_and_set", mo, loc);
    const bool old = set_;
    set_ = true;
    rt::atomic_effect(id_, true, true, mo, old);
    note(old);
    return old;
  }
  void clear(std::memory_order mo = std::memory_order_seq_cst,
             source_loc loc = source_loc::current()) {
    rt::atomic_step(id_, rt::AtomicOp::store, "clear", mo, loc);
    const bool same = !set_;
    set_ = false;
    rt::atomic_effect(id_, false, true, mo, same);
  }
  bool test(std::memory_order mo = std::memory_order_seq_cst,
            source_loc loc = source_loc::current()) const {
    rt::atomic_step(id_, rt::AtomicOp::load, "test", mo, loc);
    const bool v = set_;
    rt::atomic_effect(id_, true, false, mo);
    note(v);
    return v;
  }
  // C++20: as atomic<bool>::wait/notify (blocks while the flag is `old`, until notified).
  void wait(bool old, std::memory_order mo = std::memory_order_seq_cst,
            source_loc loc = source_loc::current()) const {
    detail::wait_while(
        id_, [&] { return set_ == old; }, [&] { return std::string(set_ ? "set" : "clear"); }, mo,
        loc);
  }
  void notify_one(source_loc loc = source_loc::current()) { rt::atomic_notify(id_, false, loc); }
  void notify_all(source_loc loc = source_loc::current()) { rt::atomic_notify(id_, true, loc); }

 private:
  static void note(bool v) {
    if (rt::tracing()) rt::note_value(v ? "was set" : "was clear");
  }

  rt::object_id id_;
  bool set_ = false;
};

inline void atomic_thread_fence(std::memory_order mo, source_loc loc = source_loc::current()) {
  rt::fence(mo, loc);
}

}  // namespace racelab::sync::inline model
