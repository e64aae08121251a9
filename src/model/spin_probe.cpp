// The spin probe (spin_probe.hpp): a replayed prefix, then one thread alone.
#include "model/spin_probe.hpp"

#include <utility>

#include "model/strategies/scheduler.hpp"

namespace racelab::model::detail {

namespace {

class ProbeSpin final : public Scheduler {
 public:
  ProbeSpin(std::vector<int> prefix, int thread, std::size_t alone)
      : prefix_(std::move(prefix)), thread_(thread), alone_(alone) {}

  bool next_execution() override {
    if (used_) return false;
    used_ = true;
    return true;
  }

  int pick(const Choice& choice) override {
    if (choice.step < prefix_.size()) {
      for (const ThreadView& v : *choice.threads)
        if (v.id == prefix_[choice.step]) return v.id;
      return -1;  // not offered (cannot happen: the prefix was one run's), so stop
    }
    if (ran_ >= alone_) return -1;
    for (const ThreadView& v : *choice.threads) {
      if (v.id == thread_ && v.enabled) {
        ++ran_;
        return thread_;
      }
    }
    return -1;  // blocked or ended: the probe is over
  }

 private:
  std::vector<int> prefix_;
  int thread_;
  std::size_t alone_;
  std::size_t ran_ = 0;
  bool used_ = false;
};

}  // namespace

bool probe_spin(Engine& engine, const std::vector<int>& prefix, int thread, std::size_t alone,
                std::size_t max_steps) {
  ProbeSpin probe(prefix, thread, alone);
  probe.next_execution();
  RunConfig config;
  config.max_steps = max_steps;
  config.unhidden = thread;
  (void)engine.run(probe, config);
  return !engine.left_spin().empty();
}

}  // namespace racelab::model::detail
