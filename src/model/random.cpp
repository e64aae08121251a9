// src/model/random.cpp — uniform random scheduling: at every step, any enabled thread, equally
// likely.
//
// The simplest sampling strategy (shuttle's RandomScheduler, shuttle-schedulers/src/random.rs).
// It finds shallow bugs quickly but gives no coverage guarantee; PCT (pct.cpp) bounds the odds
// for bugs of small depth. One SplitMix64 stream (Steele, Lea & Flood, OOPSLA 2014), seeded once,
// drives every execution: the same seed and body give the same schedules, on every platform
// (std::uniform_int_distribution is implementation-defined, so it is not used).
#include <cstdint>

#include "strategy.hpp"

namespace racelab::model::detail {

namespace {

class Random final : public Strategy {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}

  bool next_execution() override { return true; }  // sampling: Options::max_schedules ends it

  int pick(const Choice& choice) override {
    std::size_t enabled = 0;
    for (const ThreadView& v : *choice.threads) enabled += v.enabled ? 1 : 0;
    if (enabled == 0) return -1;  // the end-of-execution call
    std::size_t k = below(enabled);
    for (const ThreadView& v : *choice.threads) {
      if (!v.enabled) continue;
      if (k-- == 0) return v.id;
    }
    return -1;
  }

 private:
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n) by Lemire's multiply-shift on 32 bits (bias below 2^-26 for n <= 64).
  std::size_t below(std::size_t n) {
    return static_cast<std::size_t>(((next() >> 32) * static_cast<std::uint64_t>(n)) >> 32);
  }

  std::uint64_t state_;
};

}  // namespace

std::unique_ptr<Strategy> make_random(std::uint64_t seed) { return std::make_unique<Random>(seed); }

}  // namespace racelab::model::detail
