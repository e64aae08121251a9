// racelab/sync/real/latch.hpp — latch and barrier<CompletionFunction>: std::latch and
// std::barrier, with the facade's names and labels (accepted and dropped).
#pragma once

#include <barrier>
#include <cstddef>
#include <latch>
#include <utility>

#include "racelab/source_loc.hpp"
#include "racelab/sync/barrier_noop.hpp"
#include "racelab/sync/real/base.hpp"

namespace racelab::sync::inline real {

class latch {
 public:
  explicit latch(std::ptrdiff_t expected) : l_(expected) {}
  latch(const char* /*name*/, std::ptrdiff_t expected) : l_(expected) {}
  latch(const latch&) = delete;
  latch& operator=(const latch&) = delete;

  static constexpr std::ptrdiff_t max() noexcept { return std::latch::max(); }

  void count_down(std::ptrdiff_t update = 1, source_loc = source_loc::current()) {
    detail::maybe_noise();
    l_.count_down(update);
  }
  bool try_wait(source_loc = source_loc::current()) const noexcept { return l_.try_wait(); }
  void wait(source_loc = source_loc::current()) const {
    detail::maybe_noise();
    l_.wait();
  }
  void arrive_and_wait(std::ptrdiff_t update = 1, source_loc = source_loc::current()) {
    detail::maybe_noise();
    l_.arrive_and_wait(update);
  }

 private:
  std::latch l_;
};

template <class CompletionFunction = barrier_noop>
class barrier {
 public:
  using arrival_token = typename std::barrier<CompletionFunction>::arrival_token;

  explicit barrier(std::ptrdiff_t expected, CompletionFunction f = CompletionFunction())
      : b_(expected, std::move(f)) {}
  barrier(const char* /*name*/, std::ptrdiff_t expected,
          CompletionFunction f = CompletionFunction())
      : b_(expected, std::move(f)) {}
  barrier(const barrier&) = delete;
  barrier& operator=(const barrier&) = delete;

  static constexpr std::ptrdiff_t max() noexcept { return std::barrier<CompletionFunction>::max(); }

  [[nodiscard]] arrival_token arrive(std::ptrdiff_t update = 1,
                                     source_loc = source_loc::current()) {
    detail::maybe_noise();
    return b_.arrive(update);
  }
  void wait(arrival_token&& arrival, source_loc = source_loc::current()) const {
    b_.wait(std::move(arrival));
  }
  void arrive_and_wait(source_loc = source_loc::current()) {
    detail::maybe_noise();
    b_.arrive_and_wait();
  }
  void arrive_and_drop(source_loc = source_loc::current()) {
    detail::maybe_noise();
    b_.arrive_and_drop();
  }

 private:
  std::barrier<CompletionFunction> b_;
};

}  // namespace racelab::sync::inline real
