// Real threads, where the outcome does not depend on the interleaving: the complete fix on every
// scenario, and the seed's fix on the scenarios the model proves it safe on. The model test
// (model_verdict_test.cpp) is what proves them safe over every interleaving; these runs check
// that the real backend agrees, many times, in this process (and under TSan in the tsan preset).
// buggy, and fixed where it is declared a violation, are undefined behaviour on real threads:
// they run in child processes, in tests/real.
#include <gtest/gtest.h>

#include "pairs.hpp"

namespace racelab::scenarios {
namespace {

class DeclaredSafeOnRealThreads : public testing::TestWithParam<Pair> {};

TEST_P(DeclaredSafeOnRealThreads, HundredRunsBreakNoProperty) {
  set_thread_exception_echo(false);
  const Scenario& s = *find_scenario(GetParam().scenario);
  for (int run = 0; run < 100; ++run) {
    const RealRun r = real_run(s, GetParam().impl);
    ASSERT_TRUE(r.violations.empty())
        << "run " << run << ": " << r.violations.front().id << ": " << r.violations.front().message;
  }
}

INSTANTIATE_TEST_SUITE_P(Catalogue, DeclaredSafeOnRealThreads,
                         testing::ValuesIn(all_pairs(/*only_declared_safe=*/true)), pair_name);

TEST(SeedOnRealThreads, FixedRaisesNoKeyError) {
  set_thread_exception_echo(false);
  const RealRun r = real_run(*find_scenario("no-proxies"), "fixed");
  EXPECT_TRUE(r.exceptions.empty());
}

}  // namespace
}  // namespace racelab::scenarios
