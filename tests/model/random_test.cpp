// The random strategy: the seed decides every schedule.
#include <gtest/gtest.h>

#include <set>

#include "programs.hpp"

namespace racelab::model::testing {
namespace {

std::vector<std::string> schedules(std::uint64_t seed, std::size_t count = 50) {
  Options opts;
  opts.strategy = Strategy::random;
  opts.seed = seed;
  opts.max_schedules = count;
  opts.stop_on_first_violation = false;
  std::vector<std::string> out;
  opts.on_execution = [&](const Execution& e) { out.push_back(e.schedule); };
  explore(opts, independent_threads(3, 4));
  return out;
}

TEST(RandomStrategy, SameSeedSameSchedules) { EXPECT_EQ(schedules(42), schedules(42)); }

TEST(RandomStrategy, DifferentSeedsDiffer) {
  EXPECT_NE(schedules(1), schedules(2));
  EXPECT_NE(schedules(0), schedules(42));
}

TEST(RandomStrategy, SamplesManyDifferentSchedules) {
  // 34650 interleavings; 50 uniform-ish draws repeating more than 5 times would be a broken RNG.
  const auto s = schedules(7);
  EXPECT_GT(std::set<std::string>(s.begin(), s.end()).size(), 45u);
}

TEST(RandomStrategy, DefaultsToAThousandSchedulesAndIsNeverComplete) {
  Options opts;
  opts.strategy = Strategy::random;
  const Report r = explore(opts, independent_threads(2, 2));
  EXPECT_EQ(r.schedules, 1000u);
  EXPECT_FALSE(r.complete);
}

TEST(RandomStrategy, FindsTheLostUpdate) {
  // Odds: the update is lost when both loads precede both stores; far above 1 in 100 here.
  Options opts;
  opts.strategy = Strategy::random;
  opts.seed = 3;
  opts.max_schedules = 200;
  const Report r = explore(opts, lost_update_counter(CounterLocking::each_access));
  ASSERT_TRUE(r.failure);
  EXPECT_EQ(r.failure->violations.front().id, "assertion");
}

}  // namespace
}  // namespace racelab::model::testing
