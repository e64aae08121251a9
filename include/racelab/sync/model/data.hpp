// racelab/sync/model/data.hpp — plain shared data (shared<T>, var<T>), the blocking queue and
// check() under the model. Every access to a cell is a step and a race check.
#pragma once

#include <deque>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

#include "racelab/model/runtime.hpp"
#include "racelab/source_loc.hpp"
#include "racelab/sync/model/value_text.hpp"

namespace racelab::sync::inline model {

namespace rt = racelab::model::rt;

template <class T>
class blocking_queue {
 public:
  explicit blocking_queue(const char* name = nullptr, source_loc loc = source_loc::current())
      : id_(rt::new_object(rt::ObjectKind::queue, name, loc)) {}
  ~blocking_queue() { rt::delete_object(id_); }
  blocking_queue(const blocking_queue&) = delete;
  blocking_queue& operator=(const blocking_queue&) = delete;

  bool put(T item, source_loc loc = source_loc::current()) {
    if (!rt::queue_put(id_, loc)) return false;
    items_.push_back(std::move(item));
    return true;
  }
  std::optional<T> get(source_loc loc = source_loc::current()) {
    if (!rt::queue_get(id_, loc)) return std::nullopt;
    T item = std::move(items_.front());
    items_.pop_front();
    return item;
  }
  std::deque<T> close(source_loc loc = source_loc::current()) {
    rt::queue_close(id_, loc);
    std::deque<T> left;
    left.swap(items_);
    return left;
  }

 private:
  rt::object_id id_;
  std::deque<T> items_;
};

template <class T>
class shared {
 public:
  template <class... Args>
  explicit shared(const char* name, Args&&... args)
      : id_(rt::new_object(rt::ObjectKind::cell, name, source_loc::current())),
        value_(std::forward<Args>(args)...) {}
  ~shared() { rt::delete_object(id_); }
  shared(const shared&) = delete;
  shared& operator=(const shared&) = delete;

  template <class F>
  decltype(auto) read(const char* what, F&& f, source_loc loc = source_loc::current()) const {
    rt::cell_access(id_, rt::Access::read, what, loc);
    return noted(std::forward<F>(f), static_cast<const T&>(value_));
  }
  template <class F>
  decltype(auto) write(const char* what, F&& f, source_loc loc = source_loc::current()) {
    rt::cell_access(id_, rt::Access::write, what, loc);
    return noted(std::forward<F>(f), value_);
  }

 private:
  template <class F, class V>
  static decltype(auto) noted(F&& f, V& v) {
    using R = std::invoke_result_t<F, V&>;
    if constexpr (std::is_void_v<R>) {
      std::forward<F>(f)(v);
    } else if constexpr (std::is_reference_v<R>) {
      return std::forward<F>(f)(v);
    } else {
      R r = std::forward<F>(f)(v);
      if (rt::tracing()) rt::note_value(detail::value_text(r));
      return r;
    }
  }

  rt::object_id id_;
  T value_;
};

namespace detail {
// A value with the source line of the expression that produced it: the default argument is
// evaluated where the conversion happens, in the caller's code. This is how var<T>'s operators,
// which C++ gives no room for a location parameter, still learn their line.
template <class T>
struct located {
  T value;
  source_loc loc;
  located(T v, source_loc l = source_loc::current()) : value(std::move(v)), loc(l) {}  // NOLINT
};
}  // namespace detail

// Plain shared data that reads like plain code: `var<int> x; x = x + 1;`. Every read and write is
// a step and a race check, as shared<T>'s are. Writes (=, +=, ++ ...) and get() carry their source
// line; a read through the implicit conversion (`x + 1`) carries none (C++ gives a conversion
// operator no parameter to default) — write x.get() where the line matters.
template <class T>
class var {
 public:
  var(source_loc loc = source_loc::current())  // NOLINT: implicit, as std's
      : id_(rt::new_object(rt::ObjectKind::cell, nullptr, loc, "var")), v_() {}
  explicit var(T v, source_loc loc = source_loc::current())
      : id_(rt::new_object(rt::ObjectKind::cell, nullptr, loc, "var")), v_(std::move(v)) {}
  var(const char* name, T v, source_loc loc = source_loc::current())
      : id_(rt::new_object(rt::ObjectKind::cell, name, loc)), v_(std::move(v)) {}
  ~var() { rt::delete_object(id_); }
  var(const var&) = delete;
  var& operator=(const var&) = delete;

  T get(source_loc loc = source_loc::current()) const {
    rt::cell_access(id_, rt::Access::read, "read", loc);
    if (rt::tracing()) rt::note_value(detail::value_text(v_));
    return v_;
  }
  void set(T v, source_loc loc = source_loc::current()) {
    rt::cell_access(id_, rt::Access::write, "write", loc);
    v_ = std::move(v);
    if (rt::tracing()) rt::note_value(detail::value_text(v_));
  }
  operator T() const { return get(source_loc{}); }  // NOLINT: implicit, so x + 1 reads as code
  var& operator=(detail::located<T> v) {
    set(std::move(v.value), v.loc);
    return *this;
  }
  // Compound assignments read, then write: two steps, as the machine code does.
  var& operator+=(detail::located<T> d) {
    return update(d, [](T& x, const T& y) { x += y; });
  }
  var& operator-=(detail::located<T> d) {
    return update(d, [](T& x, const T& y) { x -= y; });
  }
  var& operator*=(detail::located<T> d) {
    return update(d, [](T& x, const T& y) { x *= y; });
  }
  var& operator/=(detail::located<T> d) {
    return update(d, [](T& x, const T& y) { x /= y; });
  }
  var& operator%=(detail::located<T> d) {
    return update(d, [](T& x, const T& y) { x %= y; });
  }
  var& operator&=(detail::located<T> d) {
    return update(d, [](T& x, const T& y) { x &= y; });
  }
  var& operator|=(detail::located<T> d) {
    return update(d, [](T& x, const T& y) { x |= y; });
  }
  var& operator^=(detail::located<T> d) {
    return update(d, [](T& x, const T& y) { x ^= y; });
  }
  var& operator++() { return *this += detail::located<T>(T(1), source_loc{}); }
  var& operator--() { return *this -= detail::located<T>(T(1), source_loc{}); }
  T operator++(int) {
    const T old = get(source_loc{});
    set(static_cast<T>(old + 1), source_loc{});
    return old;
  }
  T operator--(int) {
    const T old = get(source_loc{});
    set(static_cast<T>(old - 1), source_loc{});
    return old;
  }

 private:
  template <class Op>
  var& update(const detail::located<T>& d, Op op) {
    T x = get(d.loc);
    op(x, d.value);
    set(std::move(x), d.loc);
    return *this;
  }

  rt::object_id id_;
  T v_;
};

// A portable assertion for code under test: under the model it fails the execution (Outcome::
// assertion_failed, id "assertion"), as model::check() does.
inline void check(bool cond, const char* message, source_loc loc = source_loc::current()) {
  if (!cond)
    rt::fail(std::string(message) + " (" + loc.short_file() + ":" + std::to_string(loc.line) + ")");
}
// A message built at run time ("balance " + std::to_string(b)), as model::check takes.
inline void check(bool cond, const std::string& message, source_loc loc = source_loc::current()) {
  check(cond, message.c_str(), loc);
}

}  // namespace racelab::sync::inline model
