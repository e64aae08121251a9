// registry.cpp — addUserWithQueue and its workers' start, the request side, the worker's teardown.
//
// Each function is the Python it ports, quoted in its comments. Where the folders differ (the
// locks, what a teardown removes, how a request puts a task), the lines say what they do; the
// rest is the same in every folder. KeyError is Python's, with Python's message: the seed's log,
// `Exception in thread Thread-3 (worker): KeyError: 'GCCDianaramirez'`, prints the same here.
// Stopping the workers is racelab's bookkeeping (registry::WorkerPool, invisible to checkers):
// the registry only hands each thread and queue it starts to `workers_`, for shutdown().

#include "registry.hpp"

namespace RACELAB_IMPL_NAMESPACE {

void Registry::add_user_with_queue(const User& user, bool reprocess) {
  // `with QUEUE_USER_LOCK:` then `if user.username not in QUEUE_USER:` — one step.
  sync::lock_guard guard(queue_user_lock_);
  const bool registered =
      queue_user_.read("check user", [&](const Map& m) { return m.count(user.username) > 0; });
  if (!registered) {
    // No other request can create the entry in between: we hold the lock.
    const int group = ledger_.new_group(user.username, workers_per_user_);
    Entry entry{std::make_shared<sync::blocking_queue<Task>>(registry::queue_name(group)),
                std::make_shared<sync::blocking_queue<std::string>>("events"), group};
    queue_user_.write("insert", [&](Map& m) { m.insert_or_assign(user.username, entry); });
    start_workers(user, reprocess, entry);
  }
}

bool Registry::enqueue(const User& user, Task task) {
  // Under the lock, so a teardown cannot run between the lookup and the put: either the put
  // happens first and the teardown hands the task back, or the lookup sees no entry.
  sync::lock_guard guard(queue_user_lock_);
  const Entry entry = queue_user_.read("lookup", [&](const Map& m) {
    const auto it = m.find(user.username);
    return it == m.end() ? Entry{} : it->second;
  });
  const int id = task.id;
  if (!entry.queue) {
    ledger_.task_rejected(id, "no worker group for user '" + user.username + "'");
    return false;
  }
  if (!entry.queue->put(std::move(task))) {
    ledger_.task_rejected(id, "worker group #" + std::to_string(entry.group) + " is shut down");
    return false;
  }
  ledger_.task_accepted(id, entry.group);
  return true;
}

void Registry::tear_down(const User& user, int group, sync::blocking_queue<Task>& q) {
  sync::lock_guard guard(queue_user_lock_);
  // Pop the entry only if it is still this group's: a newer request may have re-registered the
  // user with a new group, whose entry is not ours to remove.
  queue_user_.write("pop own entry", [&](Map& m) {
    std::string found = registry::entry_owner(m, user.username, group);  // the step's value
    const auto it = m.find(user.username);
    if (it != m.end() && it->second.group == group) m.erase(it);
    return found;
  });
  // Close our queue under the same lock: no request can put after this, and whatever was put
  // before is handed back with a reason instead of waiting forever for a worker.
  for (const Task& t : q.close()) {
    ledger_.task_rejected(t.id, "worker group #" + std::to_string(group) +
                                    " tore down (no proxies) before serving it");
  }
}

std::vector<std::pair<std::string, int>> Registry::snapshot() const {
  sync::lock_guard guard(queue_user_lock_);
  return queue_user_.read("snapshot", [](const Map& m) {
    std::vector<std::pair<std::string, int>> out;
    for (const auto& [name, entry] : m) out.emplace_back(name, entry.group);
    return out;
  });
}

void Registry::start_workers(const User& user, bool reprocess, const Entry& entry) {
  for (int i = 0; i < workers_per_user_; ++i) {
    sync::thread t("worker", [this, q = entry.queue, ev = entry.events, i, user, reprocess,
                              group = entry.group] { worker(q, ev, i, user, reprocess, group); });
    workers_.join_on_shutdown(std::move(t));
  }
  workers_.close_on_shutdown(entry.queue);
}

}  // namespace RACELAB_IMPL_NAMESPACE
