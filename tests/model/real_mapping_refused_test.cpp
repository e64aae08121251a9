// A body compiled WITHOUT RACELAB_BACKEND_MODEL (this file, on purpose) uses racelab::sync's real
// mapping: its threads are OS threads the model never schedules. model::explore must refuse it,
// not call one run of nothing "every interleaving" (new-user trial 3: a racy counter built so was
// "safe: 1 schedules (every interleaving)").
#include <gtest/gtest.h>

#include "racelab/model/explore.hpp"
#include "racelab/sync.hpp"

#ifdef RACELAB_BACKEND_MODEL
#error "this test must be compiled with the real mapping"
#endif

namespace {

namespace sync = racelab::sync;
namespace model = racelab::model;

void racy_counter() {
  int counter = 0;
  sync::thread a("adder", [&] { sync::check(counter >= 0, "reads"); });
  a.join();
  (void)counter;
}

TEST(RealMappingDeathTest, ExploreRefusesABodyWhoseThreadsAreReal) {
  EXPECT_DEATH((void)model::explore(model::Options{}, racy_counter),
               "thread\\(s\\) with racelab::sync's real mapping .* compile the code under test "
               "with RACELAB_BACKEND_MODEL defined");
}

// A body that starts no thread at all is explored as before (one run: nothing to interleave).
TEST(RealMapping, ABodyWithoutThreadsIsNotRefused) {
  const model::Report r = model::explore(model::Options{}, [] {});
  EXPECT_FALSE(r.failure);
  EXPECT_EQ(r.schedules, 1u);
}

}  // namespace
