// racelab/sync/relacy_iteration.hpp — one Relacy iteration as the facade sees it: how shared<T>
// accesses are modelled (access_model), where the heap lives (heap_model), and iteration_scope,
// which numbers and names the threads, keeps the thread budget, knows when every thread has
// finished or idles, and collects the exceptions that escaped threads.
//
// Part of the Relacy mapping of the facade: included by racelab/sync/relacy.hpp after Relacy
// itself; not a header to include on its own.
#pragma once

#ifndef RL_RELACY_HPP
#error "racelab/sync/relacy_iteration.hpp is part of racelab/sync/relacy.hpp: include that instead"
#endif

#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "racelab/source_loc.hpp"
#include "racelab/thread_exceptions.hpp"

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
    explicit inspection(iteration_scope& s)
        : s_(s), saved_(std::exchange(s.inspector_, rl::thread_index())) {}
    ~inspection() { s_.inspector_ = saved_; }
    inspection(const inspection&) = delete;
    inspection& operator=(const inspection&) = delete;

   private:
    iteration_scope& s_;
    long saved_;
  };
  bool inspecting() const {
    return inspector_ >= 0 && inspector_ == static_cast<long>(rl::thread_index());
  }

  // For the facade: claims the next thread number, or fails the iteration when over budget.
  int claim_thread(source_loc loc);
  void set_thread_name(rl::thread_id_t relacy_index, std::string name, int number);
  const std::string& thread_name(rl::thread_id_t relacy_index) const;
  // The facade's number of a Relacy thread: N for "Thread-N ...", 0 for MainThread.
  int thread_number(rl::thread_id_t relacy_index) const;
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
  rl::thread_id_t waiter_ = -1;     // the thread parked in wait_until_quiescent, if any
  long inspector_ = -1;             // the thread whose shared<T> accesses are inspections
  std::vector<std::string> names_;  // by Relacy thread index
  std::vector<int> numbers_;        // by Relacy thread index
  std::vector<ThreadException> escaped_;
};

namespace detail {

// Relacy keeps a char* to the function name and the file of each event: pass literals only.
inline rl::debug_info info(const char* what, source_loc loc) noexcept {
  return rl::debug_info(what, loc.short_file(), static_cast<unsigned>(loc.line));
}

}  // namespace detail

// ---- implementation ---------------------------------------------------------------------------

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

}  // namespace detail

inline iteration_scope::iteration_scope(iteration_options options) : options_(options) {
  detail::g_current_scope = this;
  if (options_.heap == heap_model::plain) rl::ctx().*detail::heap_switch::counter() += 1;
}

inline iteration_scope::~iteration_scope() {
  if (options_.heap == heap_model::plain) {
    // Give the heap back first: these vectors were allocated with plain malloc.
    std::vector<std::string>().swap(names_);
    std::vector<int>().swap(numbers_);
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

inline void iteration_scope::set_thread_name(rl::thread_id_t relacy_index, std::string name,
                                             int number) {
  const auto i = static_cast<std::size_t>(relacy_index);
  if (names_.size() <= i) names_.resize(i + 1, detail::g_main_thread_name);
  if (numbers_.size() <= i) numbers_.resize(i + 1, 0);
  names_[i] = std::move(name);
  numbers_[i] = number;
}

inline int iteration_scope::thread_number(rl::thread_id_t relacy_index) const {
  const auto i = static_cast<std::size_t>(relacy_index);
  return i < numbers_.size() ? numbers_[i] : 0;
}

inline const std::string& iteration_scope::thread_name(rl::thread_id_t relacy_index) const {
  const auto i = static_cast<std::size_t>(relacy_index);
  return i < names_.size() ? names_[i] : detail::g_main_thread_name;
}

}  // namespace racelab::sync::inline relacy
