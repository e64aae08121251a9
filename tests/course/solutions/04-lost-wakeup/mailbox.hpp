// tests/course/solutions/04-lost-wakeup/mailbox.hpp — a reference solution of exercise 04.
// Not the student's file (course/04-lost-wakeup/mailbox.hpp).
//
// The flag is written under the lock the waiter holds while it checks, so the notify cannot fall
// between the waiter's check and its wait; and the waiter re-checks the flag after every wake-up
// (wait with a predicate), so a spurious wake-up just waits again.
#pragma once

#include "racelab/impl_namespace.hpp"

namespace RACELAB_IMPL_NAMESPACE {

class Mailbox {
 public:
  void post(int letter) {
    {
      sync::lock_guard guard(lock_);
      letter_ = letter;
      has_letter_ = true;
    }
    arrived_.notify_one();
  }

  int wait_for_letter() {
    sync::unique_lock lock(lock_);
    arrived_.wait(lock, [this] { return has_letter_ == true; });
    return letter_;
  }

 private:
  sync::mutex lock_{"mailbox"};
  sync::condition_variable arrived_{"arrived"};
  sync::var<bool> has_letter_{"has_letter", false};
  sync::var<int> letter_{"letter", 0};
};

}  // namespace RACELAB_IMPL_NAMESPACE
