// The catalogue's own promises: stable unique ids, a declared verdict for every implementation,
// a workload for every scenario, and findings declared only where a violation is.
#include <gtest/gtest.h>

#include <set>

#include "racelab/scenarios/catalogue.hpp"

namespace racelab::scenarios {
namespace {

TEST(Catalogue, HasTheFourScenariosOfTheDesign) {
  std::set<std::string> ids;
  for (const auto& s : catalogue()) ids.insert(s.id);
  for (const char* id :
       {"no-proxies", "concurrent-add", "stale-teardown", "enqueue-during-teardown"}) {
    EXPECT_TRUE(ids.count(id)) << id;
  }
  EXPECT_EQ(ids.size(), catalogue().size()) << "scenario ids must be unique";
}

TEST(Catalogue, DeclaresAVerdictForEveryImplementation) {
  for (const auto& s : catalogue()) {
    for (const auto& impl : implementations()) {
      ASSERT_TRUE(s.expected.count(impl)) << s.id << " has no declared verdict for " << impl;
      const auto& e = s.expected.at(impl);
      EXPECT_EQ(e.verdict == Verdict::violation, !e.finds.empty())
          << s.id << "/" << impl << ": a violation names what it finds; safe names nothing";
    }
    EXPECT_EQ(s.expected.size(), implementations().size() + 1) << s.id << ": + the exercise";
    EXPECT_EQ(s.expected.at(kExercise).verdict, Verdict::safe) << s.id << ": the exercise's goal";
  }
}

TEST(Catalogue, CompleteFixIsDeclaredSafeEverywhere) {
  for (const auto& s : catalogue())
    EXPECT_EQ(s.expected.at("complete").verdict, Verdict::safe) << s.id;
}

TEST(Catalogue, EveryScenarioTellsItsStoryAndGoal) {
  for (const auto& s : catalogue()) {
    EXPECT_FALSE(s.title.empty()) << s.id;
    EXPECT_FALSE(s.story.empty()) << s.id;
    EXPECT_FALSE(s.properties.empty()) << s.id;
    EXPECT_FALSE(s.goal.empty()) << s.id;
    EXPECT_TRUE(static_cast<bool>(s.goal_reached)) << s.id;
    EXPECT_FALSE(s.goal_reached({})) << s.id << ": a run without violations reaches no goal";
  }
}

TEST(Catalogue, LooksUpByIdAndRejectsUnknownNames) {
  ASSERT_NE(find_scenario("no-proxies"), nullptr);
  EXPECT_EQ(find_scenario("no-proxies")->title, "1 request, 4 workers, 0 proxies");
  EXPECT_EQ(find_scenario("no_proxies"), nullptr);
  EXPECT_TRUE(is_implementation("fixed"));
  EXPECT_FALSE(is_implementation("Fixed"));
  EXPECT_THROW(real_run(*find_scenario("no-proxies"), "seed"), std::invalid_argument);
}

}  // namespace
}  // namespace racelab::scenarios
