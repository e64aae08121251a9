// racelab/sync/model/latch.hpp — latch and barrier<CompletionFunction> under the model.
//
// Both are the engine's own objects (src/model/engine_phases.cpp): a wait blocks until a count
// reaches 0, and returns having seen every arrival (count_down → wait, arrive → the phase's
// waiters). A barrier's completion function runs in the thread that arrives last, as one of its
// steps, before any waiter of that phase returns and before anyone arrives in the next phase.
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>

#include "racelab/model/runtime.hpp"
#include "racelab/source_loc.hpp"
#include "racelab/sync/barrier_noop.hpp"

namespace racelab::sync::inline model {

namespace rt = racelab::model::rt;

class latch {
 public:
  explicit latch(std::ptrdiff_t expected, source_loc loc = source_loc::current())
      : id_(rt::new_object(rt::ObjectKind::latch, nullptr, loc, "latch")) {
    rt::latch_init(id_, expected, loc);
  }
  latch(const char* name, std::ptrdiff_t expected, source_loc loc = source_loc::current())
      : id_(rt::new_object(rt::ObjectKind::latch, name, loc)) {
    rt::latch_init(id_, expected, loc);
  }
  ~latch() { rt::delete_object(id_); }
  latch(const latch&) = delete;
  latch& operator=(const latch&) = delete;

  static constexpr std::ptrdiff_t max() noexcept { return PTRDIFF_MAX; }

  void count_down(std::ptrdiff_t update = 1, source_loc loc = source_loc::current()) {
    rt::latch_count_down(id_, update, loc);
  }
  bool try_wait(source_loc loc = source_loc::current()) const {
    return rt::latch_try_wait(id_, loc);
  }
  void wait(source_loc loc = source_loc::current()) const { rt::latch_wait(id_, loc); }
  void arrive_and_wait(std::ptrdiff_t update = 1, source_loc loc = source_loc::current()) {
    rt::latch_count_down(id_, update, loc);
    rt::latch_wait(id_, loc);
  }

 private:
  rt::object_id id_;
};

template <class CompletionFunction = barrier_noop>
class barrier {
  static_assert(std::is_nothrow_invocable_v<CompletionFunction&>,
                "barrier<CompletionFunction>: the completion function must be callable with no "
                "arguments and noexcept, as std::barrier requires");

 public:
  // What arrive() returns and wait() takes: the phase it arrived in.
  class arrival_token {
   public:
    arrival_token(arrival_token&&) noexcept = default;
    arrival_token& operator=(arrival_token&&) noexcept = default;

   private:
    friend class barrier;
    explicit arrival_token(long long phase) noexcept : phase_(phase) {}
    long long phase_;
  };

  explicit barrier(std::ptrdiff_t expected, CompletionFunction f = CompletionFunction(),
                   source_loc loc = source_loc::current())
      : id_(rt::new_object(rt::ObjectKind::barrier, nullptr, loc, "barrier")),
        completion_(std::move(f)) {
    rt::barrier_init(id_, expected, loc);
  }
  barrier(const char* name, std::ptrdiff_t expected, CompletionFunction f = CompletionFunction(),
          source_loc loc = source_loc::current())
      : id_(rt::new_object(rt::ObjectKind::barrier, name, loc)), completion_(std::move(f)) {
    rt::barrier_init(id_, expected, loc);
  }
  ~barrier() { rt::delete_object(id_); }
  barrier(const barrier&) = delete;
  barrier& operator=(const barrier&) = delete;

  static constexpr std::ptrdiff_t max() noexcept { return PTRDIFF_MAX; }

  [[nodiscard]] arrival_token arrive(std::ptrdiff_t update = 1,
                                     source_loc loc = source_loc::current()) {
    return arrival_token(arrive_as(update, false, loc));
  }
  void wait(arrival_token&& arrival, source_loc loc = source_loc::current()) const {
    rt::barrier_wait(id_, arrival.phase_, loc);
  }
  void arrive_and_wait(source_loc loc = source_loc::current()) {
    rt::barrier_wait(id_, arrive_as(1, false, loc), loc);
  }
  void arrive_and_drop(source_loc loc = source_loc::current()) { (void)arrive_as(1, true, loc); }

 private:
  long long arrive_as(std::ptrdiff_t update, bool drop, source_loc loc) {
    const rt::Arrival a = rt::barrier_arrive(id_, update, drop, loc);
    if (a.last) {  // the phase completion step, in the last arriving thread
      completion_();
      rt::barrier_complete(id_, loc);
    }
    return a.phase;
  }

  rt::object_id id_;
  CompletionFunction completion_;
};

}  // namespace racelab::sync::inline model
