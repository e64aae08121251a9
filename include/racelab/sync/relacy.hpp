// racelab/sync/relacy.hpp — the facade mapped to Relacy Race Detector's rl:: types.
//
// Same API as racelab/sync/real.hpp, in racelab::sync::relacy. Relacy (github.com/dvyukov/relacy)
// runs every thread of a test as a fiber on one OS thread and explores their interleavings with
// its own schedulers (random, full search, context bound); it is never copied into racelab — the
// build finds it through -DRACELAB_RELACY_DIR (cmake/Relacy.cmake).
//
//   facade                 Relacy                                    why
//   mutex, recursive_mutex rl::mutex, rl::recursive_mutex            lock is a scheduling point
//   thread                 a dynamic thread (ctx().create_thread),   start and join are
//                          joined through its waitable handle        happens-before edges
//   blocking_queue<T>      rl::mutex + rl::condition_variable        Python's queue.Queue
//   shared<T>              plain T + a shadow rl::var<int>           see access_model
//   this_thread::yield     nothing (a line in Relacy's history)      no memory effect, so no
//                                                                    new interleavings
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
// the heap lives, and it collects the exceptions that escape threads.
#pragma once

#if !defined(RL_RELACY_HPP) && (defined(_GLIBCXX_RELEASE) || defined(_LIBCPP_VERSION))
#error "racelab/sync/relacy.hpp must be the first header of a Relacy translation unit: build it \
with -include racelab/sync/relacy.hpp (cmake/Relacy.cmake does) so Relacy's operator new, fibers \
and pch settings come before any standard header."
#endif

// Relacy renames malloc/calloc/realloc/free/errno/assert with macros for the test code that
// follows. racelab's code never calls them, and the standard headers included after this point
// must see the real names (libstdc++'s fstream reads errno, for one). C's errno.h comes first so
// that its errno can be saved and restored; it defines nothing of the C++ library.
// (Relacy's replacement operator new/delete stay in force.)
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
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "racelab/python_errors.hpp"
#include "racelab/source_loc.hpp"
#include "racelab/thread_annotations.hpp"
#include "racelab/thread_exceptions.hpp"

#define RACELAB_BACKEND_NAME relacy

namespace racelab::sync::inline relacy {

// How a shared<T> access looks to Relacy.
enum class access_model {
  // C++: a read() is a load and a write() a store of a shadow rl::var. Two conflicting accesses
  // not ordered by happens-before are a data race — undefined behaviour — and Relacy fails the
  // iteration at once with DATA RACE. Accesses are not scheduling points (Relacy's own rl::var
  // is not one either): a race is found by happens-before, in any interleaving that has both.
  cxx_memory_model,
  // As if every access were one indivisible step (think: the map behind CPython's GIL): each is
  // a scheduling point and none is a race. Use it to see the *logical* outcomes of the buggy
  // code — the KeyErrors — which under cxx_memory_model are hidden behind the first data race.
  atomic_steps,
};
inline const char* to_string(access_model m) noexcept;

// Where the code under test allocates during an iteration.
enum class heap_model {
  // Relacy's allocator (its replacement operator new): leaks are reported at the end of each
  // iteration. Every free() is also a two-way choice of Relacy's search (reuse the block now or
  // later, to expose ABA), so the full-search and context-bound schedulers multiply their work
  // by two per free — fine for the random scheduler, hopeless for exhaustive search.
  relacy_checked,
  // Plain malloc: no leak check, no search branch per free. For full search and context bound.
  plain,
};
inline const char* to_string(heap_model h) noexcept;

struct iteration_options {
  int max_threads = 0;  // how many sync::threads one iteration may start (the test's
                        // dynamic_thread_count); starting one more fails the iteration
  access_model access = access_model::cxx_memory_model;
  heap_model heap = heap_model::relacy_checked;
};

// What the facade keeps for one Relacy iteration: thread names and numbering ("Thread-N (target)",
// from 1 in start order, like the model backend), the thread budget, the models above, and the
// exceptions that escaped thread bodies (recorded Python-style; nothing is printed, the test
// decides what they mean). Construct it as the *first* member of the rl::test_suite, so it lives
// exactly one iteration and every other member's allocations happen inside it. The newest scope
// is the current one: an iteration that fails is abandoned by Relacy without destructors.
class iteration_scope {
 public:
  explicit iteration_scope(iteration_options options);
  ~iteration_scope();
  iteration_scope(const iteration_scope&) = delete;
  iteration_scope& operator=(const iteration_scope&) = delete;

