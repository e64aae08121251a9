// racelab/sync/relacy.hpp — the facade mapped to Relacy Race Detector's rl:: types.
//
// Same API as racelab/sync/real.hpp, in racelab::sync::relacy. Relacy (github.com/dvyukov/relacy)
// runs every thread of a test as a fiber on one OS thread and explores their interleavings with
// its own schedulers (random, full search, context bound); it is never copied into racelab — the
// build finds it through -DRACELAB_RELACY_DIR (cmake/Relacy.cmake).
//
//   facade                   Relacy                                    why
//   mutex, recursive_mutex   rl::mutex, rl::recursive_mutex            lock is a scheduling point;
//                                                                      try_lock may fail spuriously
//   shared_mutex             rl::generic_mutex, reader-writer mode     Relacy's rwlock (behind its
//                                                                      pthread_rwlock_t); no std one
//   condition_variable       rl::condition_variable                    spurious wake-ups and
//                                                                      timeouts explored
//   counting_semaphore<Max>  rl::semaphore (no spurious wake-ups)      Relacy's own
//   latch, barrier<F>        a count under rl::mutex, waited for on    Relacy has neither
//                            rl::condition_variable (relacy_phases.hpp)
//   once_flag + call_once    rl::atomic<bool> + rl::mutex              Relacy has no call_once
//   atomic<T>, fence         rl::atomic<T>, rl::atomic_thread_fence    every memory order modelled
//   atomic_flag              rl::atomic<bool>                          Relacy has no atomic_flag
//   atomic wait/notify       rl::mutex + rl::condition_variable        Relacy has none; a futex's
//   (C++20)                  per atomic (detail::wait_room)            compare-and-sleep
//   var<T>                   rl::var<T>                                every access race-checked
//   check(cond, message)     fails the iteration: USER ASSERT FAILED   as RL_ASSERT does
//   lock_guard, unique_lock, racelab's own (racelab/sync/locks.hpp)    built on the above
//   shared_lock, scoped_lock
//   thread                   a dynamic thread (ctx().create_thread),   start and join are
//                            joined through its waitable handle        happens-before edges
//   this_thread::yield()     rl::ctx().yield: Relacy's spin hint       a spin loop terminates
//                                                                      under its fair schedulers
//   blocking_queue<T>        rl::mutex + rl::condition_variable        Python's queue.Queue
//   shared<T>                plain T + a shadow rl::var<int>           see access_model
//   this_thread::yield(what) nothing (a line in Relacy's history)      no memory effect, so no
//                                                                      new interleavings
//
// Build contract. This header must be the first thing the compiler reads in the translation
// unit: the build force-includes it (-include racelab/sync/relacy.hpp) and defines
// RACELAB_BACKEND_RELACY. It includes <relacy/relacy.hpp>, not relacy_std.hpp: racelab does not
// want std::mutex renamed to rl::mutex. The registry's bookkeeping (racelab::registry::Ledger,
// compiled once, normally) holds a real std::mutex, and it must have the same layout in every
// translation unit; the code under test only uses this facade, so nothing needs std:: renamed.
//
// A Relacy test declares one iteration_scope per iteration (a member of its rl::test_suite): it
// says how many sync::threads the test may start, how shared<T> accesses are modelled, and where
// the heap lives, and it collects the exceptions that escape threads
// (racelab/sync/relacy_iteration.hpp).
#pragma once

#if !defined(RL_RELACY_HPP) && (defined(_GLIBCXX_RELEASE) || defined(_LIBCPP_VERSION))
#error \
    "racelab/sync/relacy.hpp must be the first header of a Relacy translation unit: build it \
with -include racelab/sync/relacy.hpp (cmake/Relacy.cmake does) so Relacy's operator new, fibers \
and pch settings come before any standard header."
#endif

