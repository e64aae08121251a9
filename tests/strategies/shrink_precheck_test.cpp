// tests/strategies/shrink_precheck_test.cpp — the witness shrink's bounded-DPOR pre-check
// (shrink.hpp, ShrinkPrecheck) changes how many executions a shrink runs, never what it finds.
//
// On random facade programs (facade_programs.hpp: racing spawns, cells that steer the code, a
// critical section, try_lock, an atomic, a condition variable with spurious wake-ups; the end
// check names the final state as a violation id, so there are many ids per program, each only
// in some orders): every id is shrunk at every bound up to its first witness's preemptions, once
// with the bounded DFS alone and once with the pre-check. The schedules must be equal, id by id.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "facade_programs.hpp"
#include "model/shrink.hpp"
#include "racelab/model/explore.hpp"
#include "racelab/model/schedule.hpp"

namespace racelab::strategy_tests {
namespace {

using model::detail::ShrinkPrecheck;

// RACELAB_SHRINK_PROGRAMS=N for more; the default is fewer under the sanitizers (CMakeLists.txt).
int programs() {
  const char* n = std::getenv("RACELAB_SHRINK_PROGRAMS");
  return n ? std::atoi(n) : RACELAB_SHRINK_PROGRAMS_DEFAULT;
}

std::map<std::string, std::vector<int>> shrink(const FacadeHarness& h,
                                               const std::map<std::string, int>& preemptions,
                                               ShrinkPrecheck precheck) {
  model::detail::Engine engine(h.body, h.end_check);
  return model::detail::shrink_each(engine, preemptions, model::Options{}.max_steps,
                                    model::detail::kShrinkStepBudget, precheck);
}

TEST(ShrinkPrecheck, FindsTheSameWitnessesAsTheBoundedDfsAloneOnRandomPrograms) {
  int tested = 0;
  // Ids whose shrunk schedule is not the one first found: fewer preemptions, or the DFS's first
  // schedule at the same count.
  int shrunk = 0;
  for (int i = 0; i < programs(); ++i) {
    const std::uint64_t seed = 0x5421000u + static_cast<std::uint64_t>(i);
    const FacadeProgram p = random_facade_program(seed);
    SCOPED_TRACE("program seed " + std::to_string(seed) + "\n" + describe(p));
    const FacadeHarness h = facade_harness(p);
    model::Options o;
    o.stop_on_first_violation = false;
    o.check_determinism = false;
    o.shrink = false;
    o.max_schedules = 1000;  // programs with more traces: skipped (their bounded dfs takes seconds)
    const model::Report r = model::explore(o, h.body, h.end_check);
    if (!r.complete) continue;
    ++tested;
    // Every bound up to and including each id's first witness's count: the pre-check is asked
    // at bounds where the id exists and at bounds where it does not.
    std::map<std::string, int> preemptions;
    for (const auto& [id, witness] : r.witnesses) preemptions[id] = witness.preemptions + 1;
    const auto alone = shrink(h, preemptions, ShrinkPrecheck::none);
    const auto checked = shrink(h, preemptions, ShrinkPrecheck::bounded_dpor);
    EXPECT_EQ(checked, alone);
    for (const auto& [id, witness] : r.witnesses) {
      const auto it = alone.find(id);
      ASSERT_NE(it, alone.end()) << id << ": found once, so found again at its own count";
      if (model::Schedule(it->second).str() != witness.schedule) ++shrunk;
    }
  }
  // The programs exercise the point of the test: witnesses the shrink does replace.
  EXPECT_GE(tested, programs() / 2);
  EXPECT_GT(shrunk, 0);
}

}  // namespace
}  // namespace racelab::strategy_tests
