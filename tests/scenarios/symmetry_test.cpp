// Symmetry reduction on the catalogue (racelab check --symmetry): for every scenario ×
// implementation at 2-5 workers, the reduced search gives the verdict and the set of violation
// ids of the unreduced one, both exhaustive (dpor), and each of its witnesses replays without
// symmetry to the same violations. A size whose unreduced search needs more than the budget
// (RACELAB_SYMMETRY_BUDGET schedules, default 2,000, so that the sanitizer presets stay quick) is
// skipped and counted (55 of the 60 sizes are compared at 2,000). With
// RACELAB_SYMMETRY_BUDGET=20000, 59 are (all but stale-teardown buggy at 5 workers): 6,428 traces
// explored where the unreduced search explores 24,007.
#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>
#include <set>
#include <string>

#include "pairs.hpp"
#include "racelab/scenarios/check.hpp"

namespace racelab::scenarios {
namespace {

std::size_t budget() {
  const char* text = std::getenv("RACELAB_SYMMETRY_BUDGET");
  return text != nullptr && *text != '\0' ? std::strtoull(text, nullptr, 10) : 2000;
}

std::string ids(const CheckResult& r) {
  std::string out;
  for (const auto& id : r.found) out += "[" + id + "] ";
  return out;
}

TEST(SymmetryOnTheCatalogue, SameVerdictAndViolationIdsAt2To5Workers) {
  std::size_t compared = 0, skipped = 0, reduced = 0, unreduced = 0;
  for (const auto& p : all_pairs()) {
    for (int w = 2; w <= 5; ++w) {
      const Scenario s = sized(p.scenario, Size{w, 0});
      model::Options plain = every_trace();
      plain.shrink = false;
      plain.max_schedules = budget();
      const CheckResult base = check(s, p.impl, plain);
      if (!base.report.complete) {
        ++skipped;
        continue;
      }
      model::Options sym = every_trace();
      sym.shrink = false;
      sym.symmetry = true;
      const CheckResult r = check(s, p.impl, sym);
      const std::string where =
          p.scenario + " --impl " + p.impl + " --workers " + std::to_string(w);
      ASSERT_TRUE(r.report.complete) << where;
      EXPECT_EQ(r.verdict(), base.verdict()) << where;
      EXPECT_EQ(ids(r), ids(base)) << where;
      EXPECT_LE(r.report.traces, base.report.traces) << where;
      EXPECT_EQ(base.report.symmetric_threads, r.report.symmetric_threads) << where;
      const auto run = model_run(s, p.impl);
      for (const auto& [id, x] : r.report.witnesses) {
        const auto again = model::replay(x.schedule, run.body, run.end_check);
        std::string a, b;
        for (const auto& v : x.violations) a += v.id + "@" + v.thread + " ";
        for (const auto& v : again.violations) b += v.id + "@" + v.thread + " ";
        EXPECT_EQ(a, b) << where << " witness " << id << ": " << x.schedule;
      }
      ++compared;
      reduced += r.report.traces;
      unreduced += base.report.traces;
    }
  }
  std::cout << "symmetry on the catalogue: " << compared << " sizes compared (" << skipped
            << " over the budget of " << budget() << " schedules), " << reduced
            << " traces explored where the unreduced search explores " << unreduced << "\n";
  EXPECT_GT(compared, all_pairs().size() * 2) << "most sizes fit the budget";
  EXPECT_LT(reduced * 3, unreduced);
}

}  // namespace
}  // namespace racelab::scenarios
