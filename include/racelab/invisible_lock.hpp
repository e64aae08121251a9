// racelab/invisible_lock.hpp — a lock for racelab's own bookkeeping that checkers must not see.
//
// The ledger that records what the registry did (groups, tasks, exceptions), and the worker pool
// that remembers the threads and queues it started (racelab/registry/worker_pool.hpp), are
// written from the threads under test. If they used a plain std::mutex, ThreadSanitizer would
// see every worker synchronise through it, order the registry's racy accesses, and stay silent
// about the very race we teach. Under TSan this lock tells the runtime to ignore both its synchronisation and
// the bookkeeping accesses it guards, so the registry's happens-before graph is the program's own.
// The model and Relacy backends run every thread on one OS thread and never switch inside it.
#pragma once

#include <mutex>

namespace racelab::detail {

class invisible_lock {
 public:
  explicit invisible_lock(std::mutex& m);
  ~invisible_lock();
  invisible_lock(const invisible_lock&) = delete;
  invisible_lock& operator=(const invisible_lock&) = delete;

 private:
  std::mutex& m_;
};

}  // namespace racelab::detail
