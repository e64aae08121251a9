// racelab/sync/atomic_functions.hpp — std's free atomic functions (atomic_load(&x),
// atomic_fetch_add_explicit(&x, 1, memory_order_relaxed), atomic_flag_test_and_set(&f),
// atomic_notify_one(&x), ...) over the facade's atomic<T> and atomic_flag, for code written in
// that C-compatible style. Each calls the member of the same name, so it is the same step, with
// the same order, on every mapping; the caller's line is passed on, so a timeline shows the call.
//
// They live in racelab::sync itself, outside the mapping's inline namespace: the same templates
// serve every mapping, and argument-dependent lookup finds them from a sync::atomic (the
// namespace enclosing an inline namespace is associated with its classes). They take only the
// facade's types (the concepts below): a std::atomic passed here by mistake does not compile.
// Included by racelab/sync.hpp.
#pragma once

#include <atomic>
#include <type_traits>

#include "racelab/source_loc.hpp"

namespace racelab::sync {

// The facade's atomic<T> (std::atomic's members take no source location).
template <class A>
concept facade_atomic = requires(A& a, const A& c, typename A::value_type v, source_loc loc) {
  c.load(std::memory_order_seq_cst, loc);
  a.store(v, std::memory_order_seq_cst, loc);
};

// The facade's atomic_flag.
template <class F>
concept facade_atomic_flag = requires(F& f, const F& c, source_loc loc) {
  f.test_and_set(std::memory_order_seq_cst, loc);
  c.test(std::memory_order_seq_cst, loc);
};

// Parameters of type value_type or difference_type are not deduced from the argument, as in std
// (atomic_store(&x, 1) for an atomic<long>).
template <facade_atomic A>
using atomic_value_t = typename A::value_type;
template <facade_atomic A>
using atomic_difference_t = typename A::difference_type;

template <facade_atomic A>
bool atomic_is_lock_free(const A* a) noexcept {
  return a->is_lock_free();
}

template <facade_atomic A>
void atomic_store(A* a, atomic_value_t<A> v, source_loc loc = source_loc::current()) {
  a->store(v, std::memory_order_seq_cst, loc);
}
template <facade_atomic A>
void atomic_store_explicit(A* a, atomic_value_t<A> v, std::memory_order mo,
                           source_loc loc = source_loc::current()) {
  a->store(v, mo, loc);
}

template <facade_atomic A>
atomic_value_t<A> atomic_load(const A* a, source_loc loc = source_loc::current()) {
  return a->load(std::memory_order_seq_cst, loc);
}
template <facade_atomic A>
atomic_value_t<A> atomic_load_explicit(const A* a, std::memory_order mo,
                                       source_loc loc = source_loc::current()) {
  return a->load(mo, loc);
}

template <facade_atomic A>
atomic_value_t<A> atomic_exchange(A* a, atomic_value_t<A> v,
                                  source_loc loc = source_loc::current()) {
  return a->exchange(v, std::memory_order_seq_cst, loc);
}
template <facade_atomic A>
atomic_value_t<A> atomic_exchange_explicit(A* a, atomic_value_t<A> v, std::memory_order mo,
                                           source_loc loc = source_loc::current()) {
  return a->exchange(v, mo, loc);
}

// As std: `expected` is a pointer, and receives the value found when the exchange fails.
template <facade_atomic A>
bool atomic_compare_exchange_weak(A* a, atomic_value_t<A>* expected, atomic_value_t<A> desired,
                                  source_loc loc = source_loc::current()) {
  return a->compare_exchange_weak(*expected, desired, std::memory_order_seq_cst,
                                  std::memory_order_seq_cst, loc);
}
template <facade_atomic A>
bool atomic_compare_exchange_weak_explicit(A* a, atomic_value_t<A>* expected,
                                           atomic_value_t<A> desired, std::memory_order success,
                                           std::memory_order failure,
                                           source_loc loc = source_loc::current()) {
  return a->compare_exchange_weak(*expected, desired, success, failure, loc);
}
template <facade_atomic A>
bool atomic_compare_exchange_strong(A* a, atomic_value_t<A>* expected, atomic_value_t<A> desired,
                                    source_loc loc = source_loc::current()) {
  return a->compare_exchange_strong(*expected, desired, std::memory_order_seq_cst,
                                    std::memory_order_seq_cst, loc);
}
template <facade_atomic A>
bool atomic_compare_exchange_strong_explicit(A* a, atomic_value_t<A>* expected,
                                             atomic_value_t<A> desired, std::memory_order success,
                                             std::memory_order failure,
                                             source_loc loc = source_loc::current()) {
  return a->compare_exchange_strong(*expected, desired, success, failure, loc);
}

// The read-modify-writes: integers and pointers for add/sub, integers for and/or/xor (the
// member's constraint decides, as std's overload set does).
#define RACELAB_ATOMIC_FETCH(op, arg_t)                                                           \
  template <facade_atomic A>                                                                      \
  atomic_value_t<A> atomic_fetch_##op(A* a, arg_t<A> v,                                           \
                                      source_loc loc = source_loc::current()) requires requires { \
    a->fetch_##op(v, std::memory_order_seq_cst, loc);                                             \
  }                                                                                               \
  { return a->fetch_##op(v, std::memory_order_seq_cst, loc); }                                    \
  template <facade_atomic A>                                                                      \
  atomic_value_t<A> atomic_fetch_##op##_explicit(                                                 \
      A* a, arg_t<A> v, std::memory_order mo,                                                     \
      source_loc loc = source_loc::current()) requires requires {                                 \
    a->fetch_##op(v, mo, loc);                                                                    \
  }                                                                                               \
  { return a->fetch_##op(v, mo, loc); }
RACELAB_ATOMIC_FETCH(add, atomic_difference_t)
RACELAB_ATOMIC_FETCH(sub, atomic_difference_t)
RACELAB_ATOMIC_FETCH(and, atomic_value_t)
RACELAB_ATOMIC_FETCH(or, atomic_value_t)
RACELAB_ATOMIC_FETCH(xor, atomic_value_t)
#undef RACELAB_ATOMIC_FETCH

template <facade_atomic A>
void atomic_wait(const A* a, atomic_value_t<A> old, source_loc loc = source_loc::current()) {
  a->wait(old, std::memory_order_seq_cst, loc);
}
template <facade_atomic A>
void atomic_wait_explicit(const A* a, atomic_value_t<A> old, std::memory_order mo,
                          source_loc loc = source_loc::current()) {
  a->wait(old, mo, loc);
}
template <facade_atomic A>
void atomic_notify_one(A* a, source_loc loc = source_loc::current()) {
  a->notify_one(loc);
}
template <facade_atomic A>
void atomic_notify_all(A* a, source_loc loc = source_loc::current()) {
  a->notify_all(loc);
}

template <facade_atomic_flag F>
bool atomic_flag_test_and_set(F* f, source_loc loc = source_loc::current()) {
  return f->test_and_set(std::memory_order_seq_cst, loc);
}
template <facade_atomic_flag F>
bool atomic_flag_test_and_set_explicit(F* f, std::memory_order mo,
                                       source_loc loc = source_loc::current()) {
  return f->test_and_set(mo, loc);
}
template <facade_atomic_flag F>
void atomic_flag_clear(F* f, source_loc loc = source_loc::current()) {
  f->clear(std::memory_order_seq_cst, loc);
}
template <facade_atomic_flag F>
void atomic_flag_clear_explicit(F* f, std::memory_order mo,
                                source_loc loc = source_loc::current()) {
  f->clear(mo, loc);
}
template <facade_atomic_flag F>
bool atomic_flag_test(const F* f, source_loc loc = source_loc::current()) {
  return f->test(std::memory_order_seq_cst, loc);
}
template <facade_atomic_flag F>
bool atomic_flag_test_explicit(const F* f, std::memory_order mo,
                               source_loc loc = source_loc::current()) {
  return f->test(mo, loc);
}
template <facade_atomic_flag F>
void atomic_flag_wait(const F* f, bool old, source_loc loc = source_loc::current()) {
  f->wait(old, std::memory_order_seq_cst, loc);
}
template <facade_atomic_flag F>
void atomic_flag_wait_explicit(const F* f, bool old, std::memory_order mo,
                               source_loc loc = source_loc::current()) {
  f->wait(old, mo, loc);
}
template <facade_atomic_flag F>
void atomic_flag_notify_one(F* f, source_loc loc = source_loc::current()) {
  f->notify_one(loc);
}
template <facade_atomic_flag F>
void atomic_flag_notify_all(F* f, source_loc loc = source_loc::current()) {
  f->notify_all(loc);
}

}  // namespace racelab::sync
