// racelab/registry/ledger.hpp — what the registry did, recorded for the checks at the end.
//
// Bookkeeping, not part of the seed: the ported registry reports worker groups, worker states,
// entries and tasks here, and scenario properties are judged from it. It is invisible to every
// checker (racelab/invisible_lock.hpp): it must never order the registry's own accesses.
//
// A worker's life:
//
//   state        entered when                          leaves to
//   Starting     its thread is started                 Serving | TearingDown | Gone
//   Serving      DigiPhone saw proxies > 0             Gone (queue closed)
//   TearingDown  DigiPhone saw 0 proxies               Gone
//   Gone         its body returned or threw            —
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace racelab::registry {

enum class WorkerState { Starting, Serving, TearingDown, Gone };
const char* to_string(WorkerState s);

struct GroupRecord {
  int id = 0;  // 1-based, creation order ("group#1")
  std::string user;
  std::vector<WorkerState> workers;
  bool live() const;  // some worker is Starting or Serving
};

struct TaskRecord {
  int id = 0;
  int group = 0;  // the group it was handed to (0: none)
  int times_processed = 0;
  bool rejected = false;  // the request (or a teardown) told the requester it failed
  std::string reason;     // why it was rejected
  // The scenario says a healthy registry must process this task (happy-path: proxies are free,
  // nothing tears down), so refusing it is a failure too: property unserved-task.
  bool must_serve = false;
};

class Ledger {
 public:
  // A new worker group for `user` with `workers` workers, all Starting. Returns its id.
  int new_group(const std::string& user, int workers);
  void set_worker_state(int group, int worker_index, WorkerState s);

  void task_accepted(int task, int group);
  void task_processed(int task);
  void task_rejected(int task, const std::string& reason);
  // Called by a scenario's workload (racelab's code, not the registry's) before it enqueues.
  void expect_served(int task);

  std::vector<GroupRecord> groups() const;
  std::vector<TaskRecord> tasks() const;
  std::optional<GroupRecord> group(int id) const;

 private:
  TaskRecord& task_locked(int id);

  mutable std::mutex mu_;
  std::vector<GroupRecord> groups_;
  std::vector<TaskRecord> tasks_;
};

}  // namespace racelab::registry