  // The scope of the running iteration; fails the iteration (INCONSISTENT TEST SUITE) if none.
  static iteration_scope& current(source_loc loc);
  static iteration_scope* current_or_null() noexcept;

  const iteration_options& options() const noexcept { return options_; }
  // Exceptions that escaped sync::thread bodies so far, in the order they escaped.
  const std::vector<ThreadException>& escaped() const noexcept { return escaped_; }
  int threads_started() const noexcept { return started_; }

  // Blocks the caller until every sync::thread started so far has finished or waits, idle, in
  // blocking_queue::get() on an empty open queue: the moment the model backend runs its end
  // check (idle workers are not a deadlock). It creates no happens-before edge — Relacy parks
  // and unparks the caller directly — so it cannot hide a race between the threads it waits
  // for. A thread blocked anywhere else at that point is Relacy's DEADLOCK.
  void wait_until_quiescent(source_loc loc = source_loc::current());

  // Runs, one after the other and each alone, the dynamic threads Relacy reserved for this
  // iteration that the test did not start (max_threads - threads_started()). Call it last, from
  // the test's own thread, once every sync::thread is joined. Why: Relacy runs every declared
  // dynamic thread in every iteration; those never started are released together when nothing
  // else can run, and the exhaustive schedulers then try every order of their empty runs — k!
  // iterations for k unused slots. Run one at a time, they add a single path.
  void finish_unused_threads(source_loc loc = source_loc::current());

  // While the returned guard lives, the calling thread's shared<T> accesses are inspections: no
  // scheduling point and no race check (the end-of-run property check reads the map this way,
  // as the model backend's end check does). Locks it takes are still real.
  class inspection {
   public:
    explicit inspection(iteration_scope& s) : s_(s), saved_(std::exchange(s.inspector_, rl::thread_index())) {}
    ~inspection() { s_.inspector_ = saved_; }
    inspection(const inspection&) = delete;
    inspection& operator=(const inspection&) = delete;

   private:
    iteration_scope& s_;
    long saved_;
  };
  bool inspecting() const { return inspector_ >= 0 && inspector_ == static_cast<long>(rl::thread_index()); }

  // For the facade: claims the next thread number, or fails the iteration when over budget.
  int claim_thread(source_loc loc);
  void set_thread_name(rl::thread_id_t relacy_index, std::string name);
  const std::string& thread_name(rl::thread_id_t relacy_index) const;
  void record_escape(ThreadException e) { escaped_.push_back(std::move(e)); }
  // For the facade: a sync::thread finished, or began / ended an idle wait in get().
  void thread_finished() { ++finished_, wake_waiter_if_quiescent(); }
  void idle_begin() { ++idle_, wake_waiter_if_quiescent(); }
  void idle_end() { --idle_; }

 private:
  bool quiescent() const { return finished_ + idle_ == started_; }
  void wake_waiter_if_quiescent();

