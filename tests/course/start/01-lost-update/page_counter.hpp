// course/01-lost-update/page_counter.hpp — YOUR CODE for exercise 01 (course/01-lost-update).
//
// A web page counts its visits: every request thread calls hit() once, and once the requests are
// done total() must be the number of hits. A reader may call total() while hits go on.
//
//   grade it:  racelab grade 01-lost-update      (rebuild first: see course/README.md)
//   reset it:  git checkout -- course/01-lost-update
#pragma once

#include "racelab/impl_namespace.hpp"

namespace RACELAB_IMPL_NAMESPACE {

class PageCounter {
 public:
  void hit() { visits_ = visits_ + 1; }
  int total() const { return visits_; }

 private:
  sync::var<int> visits_{"visits", 0};
};

}  // namespace RACELAB_IMPL_NAMESPACE
