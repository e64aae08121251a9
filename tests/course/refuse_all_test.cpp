// A registry that refuses every task is safe in every scenario that only looks for failures; the
// course must still fail it. happy-path's unserved-task property is what does.
#include <gtest/gtest.h>

#include "racelab/scenarios/catalogue.hpp"

namespace racelab::scenarios::refuse_all {
ModelRun model_run(const Scenario& s);  // tests/course/refuse_all + scenarios/bind_model.cpp
}

namespace racelab::scenarios {
namespace {

std::set<std::string> found_in(const std::string& scenario) {
  const ModelRun run = refuse_all::model_run(*find_scenario(scenario));
  model::Options o;
  o.stop_on_first_violation = false;
  std::set<std::string> ids;
  o.on_execution = [&ids](const model::Execution& e) {
    for (const auto& v : e.violations) ids.insert(v.id);
  };
  model::explore(o, run.body, run.end_check);
  return ids;
}

TEST(RefuseEverything, FailsHappyPathWithUnservedTasks) {
  EXPECT_EQ(found_in("happy-path"), (std::set<std::string>{"unserved-task"}));
}

TEST(RefuseEverything, WouldPassTheFailureOnlyScenarios) {
  // Why a progress property is needed: on these it is as safe as complete/.
  for (const char* id : {"no-proxies", "concurrent-add", "enqueue-during-teardown"}) {
    EXPECT_TRUE(found_in(id).empty()) << id;
  }
}

}  // namespace
}  // namespace racelab::scenarios
