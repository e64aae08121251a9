// scenarios/properties.hpp — the registry's end-of-run properties, judged from the ledger.
//
// Backend-independent: the same function judges a model execution (at quiescence) and a real
// run (once it has settled). Each broken property is a Violation whose id is the property id.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "racelab/model/explore.hpp"
#include "racelab/registry/ledger.hpp"

namespace racelab::scenarios {

// QUEUE_USER as the registry's snapshot() reports it: username → group id of its entry.
using Snapshot = std::vector<std::pair<std::string, int>>;

// Checks, for every user:
//   duplicate-workers  more than one live group (a group is live while a worker is Starting or
//                      Serving)
//   stale-entry        an entry whose group is not live, or a live group without the entry
//   lost-task          a task accepted by a group that is not live, never processed nor refused
//   duplicate-task     a task processed more than once
//   unserved-task      a task the workload marked must_serve (Ledger::expect_served) was never
//                      processed: refusing work a healthy registry can do is no fix
std::vector<model::Violation> check_end_state(const registry::Ledger& ledger,
                                              const Snapshot& snapshot);

// The registry's state at one point of an execution, as the properties read it.
struct RegistryState {
  std::vector<registry::GroupRecord> groups;
  std::vector<registry::TaskRecord> tasks;
  Snapshot snapshot;
};
RegistryState registry_state(const registry::Ledger& ledger, const Snapshot& snapshot);

// What made an end-of-run violation true, as a question about one step's effect (issue 13 §2).
// An end-of-run property has no step of its own; its cause does:
//   entry_lost      user's entry stopped being `group`'s while that group was live: the pop of
//                   an old worker that removed a newer group's entry, an insert that replaced it
//                   (duplicate-workers: the older group's; stale-entry "group#N serves 'u' but ...")
//   group_died      `group` stopped being live while its entry stayed ("... whose workers are gone")
//   task_accepted   the put that handed `task` to `group`, whose workers are gone (lost-task)
//   task_reprocessed  the second processing of `task` (duplicate-task)
struct Cause {
  enum Kind { none, entry_lost, group_died, task_accepted, task_reprocessed } kind = none;
  std::string user;
  int group = 0;
  int task = 0;
};
struct EndFinding {
  model::Violation violation;
  Cause cause;
};
// check_end_state() with the cause of each violation.
std::vector<EndFinding> end_findings(const registry::Ledger& ledger, const Snapshot& snapshot);

// The 0-based step that made the violation's cause true, or -1. `state_after(k)` is the state
// after the first k steps of the execution (0 ≤ k ≤ steps); `writes` are the steps that may
// change QUEUE_USER (its write steps), in order. It asks state_after a few times: twice per
// write for entry_lost (the last write that removed the group's entry while the group was live),
// a binary search for the others (their facts, once true, stay true).
int culprit_step(const Cause& cause, int steps, const std::vector<int>& writes,
                 const std::function<RegistryState(int)>& state_after);

// "QUEUE_USER = { 'GCCDianaramirez': group#1 } · group#1: Starting×3 TearingDown×1"
std::string describe_state(const registry::Ledger& ledger, const Snapshot& snapshot);

}  // namespace racelab::scenarios
