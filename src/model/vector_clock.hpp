// src/model/vector_clock.hpp — vector clocks for the model's happens-before relation.
//
// Mattern / Fidge vector clocks, as FastTrack uses them (Flanagan & Freund, "FastTrack:
// Efficient and Precise Dynamic Race Detection", PLDI 2009). Invariant: C[u] of thread t's clock
// is the last release interval of thread u that happens before t's present. Every thread starts
// its own component at 1 and bumps it after each release (unlock, put, spawn, exit, close), so
// an access made by u in interval e happens before t's present iff e <= C_t[u].
//
// Fixed capacity, no allocation: an execution has at most kMaxThreads threads. Components at
// and above size() are zero (invariant), so copies and joins touch only the threads that exist
// — a handful, where a full 64-wide copy would dominate a step.
#pragma once

#include <array>
#include <cstdint>

namespace racelab::model::detail {

inline constexpr int kMaxThreads = 64;

class VectorClock {
 public:
  VectorClock() = default;
  VectorClock(const VectorClock& o) noexcept : n_(o.n_) {
    for (unsigned i = 0; i < n_; ++i) c_[i] = o.c_[i];
  }
  VectorClock& operator=(const VectorClock& o) noexcept {
    for (unsigned i = 0; i < o.n_; ++i) c_[i] = o.c_[i];
    for (unsigned i = o.n_; i < n_; ++i) c_[i] = 0;
    n_ = o.n_;
    return *this;
  }

  std::uint32_t operator[](int t) const noexcept { return c_[static_cast<unsigned>(t)]; }
  void set(int t, std::uint32_t v) noexcept {
    c_[static_cast<unsigned>(t)] = v;
    if (static_cast<unsigned>(t) >= n_) n_ = static_cast<unsigned>(t) + 1;
  }
  void tick(int t) noexcept { set(t, c_[static_cast<unsigned>(t)] + 1); }
  // Acquire: everything `o` knows now happens before this clock's present.
  void join(const VectorClock& o) noexcept {
    for (unsigned i = 0; i < o.n_; ++i) c_[i] = c_[i] < o.c_[i] ? o.c_[i] : c_[i];
    if (o.n_ > n_) n_ = o.n_;
  }
  void clear() noexcept {
    for (unsigned i = 0; i < n_; ++i) c_[i] = 0;
    n_ = 0;
  }

 private:
  unsigned n_ = 0;  // components [n_, kMaxThreads) are zero
  std::array<std::uint32_t, kMaxThreads> c_{};
};

}  // namespace racelab::model::detail
