#include "racelab/registry/ledger.hpp"

#include <algorithm>

#include "racelab/invisible_lock.hpp"
#include "racelab/registry/types.hpp"

namespace racelab::registry {

ProxyPool::ProxyPool(std::vector<int> proxies_per_group)
    : per_group_(std::move(proxies_per_group)) {
  if (per_group_.empty()) per_group_.push_back(0);
}

int ProxyPool::proxies_for_group(int group) const {
  const auto i = static_cast<std::size_t>(std::max(group, 1) - 1);
  return i < per_group_.size() ? per_group_[i] : per_group_.back();
}

const char* to_string(WorkerState s) {
  switch (s) {
    case WorkerState::Starting: return "Starting";
    case WorkerState::Serving: return "Serving";
    case WorkerState::TearingDown: return "TearingDown";
    case WorkerState::Gone: return "Gone";
  }
  return "?";
}

bool GroupRecord::live() const {
  return std::any_of(workers.begin(), workers.end(), [](WorkerState s) {
    return s == WorkerState::Starting || s == WorkerState::Serving;
  });
}

int Ledger::new_group(const std::string& user, int workers) {
  detail::invisible_lock lock(mu_);
  const int id = static_cast<int>(groups_.size()) + 1;
  groups_.push_back(
      {id, user,
       std::vector<WorkerState>(static_cast<std::size_t>(workers), WorkerState::Starting)});
  return id;
}

void Ledger::set_worker_state(int group, int worker_index, WorkerState s) {
  detail::invisible_lock lock(mu_);
  groups_.at(static_cast<std::size_t>(group - 1))
      .workers.at(static_cast<std::size_t>(worker_index)) = s;
}

TaskRecord& Ledger::task_locked(int id) {
  auto it =
      std::find_if(tasks_.begin(), tasks_.end(), [&](const TaskRecord& t) { return t.id == id; });
  if (it != tasks_.end()) return *it;
  tasks_.push_back(TaskRecord{id, 0, 0, false, {}, false});
  return tasks_.back();
}

void Ledger::task_accepted(int task, int group) {
  detail::invisible_lock lock(mu_);
  task_locked(task).group = group;
}

void Ledger::task_processed(int task) {
  detail::invisible_lock lock(mu_);
  ++task_locked(task).times_processed;
}

void Ledger::task_rejected(int task, const std::string& reason) {
  detail::invisible_lock lock(mu_);
  auto& t = task_locked(task);
  t.rejected = true;
  t.reason = reason;
}

std::vector<GroupRecord> Ledger::groups() const {
  detail::invisible_lock lock(mu_);
  return groups_;
}

void Ledger::expect_served(int task) {
  detail::invisible_lock lock(mu_);
  task_locked(task).must_serve = true;
}

std::vector<TaskRecord> Ledger::tasks() const {
  detail::invisible_lock lock(mu_);
  return tasks_;
}

std::optional<GroupRecord> Ledger::group(int id) const {
  detail::invisible_lock lock(mu_);
  if (id < 1 || id > static_cast<int>(groups_.size())) return std::nullopt;
  return groups_[static_cast<std::size_t>(id - 1)];
}

}  // namespace racelab::registry
