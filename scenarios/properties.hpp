// scenarios/properties.hpp — the registry's end-of-run properties, judged from the ledger.
//
// Backend-independent: the same function judges a model execution (at quiescence) and a real
// run (once it has settled). Each broken property is a Violation whose id is the property id.
#pragma once

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

// "QUEUE_USER = { 'GCCDianaramirez': group#1 } · group#1: Starting×3 TearingDown×1"
std::string describe_state(const registry::Ledger& ledger, const Snapshot& snapshot);

}  // namespace racelab::scenarios
