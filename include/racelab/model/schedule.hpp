// racelab/model/schedule.hpp — a schedule: the thread that runs each step, as a value.
//
// Its text form is the replay token a person reads and types (docs/model-library.md):
//
//   token   := "" | run ("." run)*
//   run     := thread ["x" steps]          thread, steps: decimal; steps >= 1; "x1" may be left out
//
//   "0x4.1x3.2x3"   MainThread runs 4 steps, then Thread-1 3 steps, then Thread-2 3 steps.
//
// Every step of an execution is listed, forced ones included, so a token replays with no
// strategy at all. str() is canonical: adjacent runs of one thread merged, "x1" left out, so two
// schedules are equal exactly when their canonical tokens are. One grammar, one parser: the
// engine, replay, probe and `racelab play` all use this type.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace racelab::model {

class Schedule {
 public:
  Schedule() = default;
  explicit Schedule(std::vector<int> steps) : steps_(std::move(steps)) {}

  // Parses a token, as pasted: blanks around it and one pair of matching quotes ('…', "…", `…`)
  // are left out. Throws std::invalid_argument naming the bad part and what is accepted, e.g.
  //   bad schedule token "0x4.zz": "zz" is not <thread>[x<steps>]; expected e.g. 0x4.1x3.2x3
  static Schedule parse(const std::string& token);

  // The canonical token ("" for no steps).
  std::string str() const;

  const std::vector<int>& steps() const noexcept { return steps_; }
  std::size_t size() const noexcept { return steps_.size(); }
  bool empty() const noexcept { return steps_.empty(); }

  // One more step of `thread` at the end.
  void push(int thread) { steps_.push_back(thread); }
  // Takes the last step back; nothing to take back on an empty schedule.
  void pop() noexcept {
    if (!steps_.empty()) steps_.pop_back();
  }

  friend bool operator==(const Schedule&, const Schedule&) = default;

 private:
  std::vector<int> steps_;
};

// The canonical token of choices the engine recorded (one thread id per step).
std::string format_schedule(const std::vector<std::uint8_t>& choices);

}  // namespace racelab::model
