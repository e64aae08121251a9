// registry.hpp — the QUEUE_USER registry: addUserWithQueue, the request side, a worker's teardown.
//
// views.py kept a global dict QUEUE_USER (username → {queue, events}). addUserWithQueue()
// registers a user and starts 4 worker threads; a worker whose DigiPhone finds no proxies runs
// `del QUEUE_USER[user]`. With 4 workers and 0 proxies, 4 threads delete one key: the first
// succeeds and the other 3 raise KeyError: 'GCCDianaramirez'. In C++ there is no GIL, so the
// same code is also a data race on the map — undefined behaviour.
//
// The same three files, in four folders; only the lines of a fix differ, and say what they do:
//   buggy/     the registry as views.py had it;
//   fixed/     the seed's fix (fix-de-concurrencia-views.md), exactly as it was written:
//              `diff -r buggy fixed` is that fix, and nothing else;
//   complete/  what the seed's fix missed, added: `diff -r fixed complete`;
//   exercise/  your copy of buggy/: fix it, then prove it (docs/tutorial.md).
// Everything the registry may use for concurrency is in racelab/sync.hpp (sync::mutex,
// sync::lock_guard, ...), with RACELAB_GUARDED_BY if you want clang to check your locking (build
// preset `tsa`); racelab/registry/lesson.hpp brings it, and the seed's types.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "racelab/registry/lesson.hpp"

namespace RACELAB_IMPL_NAMESPACE {

using registry::Ledger;
using registry::ProxyPool;
using registry::Task;
using registry::User;

// What the seed keeps per user: {'queue': Queue(), 'events': ...}, plus the worker group that
// serves it (racelab's bookkeeping id, to tell an old group from a new one).
struct Entry {
  std::shared_ptr<sync::blocking_queue<Task>> queue;
  std::shared_ptr<sync::blocking_queue<std::string>> events;  // progress lines for the UI
  int group = 0;
};

class Registry {
 public:
  // `pool` and `ledger` must outlive the registry and every worker it starts.
  Registry(const ProxyPool& pool, Ledger& ledger, int workers_per_user = registry::kWorkersPerUser)
      : pool_(pool), ledger_(ledger), workers_per_user_(workers_per_user) {}

  // addUserWithQueue(user, reprocess): registers the user and starts the workers, unless the
  // user is registered already.
  // Check and create happen under QUEUE_USER_LOCK, as one step.
  void add_user_with_queue(const User& user, bool reprocess) RACELAB_EXCLUDES(queue_user_lock_);

  // The request side, `QUEUE_USER[user]['queue'].put(task)`: hands a task to the user's workers.
  // Looks up and puts under QUEUE_USER_LOCK, so that no teardown runs in between. Never throws
  // KeyError: when the user has no worker group, or its group's queue is closed (shutdown()),
  // records the task in the ledger as rejected, with the reason, and returns false. Returns true
  // when the group's queue took the task: a worker serves it, or the group's teardown hands it
  // back as rejected — never silently lost.
  bool enqueue(const User& user, Task task) RACELAB_EXCLUDES(queue_user_lock_);

  // Which group each registered user's entry belongs to (username → group id), for checks.
  std::vector<std::pair<std::string, int>> snapshot() const RACELAB_EXCLUDES(queue_user_lock_);

  // racelab's addition for harnesses: closes every queue ever created and joins every worker
  // (the destructor does it too). Python's workers block in q.get() forever; a test process
  // must end. Call once the requests are done (never from a worker).
  void shutdown() { workers_.shutdown(); }

 private:
  using Map = std::unordered_map<std::string, Entry>;

  // worker(q, events, _thread, user, reprocess): builds a DigiPhone; serves tasks when it sees
  // proxies, otherwise removes the user's entry (`del QUEUE_USER[user]`).
  void worker(std::shared_ptr<sync::blocking_queue<Task>> q,
              std::shared_ptr<sync::blocking_queue<std::string>> events, int thread_index,
              User user, bool reprocess, int group);
  // The no-proxies branch of worker(): group `group`, whose queue is `q`, gives up the user.
  // Removes the entry only if it is still this group's (a newer request may have registered the
  // user again), and closes `q` under the same lock, handing back what was put on it.
  void tear_down(const User& user, int group, sync::blocking_queue<Task>& q)
      RACELAB_EXCLUDES(queue_user_lock_);
  void start_workers(const User& user, bool reprocess, const Entry& entry);

  const ProxyPool& pool_;
  Ledger& ledger_;
  const int workers_per_user_;

  // QUEUE_USER_LOCK = threading.Lock(), and the QUEUE_USER it guards.
  mutable sync::mutex queue_user_lock_{"QUEUE_USER_LOCK"};
  sync::shared<Map> queue_user_ RACELAB_GUARDED_BY(queue_user_lock_){"QUEUE_USER"};

  // Bookkeeping, not the seed's state: the workers started and their queues, for shutdown(). No
  // checker sees it. Last, so it is destroyed first: workers are joined before QUEUE_USER goes.
  registry::WorkerPool workers_;
};

}  // namespace RACELAB_IMPL_NAMESPACE
