// racelab/sync/lock_guard.hpp — a scope that holds a lock, the same for every backend.
//
// `with QUEUE_USER_LOCK:` in the seed. Each mapping (real.hpp, model.hpp, relacy.hpp) names it
// for its own mutexes: `using lock_guard = basic_lock_guard<mutex>;`. The source location of the
// scope is the lock's and the unlock's, so a timeline shows where the lock was taken.
#pragma once

#include "racelab/source_loc.hpp"
#include "racelab/thread_annotations.hpp"

namespace racelab::sync::common {

template <class Mutex>
class RACELAB_SCOPED_CAPABILITY basic_lock_guard {
 public:
  explicit basic_lock_guard(Mutex& m, source_loc loc = source_loc::current()) RACELAB_ACQUIRE(m)
      : m_(m), loc_(loc) {
    m_.lock(loc_);
  }
  ~basic_lock_guard() RACELAB_RELEASE() { m_.unlock(loc_); }
  basic_lock_guard(const basic_lock_guard&) = delete;
  basic_lock_guard& operator=(const basic_lock_guard&) = delete;

 private:
  Mutex& m_;
  source_loc loc_;
};

}  // namespace racelab::sync::common