// Relacy renames malloc/calloc/realloc/free/errno/assert with macros for the test code that
// follows. racelab's code never calls them, and the standard headers included after this point
// must see the real names (libstdc++'s fstream reads errno, for one). C's errno.h comes first so
// that its errno can be saved and restored; it defines nothing of the C++ library.
// (Relacy's replacement operator new/delete stay in force.)
//
// The standard headers that declare POSIX names Relacy renames with macros (its pthread.hpp
// defines pthread_mutex_t, sem_t, sem_init, ...: <condition_variable> and <thread> reach
// <semaphore.h> and <pthread.h> through <stop_token>) come first, so they see the real names.
// Relacy's own pch.hpp includes standard headers before it defines anything, too.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <system_error>
#include <thread>
#include <tuple>

#include <errno.h>
#pragma push_macro("errno")
#include <relacy/relacy.hpp>
#undef malloc
#undef calloc
#undef realloc
#undef free
#undef assert
#undef errno
#pragma pop_macro("errno")

#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "racelab/python_errors.hpp"
#include "racelab/source_loc.hpp"
#include "racelab/sync/locks.hpp"
#include "racelab/thread_annotations.hpp"
#include "racelab/thread_exceptions.hpp"

#include "racelab/sync/relacy_iteration.hpp"
// After relacy_iteration.hpp: both use its detail::info and detail::fail.
#include "racelab/sync/relacy_atomic.hpp"
#include "racelab/sync/relacy_mutex.hpp"
#include "racelab/sync/relacy_phases.hpp"

#define RACELAB_BACKEND_NAME relacy

namespace racelab::sync::inline relacy {

namespace detail {

// Adds a line to Relacy's execution history (printed for a failing iteration). Formats into a
// stack buffer: an operator new here would be a search branch that exists only in the history
// run, and Relacy's replay of the failing iteration would take a different path.
inline void note(const char* what, source_loc loc, const char* format, ...)
    __attribute__((format(printf, 3, 4)));

// What an access read or returned, for the history: bools, numbers, enums (their underlying
// value) and strings; "" otherwise.
template <class R>
void value_text(const R& r, char* out, std::size_t size) {
  if constexpr (std::is_same_v<R, bool>) {
    std::snprintf(out, size, "%s", r ? "true" : "false");
  } else if constexpr (std::is_integral_v<R> || std::is_enum_v<R>) {
    std::snprintf(out, size, "%lld", static_cast<long long>(r));
  } else if constexpr (std::is_convertible_v<const R&, std::string_view>) {
    const std::string_view s(r);
    std::snprintf(out, size, "%.*s", static_cast<int>(s.size()), s.data());
  } else {
    out[0] = '\0';
  }
}

// What a facade thread hands to Relacy's dynamic thread: owned by the thread, deleted when done.
struct thread_start {
  std::string name;
  int number;
  std::function<void()> body;
};

// Whether thread(F, Args...) is the named form thread(target, body[, loc]): a first argument that
// converts to const char* and a second that is invocable with no arguments.
template <class F, class... Args>
struct named_thread_form : std::false_type {};
template <class F, class Body, class... Rest>
struct named_thread_form<F, Body, Rest...>
    : std::bool_constant<std::is_convertible_v<F, const char*> &&
                         std::is_invocable_v<std::decay_t<Body>&>> {};

// Starts `start` as the next Relacy dynamic thread and returns the handle join() waits on.
inline rl::win_waitable_object* start_thread(thread_start* start, source_loc loc);

}  // namespace detail

// A thread named "Thread-N (target)", run as one of the test's Relacy dynamic threads (the test
// declares how many: iteration_options::max_threads = its dynamic_thread_count). Starting it
// makes the caller's past happen-before the body; joining makes the body happen-before the
// joiner's future. An exception that escapes the body is recorded in the iteration_scope
// (Python's "Exception in thread ...", without the printing) and the thread ends normally.
class thread {
 public:
  // The thread's number: 0 is MainThread (the test's own thread), N is "Thread-N ...". Comparable,
  // hashable (std::hash<sync::thread::id>) and streamable; a default id is no thread (-1).
  class id {
   public:
    id() noexcept = default;
    explicit id(int number) noexcept : n_(number) {}
    friend bool operator==(id a, id b) noexcept { return a.n_ == b.n_; }
    friend bool operator!=(id a, id b) noexcept { return a.n_ != b.n_; }
    friend bool operator<(id a, id b) noexcept { return a.n_ < b.n_; }
    friend bool operator<=(id a, id b) noexcept { return a.n_ <= b.n_; }
    friend bool operator>(id a, id b) noexcept { return a.n_ > b.n_; }
    friend bool operator>=(id a, id b) noexcept { return a.n_ >= b.n_; }
    friend std::ostream& operator<<(std::ostream& os, id i) { return os << i.n_; }
    int number() const noexcept { return n_; }

