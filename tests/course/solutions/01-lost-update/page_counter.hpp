// tests/course/solutions/01-lost-update/page_counter.hpp — a reference solution of exercise 01.
// Not the student's file (that is course/01-lost-update/page_counter.hpp): tests grade this one
// to prove the checks pass on correct code.
//
// One lock makes read-add-write one indivisible step for every other thread that takes it, and
// orders every access (the reader's too) by happens-before. An atomic counter
// (sync::atomic<int>::fetch_add) is the other classic answer.
#pragma once

#include "racelab/impl_namespace.hpp"
#include "racelab/thread_annotations.hpp"

namespace RACELAB_IMPL_NAMESPACE {

class PageCounter {
 public:
  void hit() {
    sync::lock_guard guard(lock_);
    visits_ = visits_ + 1;
  }
  int total() const {
    sync::lock_guard guard(lock_);
    return visits_;
  }

 private:
  mutable sync::mutex lock_{"visits_lock"};
  sync::var<int> visits_ RACELAB_GUARDED_BY(lock_){"visits", 0};
};

}  // namespace RACELAB_IMPL_NAMESPACE
