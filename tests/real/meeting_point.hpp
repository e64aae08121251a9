// meeting_point.hpp — hold the first N threads that reach a labelled scheduling point until all N
// are there, then let them all go. Installed as the real backend's scheduling-point hook
// (sync::set_scheduling_point_hook) inside a trial's child process.
//
// Why: in the seed, the four workers are all inside DigiPhone(user, reprocess) — a call to the
// proxy service — when they find no proxies (fix-de-concurrencia-views.md: "Todos ejecutan
// worker() simultáneamente"). The port's DigiPhone is instantaneous, so on real threads each
// worker usually finishes before the next one starts, and the queue's shared_ptr reference
// count (acq_rel atomics) then orders their map accesses: no data race happens in that run, and
// ThreadSanitizer rightly reports none (0.2–0.9% of runs race: docs/stress-baseline.md).
// Meeting at "read proxy pool" restores the seed's overlap. It orders everything before the
// meeting before everything after it, and nothing after it: the four lookups and erases that
// follow are unordered, as in the seed, so the race is there in every run.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstring>
#include <mutex>

namespace racelab::harness::testing {

class MeetingPoint {
 public:
  MeetingPoint(const char* label, int threads) : label_(label), expected_(threads) {}

  // The hook body: blocks the caller at `label` until `threads` have arrived. A bound (10 s)
  // keeps a miscounted test from hanging; arrived() then tells the test it did not meet.
  void reached(const char* what) {
    if (std::strcmp(what, label_) != 0) return;
    std::unique_lock<std::mutex> lock(mu_);
    if (++arrived_ == expected_) {
      cv_.notify_all();
      return;
    }
    cv_.wait_for(lock, std::chrono::seconds(10), [&] { return arrived_ >= expected_; });
  }

  int arrived() const {
    std::lock_guard<std::mutex> lock(mu_);
    return arrived_;
  }

 private:
  const char* label_;
  const int expected_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  int arrived_ = 0;
};

}  // namespace racelab::harness::testing