   private:
    int n_ = -1;
  };

  thread() = default;
  // The named form: "Thread-N (target)".
  template <class F>
  thread(const char* target, F&& body, source_loc loc = source_loc::current()) {
    number_ = iteration_scope::current(loc).claim_thread(loc);
    name_ = "Thread-" + std::to_string(number_) + " (" + target + ")";
    handle_ = detail::start_thread(
        new detail::thread_start{name_, number_, std::function<void()>(std::forward<F>(body))},
        loc);
  }
  // The std form, "Thread-N": invokes std::invoke(decay-copy(f), decay-copy(args)...).
  template <class F, class... Args>
  requires(
      !std::is_same_v<std::remove_cvref_t<F>, thread> &&
      !detail::named_thread_form<F, Args...>::value &&
      std::is_invocable_v<std::decay_t<F>, std::decay_t<Args>...>) explicit thread(F&& f,
                                                                                   Args&&... args) {
    const source_loc loc = source_loc::current();
    number_ = iteration_scope::current(loc).claim_thread(loc);
    name_ = "Thread-" + std::to_string(number_);
    handle_ = detail::start_thread(
        new detail::thread_start{
            name_, number_,
            std::function<void()>([fn = std::decay_t<F>(std::forward<F>(f)),
                                   bound = std::tuple<std::decay_t<Args>...>(
                                       std::forward<Args>(args)...)]() mutable {
              std::apply([&](auto&... a) { std::invoke(std::move(fn), std::move(a)...); }, bound);
            })},
        loc);
  }
  thread(thread&& o) noexcept
      : name_(std::move(o.name_)),
        number_(std::exchange(o.number_, -1)),
        handle_(std::exchange(o.handle_, nullptr)) {}
  thread& operator=(thread&& o) noexcept {
    name_ = std::move(o.name_);
    number_ = std::exchange(o.number_, -1);
    handle_ = std::exchange(o.handle_, nullptr);
    return *this;
  }

  void join(source_loc loc = source_loc::current()) {
    std::exchange(handle_, nullptr)->wait(false, false, detail::info("join", loc));
  }
  bool joinable() const noexcept { return handle_ != nullptr; }
  id get_id() const noexcept { return handle_ != nullptr ? id(number_) : id(); }
  const std::string& name() const noexcept { return name_; }
  // The model's symmetry reduction tag (racelab/sync/model/thread.hpp); nothing to do here.
  void interchangeable(const std::string& /*key*/) const noexcept {}

 private:
  std::string name_;
  int number_ = -1;
  rl::win_waitable_object* handle_ = nullptr;
};

namespace this_thread {
// The calling thread's name: "MainThread" for the test's own thread, else "Thread-N (target)".
inline const std::string& name();
inline thread::id get_id();
// std::this_thread::yield: Relacy's spin hint (rl::ctx().yield). Relacy's schedulers switch away
// from a thread that yields, so a spin-wait with a yield in its loop terminates under full search
// and context bound, and a spin that never ends is reported as LIVELOCK.
inline void yield(source_loc loc = source_loc::current()) {
  rl::ctx().yield(1, detail::info("yield", loc));
}
// A labelled step with no memory effect ("read proxy pool"). Not a scheduling point under Relacy:
// a step that touches nothing shared cannot change an outcome, and each extra scheduling point
// multiplies Relacy's full search (it has no partial-order reduction). It is still a line in the
// history of a failing iteration.
inline void yield(const char* what, source_loc loc = source_loc::current()) {
  detail::note(what, loc, "%s: %s", name().c_str(), what);
}
}  // namespace this_thread

// scoped_lock's spin hint after a round that backed off (racelab/sync/locks.hpp): Relacy's yield,
// so that its fair schedulers do not replay the back-off forever (they report LIVELOCK then).
template <class Mutex>
void racelab_backoff_hint(Mutex&, source_loc loc) {
  this_thread::yield(loc);
}

// Python's queue.Queue plus close() (see racelab/sync/real.hpp for the contract): an rl::mutex
// guards the items, an rl::condition_variable wakes get(). Relacy may wake get() spuriously
// under the random scheduler; the predicate loop absorbs it, as it must with std::.
template <class T>
class blocking_queue {
 public:
  explicit blocking_queue(const char* name = "queue") : name_(name) {}
  blocking_queue(const blocking_queue&) = delete;
  blocking_queue& operator=(const blocking_queue&) = delete;

