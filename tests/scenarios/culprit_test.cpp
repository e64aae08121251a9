// scenarios::culprit_step on hand-made registry states: which step made an end-of-run violation
// true (issue 13 §2). The end-to-end tests (tests/cli/e2e_verify_test.cpp, Culprit.*) check the
// same on real executions of stale-teardown and enqueue-during-teardown.
#include <gtest/gtest.h>

#include "properties.hpp"

namespace racelab::scenarios {
namespace {

using registry::GroupRecord;
using registry::TaskRecord;
using registry::WorkerState;

GroupRecord group(int id, WorkerState s) { return {id, "u", {s, s}}; }

// Steps 0..5; `states[k]` is the state after k steps.
std::function<RegistryState(int)> timeline(std::vector<RegistryState> states, int* asked) {
  return [states = std::move(states), asked](int k) {
    ++*asked;
    return states.at(static_cast<std::size_t>(k));
  };
}

TEST(CulpritStep, EntryLostIsTheLastWriteThatRemovedALiveGroupsEntry) {
  const auto g1 = group(1, WorkerState::Serving);
  const auto g2 = group(2, WorkerState::Serving);
  const RegistryState empty{{}, {}, {}};
  const RegistryState one{{g1}, {}, {{"u", 1}}};
  const RegistryState two{{g1, g2}, {}, {{"u", 2}}};
  const RegistryState popped{{g1, g2}, {}, {}};
  // 0: nothing; step 0 inserts group#1's entry; step 2 replaces it with group#2's; step 4 pops.
  int asked = 0;
  const auto after = timeline({empty, one, one, two, two, popped}, &asked);
  const Cause lost2{Cause::entry_lost, "u", 2, 0};
  EXPECT_EQ(culprit_step(lost2, 5, {0, 2, 4}, after), 4);
  const Cause lost1{Cause::entry_lost, "u", 1, 0};
  EXPECT_EQ(culprit_step(lost1, 5, {0, 2, 4}, after), 2);
  // A group whose entry it never had: no culprit.
  EXPECT_EQ(culprit_step({Cause::entry_lost, "u", 3, 0}, 5, {0, 2, 4}, after), -1);
}

TEST(CulpritStep, AcceptedTaskIsTheFirstStepAfterWhichItBelongsToTheGroup) {
  std::vector<RegistryState> states;
  for (int k = 0; k <= 40; ++k) {
    TaskRecord t{7, k >= 23 ? 1 : 0, 0, false, ""};
    states.push_back({{group(1, WorkerState::Gone)}, {t}, {}});
  }
  int asked = 0;
  EXPECT_EQ(culprit_step({Cause::task_accepted, "", 1, 7}, 40, {}, timeline(states, &asked)), 22);
  EXPECT_LE(asked, 8);  // a binary search, not a replay of every prefix
}

TEST(CulpritStep, GroupDiedIsWhenItsLastWorkerLeft) {
  std::vector<RegistryState> states;
  for (int k = 0; k <= 10; ++k) {
    std::vector<GroupRecord> gs;
    if (k >= 2) gs.push_back(group(1, k >= 6 ? WorkerState::Gone : WorkerState::Starting));
    states.push_back({gs, {}, {{"u", 1}}});
  }
  int asked = 0;
  EXPECT_EQ(culprit_step({Cause::group_died, "u", 1, 0}, 10, {}, timeline(states, &asked)), 5);
  EXPECT_EQ(culprit_step({Cause::none, "", 0, 0}, 10, {}, timeline(states, &asked)), -1);
}

}  // namespace
}  // namespace racelab::scenarios
