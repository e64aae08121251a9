// lock_holders.cpp — compiled by ctest, not built: the facade's lock holders under clang's
// -Wthread-safety. lock_guard, unique_lock and shared_lock are scoped capabilities, so guarded
// data read or written under them compiles; with RACELAB_TSA_FORGET_THE_LOCK defined, a write
// after unique_lock::unlock() must be rejected ("requires holding mutex").
#include <mutex>

#include "racelab/sync.hpp"
#include "racelab/thread_annotations.hpp"

namespace racelab::tsa_test {

struct Counter {
  sync::mutex m;
  sync::shared_mutex rw;
  int value RACELAB_GUARDED_BY(m) = 0;
  int table RACELAB_GUARDED_BY(rw) = 0;
};

void with_lock_guard(Counter& c) {
  sync::lock_guard g(c.m);
  ++c.value;
}

void with_adopted_lock(Counter& c) {
  c.m.lock();
  sync::lock_guard g(c.m, std::adopt_lock);
  ++c.value;
}

void with_unique_lock(Counter& c) {
  sync::unique_lock lk(c.m);
  ++c.value;
  lk.unlock();
#ifdef RACELAB_TSA_FORGET_THE_LOCK
  ++c.value;
#endif
  lk.lock();
  ++c.value;
}

void with_deferred_lock(Counter& c) {
  sync::unique_lock<sync::mutex> lk(c.m, std::defer_lock);
  lk.lock();
  ++c.value;
}

int with_shared_lock(Counter& c) {
  sync::shared_lock lk(c.rw);
  return c.table;
}

void with_writer_lock(Counter& c) {
  sync::lock_guard g(c.rw);
  ++c.table;
}

}  // namespace racelab::tsa_test
