// racelab/sync/real/thread.hpp — the real mapping's threads: sync::thread (a std::thread with a
// Python-style name whose escaping exceptions are recorded, not fatal) and this_thread.
// Part of racelab/sync/real.hpp; include racelab/sync.hpp.
#pragma once

#include <cstddef>
#include <exception>
#include <functional>
#include <ostream>
#include <string>
#include <thread>
#include <tuple>
#include <type_traits>
#include <utility>

#include "racelab/source_loc.hpp"
#include "racelab/sync/real/base.hpp"
#include "racelab/thread_exceptions.hpp"

namespace racelab::sync::inline real {

namespace detail {
// Whether thread(F, Args...) is the named form thread(target, body[, loc]): a first argument that
// converts to const char* and a second that is invocable with no arguments.
template <class F, class... Args>
struct named_thread_form : std::false_type {};
template <class F, class Body, class... Rest>
struct named_thread_form<F, Body, Rest...>
    : std::bool_constant<std::is_convertible_v<F, const char*> &&
                         std::is_invocable_v<std::decay_t<Body>&>> {};
}  // namespace detail

// A thread with a Python-style name: "Thread-N (target)" for the named form, "Thread-N" for the
// std form (Python's name for a Thread without a target). An exception that escapes the body is
// reported the way Python's threading does (see racelab/thread_exceptions.hpp) and does not
// terminate the process. Must be joined before it is destroyed, like std::thread.
class thread {
 public:
  // std::thread::id, comparable, hashable (std::hash<sync::thread::id>) and streamable.
  class id {
   public:
    id() noexcept = default;
    explicit id(std::thread::id v) noexcept : v_(v) {}
    friend bool operator==(id a, id b) noexcept { return a.v_ == b.v_; }
    friend bool operator!=(id a, id b) noexcept { return a.v_ != b.v_; }
    friend bool operator<(id a, id b) noexcept { return a.v_ < b.v_; }
    friend bool operator<=(id a, id b) noexcept { return !(b.v_ < a.v_); }
    friend bool operator>(id a, id b) noexcept { return b.v_ < a.v_; }
    friend bool operator>=(id a, id b) noexcept { return !(a.v_ < b.v_); }
    friend std::ostream& operator<<(std::ostream& os, id i) { return os << i.v_; }
    std::thread::id native() const noexcept { return v_; }

   private:
    std::thread::id v_;
  };

  thread() noexcept = default;

  // The named form: `sync::thread t("worker", [&] { ... });` is "Thread-N (worker)".
  template <class F>
  thread(const char* target, F&& body, source_loc = source_loc::current())
      : name_("Thread-" + std::to_string(detail::next_thread_number()) + " (" + target + ")") {
    start(std::forward<F>(body));
  }

  // The std form: invokes std::invoke(decay-copy(f), decay-copy(args)...) like std::thread.
  template <class F, class... Args>
  requires(
      !std::is_same_v<std::remove_cvref_t<F>, thread> &&
      !detail::named_thread_form<F, Args...>::value &&
      std::is_invocable_v<std::decay_t<F>, std::decay_t<Args>...>) explicit thread(F&& f,
                                                                                   Args&&... args)
      : name_("Thread-" + std::to_string(detail::next_thread_number())) {
    start([fn = std::decay_t<F>(std::forward<F>(f)),
           bound = std::tuple<std::decay_t<Args>...>(std::forward<Args>(args)...)]() mutable {
      std::apply([&](auto&... a) { std::invoke(std::move(fn), std::move(a)...); }, bound);
    });
  }

  thread(thread&&) noexcept = default;
  thread& operator=(thread&&) noexcept = default;

  void join(source_loc = source_loc::current()) { t_.join(); }
  bool joinable() const noexcept { return t_.joinable(); }
  id get_id() const noexcept { return id(t_.get_id()); }
  const std::string& name() const noexcept { return name_; }
  // The model's symmetry reduction tag (racelab/sync/model/thread.hpp); nothing to do here.
  void interchangeable(const std::string& /*key*/) const noexcept {}

 private:
  template <class Body>
  void start(Body&& body) {
    t_ = std::thread([name = name_, body = std::forward<Body>(body)]() mutable {
      detail::set_current_thread_name(name);
      try {
        body();
      } catch (const std::exception& e) {
        record_thread_exception(name, e);
      }
    });
  }

  std::string name_;
  std::thread t_;
};

namespace this_thread {
// The calling thread's Python-style name ("MainThread" for a thread sync::thread did not start).
inline const std::string& name() noexcept { return detail::current_thread_name(); }
inline thread::id get_id() noexcept { return thread::id(std::this_thread::get_id()); }
// std::this_thread::yield (the model backend treats it as a spin hint).
inline void yield(source_loc = source_loc::current()) noexcept {
  detail::maybe_noise();
  std::this_thread::yield();
}
// A labelled scheduling point with no memory effect ("read proxy pool"). Free here; under the
// model backend the scheduler may switch threads at it.
inline void yield(const char* /*what*/, source_loc = source_loc::current()) noexcept {
  detail::maybe_noise();
}
}  // namespace this_thread

}  // namespace racelab::sync::inline real

template <>
struct std::hash<racelab::sync::real::thread::id> {
  std::size_t operator()(racelab::sync::real::thread::id i) const noexcept {
    return std::hash<std::thread::id>{}(i.native());
  }
};