  iteration_options options_;
  // Bookkeeping of the facade itself, not of the code under test: plain ints, changed only
  // between Relacy's scheduling points (all fibers share one OS thread).
  int started_ = 0;
  int finished_ = 0;
  int idle_ = 0;
  rl::thread_id_t waiter_ = -1;  // the thread parked in wait_until_quiescent, if any
  long inspector_ = -1;          // the thread whose shared<T> accesses are inspections
  std::vector<std::string> names_;  // by Relacy thread index
  std::vector<ThreadException> escaped_;
};

namespace detail {

// Relacy keeps a char* to the function name and the file of each event: pass literals only.
inline rl::debug_info info(const char* what, source_loc loc) noexcept {
  return rl::debug_info(what, loc.short_file(), static_cast<unsigned>(loc.line));
}

// Adds a line to Relacy's execution history (printed for a failing iteration). Formats into a
// stack buffer: an operator new here would be a search branch that exists only in the history
// run, and Relacy's replay of the failing iteration would take a different path.
inline void note(const char* what, source_loc loc, const char* format, ...)
    __attribute__((format(printf, 3, 4)));

// What an access read or returned, for the history: bools, numbers and strings; "" otherwise.
template <class R>
void describe(const R& r, char* out, std::size_t size) {
  if constexpr (std::is_same_v<R, bool>) {
    std::snprintf(out, size, "%s", r ? "true" : "false");
  } else if constexpr (std::is_integral_v<R>) {
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
  std::function<void()> body;
};

// Starts `start` as the next Relacy dynamic thread and returns the handle join() waits on.
inline rl::win_waitable_object* start_thread(thread_start* start, source_loc loc);

}  // namespace detail

// A mutual-exclusion lock (Python's threading.Lock), an rl::mutex. Relocking it from the owner
// is Relacy's RECURSION ON NON-RECURSIVE MUTEX — the deadlock Python would have.
class RACELAB_CAPABILITY("mutex") mutex {
 public:
  explicit mutex(const char* name = "mutex") : name_(name) {}
  mutex(const mutex&) = delete;
  mutex& operator=(const mutex&) = delete;

  void lock(source_loc loc = source_loc::current()) RACELAB_ACQUIRE() {
    m_.lock(detail::info(name_, loc));
  }
  void unlock(source_loc loc = source_loc::current()) RACELAB_RELEASE() {
    m_.unlock(detail::info(name_, loc));
  }
  // May fail spuriously, as std::mutex::try_lock may (Relacy explores that too).
  bool try_lock(source_loc loc = source_loc::current()) RACELAB_TRY_ACQUIRE(true) {
    return m_.try_lock(detail::info(name_, loc));
  }

 private:
  const char* name_;
  rl::mutex m_;
};

// A re-entrant lock (Python's threading.RLock), an rl::recursive_mutex.
class RACELAB_CAPABILITY("mutex") recursive_mutex {
 public:
  explicit recursive_mutex(const char* name = "rlock") : name_(name) {}
  recursive_mutex(const recursive_mutex&) = delete;
  recursive_mutex& operator=(const recursive_mutex&) = delete;

  void lock(source_loc loc = source_loc::current()) RACELAB_ACQUIRE() {
    m_.lock(detail::info(name_, loc));
  }
  void unlock(source_loc loc = source_loc::current()) RACELAB_RELEASE() {
    m_.unlock(detail::info(name_, loc));
  }

 private:
  const char* name_;
  rl::recursive_mutex m_;
};

template <class Mutex>
class RACELAB_SCOPED_CAPABILITY basic_lock_guard {
 public:
  explicit basic_lock_guard(Mutex& m, source_loc loc = source_loc::current()) RACELAB_ACQUIRE(m)
      : m_(m), loc_(loc) {
    m_.lock(loc_);
  }
  ~basic_lock_guard() RACELAB_RELEASE() { m_.unlock(loc_); }
  basic_lock_guard(const basic_lock_guard&) = delete;
  basic_lock_guard& operator=(const basic_lock_guard&) = delete;

