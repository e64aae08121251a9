// src/model/random.cpp — uniform random scheduling: at every step, any enabled thread, equally
// likely.
//
// The simplest sampling strategy (shuttle's RandomScheduler, shuttle-schedulers/src/random.rs).
// It finds shallow bugs quickly but gives no coverage guarantee; PCT (pct.cpp) bounds the odds
// for bugs of small depth. One SplitMix64 stream (Steele, Lea & Flood, OOPSLA 2014), seeded once,
// drives every execution: the same seed and body give the same schedules, on every platform
// (std::uniform_int_distribution is implementation-defined, so it is not used).
#include <bit>
#include <cstdint>

#include "model/strategies/scheduler.hpp"
#include "model/strategies/splitmix64.hpp"

namespace racelab::model::detail {

namespace {

class Random final : public Scheduler {
 public:
  explicit Random(std::uint64_t seed) : rng_(seed) {}

  bool next_execution() override { return true; }  // sampling: Options::max_schedules ends it

  int pick(const Choice& choice) override {
    if (choice.has_bits) {  // the same answer from the engine's bits: the k-th enabled by id
      std::uint64_t on = choice.enabled;
      if (on == 0) return -1;
      std::size_t k = rng_.below_few(static_cast<std::size_t>(std::popcount(on)));
      for (; k > 0; --k) on &= on - 1;
      return std::countr_zero(on);
    }
    std::size_t enabled = 0;
    for (const ThreadView& v : *choice.threads) enabled += v.enabled ? 1 : 0;
    if (enabled == 0) return -1;  // the end-of-execution call
    std::size_t k = rng_.below_few(enabled);
    for (const ThreadView& v : *choice.threads) {
      if (!v.enabled) continue;
      if (k-- == 0) return v.id;
    }
    return -1;
  }

 private:
  SplitMix64 rng_;
};

}  // namespace

std::unique_ptr<Scheduler> make_random(std::uint64_t seed) {
  return std::make_unique<Random>(seed);
}

}  // namespace racelab::model::detail
