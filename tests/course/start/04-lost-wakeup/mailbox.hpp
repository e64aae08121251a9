// course/04-lost-wakeup/mailbox.hpp — YOUR CODE for exercise 04 (course/04-lost-wakeup).
//
// One thread posts a letter, another waits for it. wait_for_letter() must return the letter that
// was posted, and must never sleep forever. A condition variable may wake a waiter that nobody
// notified (a "spurious" wake-up): the C++ standard allows it, and the model tries it.
//
//   grade it:  racelab grade 04-lost-wakeup
//   reset it:  git checkout -- course/04-lost-wakeup
#pragma once

#include "racelab/impl_namespace.hpp"

namespace RACELAB_IMPL_NAMESPACE {

class Mailbox {
 public:
  void post(int letter) {
    letter_ = letter;
    has_letter_ = true;
    arrived_.notify_one();
  }

  int wait_for_letter() {
    sync::unique_lock lock(lock_);
    if (!has_letter_) arrived_.wait(lock);
    return letter_;
  }

 private:
  sync::mutex lock_{"mailbox"};
  sync::condition_variable arrived_{"arrived"};
  sync::var<bool> has_letter_{"has_letter", false};
  sync::var<int> letter_{"letter", 0};
};

}  // namespace RACELAB_IMPL_NAMESPACE