 private:
  Mutex& m_;
  source_loc loc_;
};
using lock_guard = basic_lock_guard<mutex>;
using recursive_lock_guard = basic_lock_guard<recursive_mutex>;

// A thread named "Thread-N (target)", run as one of the test's Relacy dynamic threads (the test
// declares how many: iteration_options::max_threads = its dynamic_thread_count). Starting it
// makes the caller's past happen-before the body; joining makes the body happen-before the
// joiner's future. An exception that escapes the body is recorded in the iteration_scope
// (Python's "Exception in thread ...", without the printing) and the thread ends normally.
class thread {
 public:
  thread() = default;
  template <class F>
  thread(const char* target, F&& body, source_loc loc = source_loc::current()) {
    const int number = iteration_scope::current(loc).claim_thread(loc);
    name_ = "Thread-" + std::to_string(number) + " (" + target + ")";
    handle_ = detail::start_thread(
        new detail::thread_start{name_, std::function<void()>(std::forward<F>(body))}, loc);
  }
  thread(thread&& o) noexcept
      : name_(std::move(o.name_)), handle_(std::exchange(o.handle_, nullptr)) {}
  thread& operator=(thread&& o) noexcept {
    name_ = std::move(o.name_);
    handle_ = std::exchange(o.handle_, nullptr);
    return *this;
  }

  void join(source_loc loc = source_loc::current()) {
    std::exchange(handle_, nullptr)->wait(false, false, detail::info("join", loc));
  }
  bool joinable() const noexcept { return handle_ != nullptr; }
  const std::string& name() const noexcept { return name_; }

 private:
  std::string name_;
  rl::win_waitable_object* handle_ = nullptr;
};

namespace this_thread {
// The calling thread's name: "MainThread" for the test's own thread, else "Thread-N (target)".
inline const std::string& name();
// A labelled step with no memory effect ("read proxy pool"). Not a scheduling point under Relacy:
// a step that touches nothing shared cannot change an outcome, and each extra scheduling point
// multiplies Relacy's full search (it has no partial-order reduction). It is still a line in the
// history of a failing iteration.
inline void yield(const char* what, source_loc loc = source_loc::current()) {
  detail::note(what, loc, "%s: %s", name().c_str(), what);
}
}  // namespace this_thread

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
    m_.unlock(at);
    cv_.notify_one(at);
    return true;
  }

