// src/model/replay.cpp — runs one given schedule (shuttle's ReplayScheduler, replay.rs).
//
// It answers each pick() with the token's next thread and nothing else: whether that thread can
// run, and whether the token and the execution end together, is checked by the engine, which
// knows the threads' names and what a blocked thread waits for (see RunConfig::schedule_length).
#include <stdexcept>
#include <string>
#include <utility>

#include "model/schedule_token.hpp"
#include "model/strategies/scheduler.hpp"

namespace racelab::model::detail {

namespace {

class Replay final : public Scheduler {
 public:
  explicit Replay(std::vector<int> choices) : choices_(std::move(choices)) {}

  bool next_execution() override {
    if (used_) return false;
    used_ = true;
    return true;
  }

  int pick(const Choice& choice) override {
    bool any = choice.has_bits && choice.enabled != 0;
    if (!choice.has_bits) {
      for (const ThreadView& v : *choice.threads) any = any || v.enabled;
    }
    if (!any) return -1;  // the end-of-execution call takes no step of the token
    if (choice.step >= choices_.size()) {
      // Only without RunConfig::schedule_length, which makes the engine stop first and say more.
      throw ScheduleMisfit("the token ends after step " + std::to_string(choices_.size()) +
                           ", but the execution goes on");
    }
    return choices_[choice.step];
  }

 private:
  std::vector<int> choices_;
  bool used_ = false;
};

}  // namespace

std::unique_ptr<Scheduler> make_replay(std::vector<int> choices) {
  return std::make_unique<Replay>(std::move(choices));
}

}  // namespace racelab::model::detail