  bool put(T item, source_loc loc = source_loc::current()) {
    const rl::debug_info at = detail::info(name_, loc);
    m_.lock(at);
    if (closed_) {
      m_.unlock(at);
      return false;
    }
    items_.push_back(std::move(item));
    wake_idle(1);
    m_.unlock(at);
    cv_.notify_one(at);
    return true;
  }

  std::optional<T> get(source_loc loc = source_loc::current()) {
    const rl::debug_info at = detail::info(name_, loc);
    iteration_scope* scope = iteration_scope::current_or_null();
    m_.lock(at);
    while (!closed_ && items_.empty()) {
      ++idle_waiters_;
      if (scope != nullptr) scope->idle_begin();
      cv_.wait(m_, at);
      if (woken_ > 0) {
        --woken_;  // put() or close() already counted this wake-up as the end of an idle wait
      } else {     // a spurious wake-up
        --idle_waiters_;
        if (scope != nullptr) scope->idle_end();
      }
    }
    std::optional<T> item;
    if (!items_.empty()) {
      item.emplace(std::move(items_.front()));
      items_.pop_front();
    }
    m_.unlock(at);
    return item;
  }

  std::deque<T> close(source_loc loc = source_loc::current()) {
    const rl::debug_info at = detail::info(name_, loc);
    std::deque<T> left;
    m_.lock(at);
    closed_ = true;
    left.swap(items_);
    wake_idle(idle_waiters_);
    m_.unlock(at);
    cv_.notify_all(at);
    return left;
  }

 private:
  // Up to n idle waiters stop being idle now, when the put or close that wakes them happens (m_
  // held), not when they next run: otherwise the iteration could look quiescent between the
  // two and run its end check while a task sat in the queue (happy-path saw "unserved-task").
  void wake_idle(int n) {
    iteration_scope* scope = iteration_scope::current_or_null();
    for (; n > 0 && idle_waiters_ > 0; --n) {
      --idle_waiters_;
      ++woken_;
      if (scope != nullptr) scope->idle_end();
    }
  }

  const char* name_;
  rl::mutex m_;
  rl::condition_variable cv_;
  std::deque<T> items_;   // guarded by m_
  bool closed_ = false;   // guarded by m_
  int idle_waiters_ = 0;  // in get()'s wait and counted idle; guarded by m_
  int woken_ = 0;         // wake-ups put()/close() counted that no waiter has taken yet; m_
};

// A cell of plain shared data (the registry's map). The value lives in ordinary memory; each
// read()/write() is reported to Relacy as the iteration's access_model says. Create it inside a
// Relacy iteration (its shadow is an rl::var).
template <class T>
class shared {
 public:
  template <class... Args>
  explicit shared(const char* name, Args&&... args)
      : name_(name), shadow_(0), value_(std::forward<Args>(args)...) {}
  shared(const shared&) = delete;
  shared& operator=(const shared&) = delete;

  template <class F>
  decltype(auto) read(const char* what, F&& f, source_loc loc = source_loc::current()) const {
    access(false, what, loc);
    return noted(what, loc, std::forward<F>(f), static_cast<const T&>(value_));
  }
  template <class F>
  decltype(auto) write(const char* what, F&& f, source_loc loc = source_loc::current()) {
    access(true, what, loc);
    return noted(what, loc, std::forward<F>(f), value_);
  }

