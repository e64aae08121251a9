// tests/course/solutions/03-lock-order/bank.hpp — a reference solution of exercise 03.
// Not the student's file (course/03-lock-order/bank.hpp).
//
// scoped_lock takes both locks as one operation, without ever holding one while blocking on the
// other in an order another thread reverses (std::lock's deadlock avoidance). Locking the two
// accounts in one global order (e.g. by address or by an id) is the other classic answer.
#pragma once

#include "racelab/impl_namespace.hpp"

namespace RACELAB_IMPL_NAMESPACE {

class Account {
 public:
  Account(const char* name, int opening) : lock_(name), balance_(name, opening) {}

  int balance() const {
    sync::lock_guard guard(lock_);
    return balance_;
  }

  friend void transfer(Account& from, Account& to, int amount) {
    sync::scoped_lock both(from.lock_, to.lock_);
    from.balance_ -= amount;
    to.balance_ += amount;
  }

 private:
  mutable sync::mutex lock_;
  sync::var<int> balance_;
};

}  // namespace RACELAB_IMPL_NAMESPACE
