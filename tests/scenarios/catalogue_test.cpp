// The catalogue's own promises: stable unique ids, a declared verdict for every implementation,
// a workload for every scenario, and findings declared only where a violation is.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "racelab/scenarios/catalogue.hpp"
#include "registered.hpp"

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

// scenarios/registered.hpp is the one list: the catalogue is exactly its definitions, in order,
// and each definition's thread bound (what Relacy's suites are sized by) is its real count.
TEST(Catalogue, IsTheRegisteredListInOrder) {
  std::vector<std::string> registered;
  Registered::for_each([&]<class D>() {
    registered.emplace_back(D::id);
    for (int workers : {kMinWorkers, 4, kMaxWorkers}) {
      const Size z{.workers = workers, .requests = 0};
      EXPECT_EQ(D::spec(z).id, D::id) << "spec() must carry the registered id";
      EXPECT_EQ(D::threads(z), 1 + D::max_requests + D::max_groups * workers)
          << D::id << " at " << workers << " workers: MainThread + requests + groups × workers";
    }
  });
  std::vector<std::string> listed;
  for (const auto& s : catalogue()) listed.push_back(s.id);
  EXPECT_EQ(listed, registered);
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
