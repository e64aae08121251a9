// tests/course/refuse_all/registry.cpp — a registry "fix" that refuses every task: complete/
// with an enqueue that turns all work away (the rest of this file is complete/registry.cpp).
// It is safe in every scenario that only checks for failures, so the course must catch it with a
// progress property: happy-path's unserved-task (tests/course/refuse_all_test.cpp).

#include "registry.hpp"

namespace RACELAB_IMPL_NAMESPACE {

void Registry::add_user_with_queue(const User& user, bool reprocess) {
  // `with QUEUE_USER_LOCK:` then `if user.username not in QUEUE_USER:` — one step.
  sync::lock_guard guard(queue_user_lock_);
  const bool registered =
      queue_user_.read("check user", [&](const Map& m) { return m.count(user.username) > 0; });
  if (!registered) {
    // No other request can create the entry in between: we hold the lock.
    Entry entry{std::make_shared<sync::blocking_queue<Task>>("queue"),
                std::make_shared<sync::blocking_queue<std::string>>("events"),
                ledger_.new_group(user.username, workers_per_user_)};
    queue_user_.write("insert", [&](Map& m) { m.insert_or_assign(user.username, entry); });
    start_workers(user, reprocess, entry);
  }
}

bool Registry::enqueue(const User& user, Task task) {
  // The "fix" under test: never KeyError, never a race, never a lost task — because it never
  // takes a task at all. Everything complete/ does elsewhere is kept.
  (void)user;
  ledger_.task_rejected(task.id, "refused (this registry refuses every task)");
  return false;
}

void Registry::tear_down(const User& user, int group, sync::blocking_queue<Task>& q) {
  sync::lock_guard guard(queue_user_lock_);
  // Pop the entry only if it is still this group's: a newer request may have re-registered the
  // user with a new group, whose entry is not ours to remove.
  queue_user_.write("pop own entry", [&](Map& m) {
    const auto it = m.find(user.username);
    if (it != m.end() && it->second.group == group) m.erase(it);
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
