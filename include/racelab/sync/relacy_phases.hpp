// racelab/sync/relacy_phases.hpp — latch and barrier<CompletionFunction> under Relacy, which
// has neither: a count under the mapping's own mutex, waited for on its condition_variable (so
// Relacy explores the waits' spurious wake-ups, which the predicate loops absorb). Part of
// racelab/sync/relacy.hpp (after relacy_mutex.hpp); not a header to include alone.
//
// Happens-before as std gives it: every count_down (arrive) unlocks the mutex a returning wait
// then locks. A barrier's completion function runs in the thread that arrives last, under the
// mutex, before the phase ends — so no one arrives in the next phase while it runs.
#pragma once

#include <climits>
#include <cstddef>
#include <type_traits>
#include <utility>

#include "racelab/sync/barrier_noop.hpp"

namespace racelab::sync::inline relacy {

class latch {
 public:
  explicit latch(std::ptrdiff_t expected) : latch("latch", expected) {}
  latch(const char* name, std::ptrdiff_t expected) : m_(name), cv_(name), count_(expected) {}
  latch(const latch&) = delete;
  latch& operator=(const latch&) = delete;

  static constexpr std::ptrdiff_t max() noexcept { return PTRDIFF_MAX; }

  void count_down(std::ptrdiff_t update = 1, source_loc loc = source_loc::current()) {
    unique_lock<mutex> g(m_, loc);
    if (update < 0 || update > count_) {
      detail::fail(rl::test_result_user_assert_failed,
                   "racelab: latch::count_down below 0 or by a negative update", loc);
    }
    count_ -= update;
    if (count_ == 0) cv_.notify_all(loc);
  }
  bool try_wait(source_loc loc = source_loc::current()) const {
    unique_lock<mutex> g(m_, loc);
    return count_ == 0;
  }
  void wait(source_loc loc = source_loc::current()) const {
    unique_lock<mutex> g(m_, loc);
    cv_.wait(
        g, [this] { return count_ == 0; }, loc);
  }
  void arrive_and_wait(std::ptrdiff_t update = 1, source_loc loc = source_loc::current()) {
    count_down(update, loc);
    wait(loc);
  }

 private:
  mutable mutex m_;
  mutable condition_variable cv_;
  std::ptrdiff_t count_;  // guarded by m_
};

template <class CompletionFunction = barrier_noop>
class barrier {
  static_assert(std::is_nothrow_invocable_v<CompletionFunction&>,
                "barrier<CompletionFunction>: the completion function must be callable with no "
                "arguments and noexcept, as std::barrier requires");

 public:
  class arrival_token {
   public:
    arrival_token(arrival_token&&) noexcept = default;
    arrival_token& operator=(arrival_token&&) noexcept = default;

   private:
    friend class barrier;
    explicit arrival_token(long long phase) noexcept : phase_(phase) {}
    long long phase_;
  };

  explicit barrier(std::ptrdiff_t expected, CompletionFunction f = CompletionFunction())
      : barrier("barrier", expected, std::move(f)) {}
  barrier(const char* name, std::ptrdiff_t expected, CompletionFunction f = CompletionFunction())
      : m_(name), cv_(name), expected_(expected), remaining_(expected), completion_(std::move(f)) {}
  barrier(const barrier&) = delete;
  barrier& operator=(const barrier&) = delete;

  static constexpr std::ptrdiff_t max() noexcept { return PTRDIFF_MAX; }

  [[nodiscard]] arrival_token arrive(std::ptrdiff_t update = 1,
                                     source_loc loc = source_loc::current()) {
    unique_lock<mutex> g(m_, loc);
    return arrival_token(arrive_locked(update, false, loc));
  }
  void wait(arrival_token&& arrival, source_loc loc = source_loc::current()) const {
    unique_lock<mutex> g(m_, loc);
    const long long phase = arrival.phase_;
    cv_.wait(
        g, [this, phase] { return phase_ > phase; }, loc);
  }
  void arrive_and_wait(source_loc loc = source_loc::current()) { wait(arrive(1, loc), loc); }
  void arrive_and_drop(source_loc loc = source_loc::current()) {
    unique_lock<mutex> g(m_, loc);
    (void)arrive_locked(1, true, loc);
  }

 private:
  long long arrive_locked(std::ptrdiff_t update, bool drop, source_loc loc) {
    if (update <= 0 || update > remaining_) {
      detail::fail(rl::test_result_user_assert_failed,
                   "racelab: barrier arrival by a non-positive update or past the expected count",
                   loc);
    }
    const long long phase = phase_;
    remaining_ -= update;
    if (drop) --expected_;
    if (remaining_ == 0) {  // the phase completion step
      completion_();
      ++phase_;
      remaining_ = expected_;
      cv_.notify_all(loc);
    }
    return phase;
  }

  mutable mutex m_;
  mutable condition_variable cv_;
  std::ptrdiff_t expected_;   // guarded by m_
  std::ptrdiff_t remaining_;  // guarded by m_
  long long phase_ = 0;       // guarded by m_
  CompletionFunction completion_;
};

}  // namespace racelab::sync::inline relacy
