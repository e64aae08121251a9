// src/model/strategies/splitmix64.hpp — the one random stream of the sampling strategies.
//
// SplitMix64 (Steele, Lea & Flood, OOPSLA 2014): tiny, and the same on every platform, unlike
// std::uniform_int_distribution (implementation-defined), so a seed names the same schedules
// everywhere. random.cpp and pct.cpp each seed one stream once per exploration.
#pragma once

#include <cstddef>
#include <cstdint>

namespace racelab::model::detail {

class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

  // Uniform in [0, n), n > 0, by modulo: the bias is below n / 2^64, nothing for step counts.
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }

  // Uniform in [0, n), n <= 64 threads, by Lemire's multiply-shift on the high 32 bits (bias
  // below 2^-26); cheaper than a division on the per-step path of random scheduling.
  std::size_t below_few(std::size_t n) {
    return static_cast<std::size_t>(((next() >> 32) * static_cast<std::uint64_t>(n)) >> 32);
  }

 private:
  std::uint64_t state_;
};

}  // namespace racelab::model::detail
