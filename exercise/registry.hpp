// exercise/registry.hpp — YOUR copy of the buggy registry: fix it, then prove it.
//
// This folder starts as an exact copy of buggy/ (same files, same interface). Change it until
//   racelab check <scenario> --impl exercise
// says "safe" for every scenario (`racelab list` names them), exhaustively. Start with
// no-proxies (the seed's triple KeyError), then read docs/verdicts.md and try stale-teardown and
// enqueue-during-teardown: the seed's own fix is not enough there. Compare with fixed/ and
// complete/ only when you are stuck. docs/tutorial.md walks through it.
//
// Everything the registry may use for concurrency is in racelab/sync.hpp: sync::mutex,
// sync::lock_guard, and RACELAB_GUARDED_BY from racelab/thread_annotations.hpp if you want
// clang to check your locking (build preset `tsa`).
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "racelab/impl_namespace.hpp"
#include "racelab/registry/ledger.hpp"
#include "racelab/registry/types.hpp"
#include "racelab/sync.hpp"

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
  Registry(const ProxyPool& pool, Ledger& ledger, int workers_per_user = registry::kWorkersPerUser);
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;
  // Calls shutdown().
  ~Registry();

  // addUserWithQueue(user, reprocess): registers the user and starts the workers, unless the
  // user is registered already.
  // buggy: check and create are two unsynchronised steps; two requests can both create.
  void add_user_with_queue(const User& user, bool reprocess);

  // The request side, `QUEUE_USER[user]['queue'].put(task)`: hands a task to the user's workers.
  // Returns true when a worker group's queue took the task, false when the request was refused
  // (the task is then recorded as rejected, with the reason). Throws KeyError when the user is
  // not registered, as Python does.
  // buggy: reads the map with no lock.
  bool enqueue(const User& user, Task task);

  // Which group each registered user's entry belongs to (username → group id), for checks.
  std::vector<std::pair<std::string, int>> snapshot() const;

  // racelab's addition for harnesses: closes every queue ever created and joins every worker.
  // Python's workers block in q.get() forever; a test process must end. Call once the requests
  // are done (never from a worker).
  void shutdown();

 private:
  using Map = std::unordered_map<std::string, Entry>;

  // worker(q, events, _thread, user, reprocess): builds a DigiPhone; serves tasks when it sees
  // proxies, otherwise removes the user's entry (`del QUEUE_USER[user]`).
  void worker(std::shared_ptr<sync::blocking_queue<Task>> q,
              std::shared_ptr<sync::blocking_queue<std::string>> events, int thread_index,
              User user, bool reprocess, int group);
  // The no-proxies branch of worker(): group `group`, whose queue is `q`, gives up the user.
  void tear_down(const User& user, int group, sync::blocking_queue<Task>& q);
  void start_workers(const User& user, bool reprocess, const Entry& entry);

  const ProxyPool& pool_;
  Ledger& ledger_;
  const int workers_per_user_;

  // QUEUE_USER. buggy: no lock guards it.
  sync::shared<Map> queue_user_{"QUEUE_USER"};

  // Bookkeeping, not the seed's state: every thread and queue started, so shutdown() can stop
  // them. Guarded by an invisible lock (racelab/invisible_lock.hpp) so no checker sees it.
  std::mutex started_mu_;
  std::vector<sync::thread> threads_;
  std::vector<std::shared_ptr<sync::blocking_queue<Task>>> queues_;
};

}  // namespace RACELAB_IMPL_NAMESPACE
