// tests/course/stall/01-lost-update/page_counter.hpp — a student's answer to exercise 01 that
// locks a std::mutex instead of racelab::sync::mutex (new-user trial): correct on real threads,
// but under the model every thread of a check is a fiber on one OS thread, and the read of
// visits_ inside the lock is a scheduling point. The other request's hit() then locks the
// std::mutex on that same OS thread and blocks it for good. GradeStall.* grades it
// (stall_grade_demo.cpp) and expects the grade to end with exit 3 and one line, not to hang.
#pragma once

#include <mutex>

#include "racelab/impl_namespace.hpp"

namespace RACELAB_IMPL_NAMESPACE {

class PageCounter {
 public:
  void hit() {
    std::lock_guard<std::mutex> guard(lock_);
    visits_ = visits_ + 1;
  }
  int total() const {
    std::lock_guard<std::mutex> guard(lock_);
    return visits_;
  }

 private:
  mutable std::mutex lock_;  // the mistake: invisible to the model
  sync::var<int> visits_{"visits", 0};
};

}  // namespace RACELAB_IMPL_NAMESPACE
