// course/03-lock-order/bank.hpp — YOUR CODE for exercise 03 (course/03-lock-order).
//
// Two accounts, each with its own lock. transfer() moves money between them so that nobody ever
// sees it in both accounts or in neither. Alice pays Bob while Bob pays Alice.
//
//   grade it:  racelab grade 03-lock-order
//   reset it:  git checkout -- course/03-lock-order
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
    sync::lock_guard first(from.lock_);
    sync::lock_guard second(to.lock_);
    from.balance_ -= amount;
    to.balance_ += amount;
  }

 private:
  mutable sync::mutex lock_;
  sync::var<int> balance_;
};

}  // namespace RACELAB_IMPL_NAMESPACE