  std::optional<T> get(source_loc loc = source_loc::current()) {
    const rl::debug_info at = detail::info(name_, loc);
    iteration_scope* scope = iteration_scope::current_or_null();
    m_.lock(at);
    while (!closed_ && items_.empty()) {
      if (scope != nullptr) scope->idle_begin();
      cv_.wait(m_, at);
      if (scope != nullptr) scope->idle_end();
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
    m_.unlock(at);
    cv_.notify_all(at);
    return left;
  }

 private:
  const char* name_;
  rl::mutex m_;
  rl::condition_variable cv_;
  std::deque<T> items_;  // guarded by m_
  bool closed_ = false;  // guarded by m_
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
        detail::describe(r, value, sizeof value);
        detail::note(what, loc, "%s: %s %s -> %s", this_thread::name().c_str(), name_, what,
                     value);
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

inline const char* to_string(access_model m) noexcept {
  return m == access_model::atomic_steps ? "atomic-steps" : "cxx-memory-model";
}
inline const char* to_string(heap_model h) noexcept {
  return h == heap_model::plain ? "plain-heap" : "relacy-heap";
}

namespace detail {

inline iteration_scope* g_current_scope = nullptr;
inline const std::string g_main_thread_name = "MainThread";

// Relacy sends operator new to plain malloc while rl::context::disable_alloc_ is non-zero (it
// does so for its own bookkeeping). The member is protected; a pointer to it formed in a derived
// class reaches it without editing Relacy. cmake/Relacy.cmake's probe checks it still exists.
struct heap_switch : rl::context {
  static int rl::context::*counter() noexcept { return &heap_switch::disable_alloc_; }
};

// Fails the running iteration; Relacy switches to its main fiber and never comes back here.
[[noreturn]] inline void fail(rl::test_result_e result, const char* message, source_loc loc) {
  rl::ctx().fail_test(message, result, info("racelab", loc));
  std::abort();
}

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
  scope.set_thread_name(rl::thread_index(), start->name);
  std::optional<ThreadException> escaped;
  try {
    start->body();
  } catch (const std::exception& e) {
    escaped.emplace(ThreadException{start->name, python_error_line(e)});
  } catch (...) {
    escaped.emplace(ThreadException{start->name, "RuntimeError: a non-std::exception escaped"});
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

inline iteration_scope::iteration_scope(iteration_options options) : options_(options) {
  detail::g_current_scope = this;
  if (options_.heap == heap_model::plain) rl::ctx().*detail::heap_switch::counter() += 1;
}

inline iteration_scope::~iteration_scope() {
  if (options_.heap == heap_model::plain) {
    // Give the heap back first: these vectors were allocated with plain malloc.
    std::vector<std::string>().swap(names_);
    std::vector<ThreadException>().swap(escaped_);
    rl::ctx().*detail::heap_switch::counter() -= 1;
  }
  if (detail::g_current_scope == this) detail::g_current_scope = nullptr;
}

inline iteration_scope* iteration_scope::current_or_null() noexcept {
  return detail::g_current_scope;
}

inline iteration_scope& iteration_scope::current(source_loc loc) {
  if (detail::g_current_scope == nullptr) {
    detail::fail(rl::test_result_inconsistent_test_suite,
                 "racelab: no sync::iteration_scope - declare one as the first member of the "
                 "rl::test_suite",
                 loc);
  }
  return *detail::g_current_scope;
}

inline int iteration_scope::claim_thread(source_loc loc) {
  if (started_ >= options_.max_threads) {
    char message[200];
    std::snprintf(message, sizeof message,
                  "racelab: the test started more than iteration_options::max_threads = %d "
                  "sync::threads (raise it and the test's dynamic_thread_count together)",
                  options_.max_threads);
    detail::fail(rl::test_result_inconsistent_test_suite, message, loc);
  }
  return ++started_;
}

inline void iteration_scope::wait_until_quiescent(source_loc loc) {
  while (!quiescent()) {
    waiter_ = static_cast<rl::thread_id_t>(rl::thread_index());
    rl::ctx().park_current_thread(false, false, false, detail::info("wait until quiescent", loc));
    waiter_ = -1;
  }
}

inline void iteration_scope::finish_unused_threads(source_loc loc) {
  for (; started_ < options_.max_threads; ++started_, ++finished_) {
    rl::ctx()
        .create_thread([](void*) -> void* { return nullptr; }, nullptr, nullptr)
        ->wait(false, false, detail::info("finish unused thread", loc));
  }
}

inline void iteration_scope::wake_waiter_if_quiescent() {
  if (waiter_ >= 0 && quiescent()) {
    rl::ctx().unpark_thread(std::exchange(waiter_, -1), false, detail::info("quiescent", {}));
  }
}

inline void iteration_scope::set_thread_name(rl::thread_id_t relacy_index, std::string name) {
  const auto i = static_cast<std::size_t>(relacy_index);
  if (names_.size() <= i) names_.resize(i + 1, detail::g_main_thread_name);
  names_[i] = std::move(name);
}

inline const std::string& iteration_scope::thread_name(rl::thread_id_t relacy_index) const {
  const auto i = static_cast<std::size_t>(relacy_index);
  return i < names_.size() ? names_[i] : detail::g_main_thread_name;
}

inline const std::string& this_thread::name() {
  const iteration_scope* scope = iteration_scope::current_or_null();
  if (scope == nullptr || !rl::is_ctx()) return detail::g_main_thread_name;
  return scope->thread_name(static_cast<rl::thread_id_t>(rl::thread_index()));
}

}  // namespace racelab::sync::inline relacy
