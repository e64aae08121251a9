// racelab/registry/worker_pool.hpp — the worker threads and queues a registry has started, so a
// harness can stop them.
//
// Bookkeeping, not part of the seed: Python's workers block in q.get() forever and nobody joins
// them; a test process must end. The registry hands every worker thread and every group's queue
// it starts to its WorkerPool; shutdown() (and the destructor) closes those queues and joins those
// threads. Like the ledger, it is invisible to every checker: its lock is a std::mutex taken
// through detail::invisible_lock (racelab/invisible_lock.hpp), never a facade mutex, and its
// vectors are plain members, never shared<T>. So it adds no scheduling point, no happens-before
// edge and no shared access to the model, Relacy or ThreadSanitizer; the only facade operations
// it performs are shutdown()'s close() and join(), which the registry performed itself before.
//
// Header-only and compiled per backend (racelab::registry::model, ::real, ::relacy), because
// sync::thread and sync::blocking_queue are the backend's.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "racelab/invisible_lock.hpp"
#include "racelab/registry/types.hpp"
#include "racelab/sync.hpp"

namespace racelab::registry::inline RACELAB_BACKEND_NAME {

class WorkerPool {
 public:
  WorkerPool() = default;
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;
  // Calls shutdown(). Declare the pool as its registry's last member, so that it is destroyed
  // first: every worker is joined while the state the workers use is still alive.
  ~WorkerPool() { shutdown(); }

  // Remembers a worker group's queue: shutdown() closes it, which ends the workers' q.get().
  void close_on_shutdown(std::shared_ptr<sync::blocking_queue<Task>> queue) {
    racelab::detail::invisible_lock lock(mu_);
    queues_.push_back(std::move(queue));
  }

  // Remembers a started worker thread: shutdown() joins it.
  //
  // It also tags the worker for the model's symmetry reduction (sync::thread::interchangeable;
  // a no-op on the other backends): the workers handed here between two close_on_shutdown()
  // calls are one group — start_workers' loop, which starts them right before this call with the
  // same worker(), queue, events, user and group. Their only difference, the index i, numbers
  // the ledger's bookkeeping (Ledger::set_worker_state), which every check reads as a whole; and
  // shutdown() joins them all together. So they are interchangeable: group #1's and group #2's
  // workers are different groups.
  void join_on_shutdown(sync::thread worker) {
    racelab::detail::invisible_lock lock(mu_);
    worker.interchangeable("worker group " + std::to_string(queues_.size() + 1));
    threads_.push_back(std::move(worker));
  }

  // Closes every queue remembered and joins every thread remembered, then forgets them. Call it
  // once the requests are done, and never from a worker. A second call does nothing.
  void shutdown() {
    std::vector<sync::thread> threads;
    std::vector<std::shared_ptr<sync::blocking_queue<Task>>> queues;
    {
      racelab::detail::invisible_lock lock(mu_);
      threads.swap(threads_);
      queues.swap(queues_);
    }
    for (auto& q : queues) q->close();
    for (auto& t : threads) {
      if (t.joinable()) t.join();
    }
  }

 private:
  std::mutex mu_;
  std::vector<sync::thread> threads_;
  std::vector<std::shared_ptr<sync::blocking_queue<Task>>> queues_;
};

}  // namespace racelab::registry::inline RACELAB_BACKEND_NAME