 private:
  void access(bool is_write, const char* what, source_loc loc) const {
    const iteration_scope* scope = iteration_scope::current_or_null();
    const rl::debug_info at = detail::info(what, loc);
    if (scope != nullptr && scope->inspecting()) return;
    if (scope != nullptr && scope->options().access == access_model::atomic_steps) {
      rl::ctx().sched();
    } else if (is_write) {
      shadow_(at).store(++writes_);
    } else {
      static_cast<void>(static_cast<int>(shadow_(at).load()));
    }
  }

  template <class F, class V>
  decltype(auto) noted(const char* what, source_loc loc, F&& f, V& v) const {
    using R = std::invoke_result_t<F, V&>;
    if constexpr (std::is_void_v<R> || std::is_reference_v<R>) {
      if (rl::ctx().collecting_history()) {
        detail::note(what, loc, "%s: %s %s", this_thread::name().c_str(), name_, what);
      }
      return std::forward<F>(f)(v);
    } else {
      R r = std::forward<F>(f)(v);
      if (rl::ctx().collecting_history()) {
        char value[64];
        detail::value_text(r, value, sizeof value);
        detail::note(what, loc, "%s: %s %s -> %s", this_thread::name().c_str(), name_, what, value);
      }
      return r;
    }
  }

  const char* name_;
  mutable rl::var<int> shadow_;
  mutable int writes_ = 0;
  T value_;
};

}  // namespace racelab::sync::inline relacy

// ---- implementation (header-only: the backend is compiled into each Relacy test) --------------

namespace racelab::sync::inline relacy {

namespace detail {

inline void note(const char* what, source_loc loc, const char* format, ...) {
  if (!rl::ctx().collecting_history()) return;
  char line[256];
  va_list args;
  va_start(args, format);
  std::vsnprintf(line, sizeof line, format, args);
  va_end(args);
  rl::ctx().exec_log_msg(info(what, loc), line);
}

inline void* run_thread(void* arg) {
  std::unique_ptr<thread_start> start(static_cast<thread_start*>(arg));
  iteration_scope& scope = iteration_scope::current(source_loc::current());
  scope.set_thread_name(rl::thread_index(), start->name, start->number);
  std::optional<ThreadException> escaped;
  try {
    start->body();
  } catch (const std::exception& e) {
    escaped.emplace(ThreadException{start->name, python_error_type(e), python_error_line(e)});
  } catch (...) {
    escaped.emplace(
        ThreadException{start->name, current_exception_type(), current_exception_line()});
  }
  // Recorded outside the handler on purpose: the C++ runtime keeps one stack of caught exceptions
  // per OS thread, and every Relacy thread shares this one — a fiber switch inside a catch block
  // would interleave two threads' handlers on that stack.
  if (escaped) scope.record_escape(std::move(*escaped));
  start.reset();
  scope.thread_finished();
  return nullptr;
}

inline rl::win_waitable_object* start_thread(thread_start* start, source_loc loc) {
  note("start", loc, "%s: start %s", this_thread::name().c_str(), start->name.c_str());
  return rl::ctx().create_thread(&run_thread, start, nullptr);
}

}  // namespace detail

inline const std::string& this_thread::name() {
  const iteration_scope* scope = iteration_scope::current_or_null();
  if (scope == nullptr || !rl::is_ctx()) return detail::g_main_thread_name;
  return scope->thread_name(static_cast<rl::thread_id_t>(rl::thread_index()));
}

inline thread::id this_thread::get_id() {
  const iteration_scope* scope = iteration_scope::current_or_null();
  if (scope == nullptr || !rl::is_ctx()) return thread::id(0);
  return thread::id(scope->thread_number(static_cast<rl::thread_id_t>(rl::thread_index())));
}

}  // namespace racelab::sync::inline relacy

template <>
struct std::hash<racelab::sync::relacy::thread::id> {
  std::size_t operator()(racelab::sync::relacy::thread::id i) const noexcept {
    return std::hash<int>{}(i.number());
  }
};
