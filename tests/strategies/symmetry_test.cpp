// tests/strategies/symmetry_test.cpp — symmetry reduction (engine_symmetry.cpp) against the
// unreduced search, on random facade programs with groups of interchangeable threads.
//
// The programs: symmetric_programs.hpp.
//
// The reduced search (dpor and dfs with Options::symmetry) must find exactly the ids the
// unreduced one finds: plain dfs (every interleaving) where it fits a budget, else unreduced dpor
// (itself checked against dfs on thousands of programs, engine_dpor_test.cpp and dpor_test.cpp).
// And every witness the reduced search reports must replay, without symmetry, to its violations.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <iterator>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "racelab/model/explore.hpp"
#include "racelab/sync.hpp"
#include "symmetric_programs.hpp"

namespace racelab::strategy_tests {
namespace {

using model::Body;
using namespace symmetric_programs;

struct Found {
  std::set<std::string> ids;
  bool complete = false;
  std::size_t schedules = 0;
  model::Report report;
};

// Every execution of one search, none cut short by a violation or rerun by shrinking.
model::Options search_options(model::Strategy strategy, bool symmetry, std::size_t budget = 0) {
  model::Options o;
  o.strategy = strategy;
  o.symmetry = symmetry;
  o.stop_on_first_violation = false;
  o.shrink = false;
  o.max_schedules = budget;
  o.check_determinism = false;  // engine_dpor_test and the model tests cover the guard
  return o;
}

Found search(const Harness& h, model::Strategy strategy, bool symmetry, std::size_t budget = 0) {
  Found f;
  model::Options o = search_options(strategy, symmetry, budget);
  o.on_execution = [&f](const model::Execution& x) {
    for (const auto& v : x.violations) f.ids.insert(v.id);
  };
  f.report = model::explore(o, h.body, h.end_check);
  f.complete = f.report.complete;
  f.schedules = f.report.schedules;
  return f;
}

std::string show(const std::set<std::string>& ids) {
  std::string s;
  for (const auto& id : ids) s += "[" + id + "] ";
  return s;
}

constexpr std::size_t kDfsBudget = 2000;

TEST(Symmetry, RandomProgramsFindWhatTheUnreducedSearchFinds) {
  const std::uint64_t kPrograms = programs();
  std::size_t reduced = 0, unreduced = 0, with_dfs = 0, smaller = 0;
  for (std::uint64_t seed = 1; seed <= kPrograms; ++seed) {
    const Program p = random_program(seed, seed % 2 == 0);
    const Harness h = harness(p);
    Found base = search(h, model::Strategy::dfs, false, kDfsBudget);
    if (base.complete) {
      ++with_dfs;
    } else {
      base = search(h, model::Strategy::dpor, false);
    }
    ASSERT_TRUE(base.complete) << "seed " << seed;
    const Found dpor = search(h, model::Strategy::dpor, true);
    ASSERT_TRUE(dpor.complete) << "seed " << seed;
    EXPECT_EQ(show(dpor.ids), show(base.ids)) << "seed " << seed << ": dpor with symmetry";
    EXPECT_EQ(dpor.report.symmetric_threads, p.members + (p.second.empty() ? 0 : 2))
        << "seed " << seed;
    if (base.report.strategy == model::Strategy::dfs) {
      const Found dfs = search(h, model::Strategy::dfs, true, kDfsBudget);
      EXPECT_TRUE(dfs.complete) << "seed " << seed;
      EXPECT_EQ(show(dfs.ids), show(base.ids)) << "seed " << seed << ": dfs with symmetry";
    }
    const Found plain = base.report.strategy == model::Strategy::dpor
                            ? base
                            : search(h, model::Strategy::dpor, false);
    reduced += dpor.report.traces;
    unreduced += plain.report.traces;
    EXPECT_LE(dpor.report.traces, plain.report.traces) << "seed " << seed;
    smaller += dpor.report.traces < plain.report.traces ? 1 : 0;
  }
  std::cout << "symmetry: " << reduced << " traces explored where the unreduced dpor explores "
            << unreduced << ", over " << kPrograms << " programs (" << with_dfs
            << " also against plain dfs)\n";
  // The reduction is real on this population (not a property of every program).
  EXPECT_LT(reduced * 2, unreduced);
  EXPECT_GT(smaller, kPrograms / 3);
  EXPECT_GT(with_dfs, kPrograms / 6);
}

std::set<std::string> orbits(const Harness& h, bool symmetry, std::size_t* runs = nullptr) {
  std::set<std::string> found;
  model::Options o = search_options(model::Strategy::dpor, symmetry);
  o.record_traces = true;
  o.on_execution = [&found](const model::Execution& x) { found.insert(orbit_of(x.trace)); };
  const auto report = model::explore(o, h.body, h.end_check);
  EXPECT_TRUE(report.complete);
  if (runs != nullptr) *runs = report.runs;
  return found;
}

// The strong check: the reduced search explores at least one execution of every class the
// unreduced dpor explores, up to renaming (comparing violation ids, above, would not notice a
// lost class whose end state another class shares). RACELAB_SYMMETRY_PROGRAMS of them, as above.
// Known gaps, open (docs/model-library.md): of 1,500 programs, five lose classes. Two (seeds 177:
// 90 of 7,716; 301: 95 of 1,056) are DPOR's: TheRuleAllowsARenamingOfEveryExecution
// (symmetry_rule_test.cpp) runs a renaming of each lost class under the rule. Three (315: 3 of 6;
// 343: 16 of 246; 1209: 2 of 8) came from the fair scheduler; they pass since a member that spins
// turns the reduction off (Report::symmetry_off, symmetry_spin_test.cpp). Seed 233 and 93 of seed 177's lost
// classes were a plain-dpor bug, fixed (dpor_classes_test.cpp). The default 30 programs pass.
TEST(Symmetry, RandomProgramsExploreEveryClassUpToRenaming) {
  const std::uint64_t kPrograms = programs();
  // RACELAB_SYMMETRY_SEED=N: that program alone (to look at a failure).
  const char* only = std::getenv("RACELAB_SYMMETRY_SEED");
  const std::uint64_t first = only != nullptr ? std::strtoull(only, nullptr, 10) : 1;
  const std::uint64_t last = only != nullptr ? first : kPrograms;
  std::size_t classes = 0, reduced_runs = 0, unreduced_runs = 0;
  for (std::uint64_t seed = first; seed <= last; ++seed) {
    const Harness h = harness(random_program(seed, seed % 2 == 0));
    std::size_t plain_runs = 0, runs = 0;
    const auto all = orbits(h, false, &plain_runs);
    const auto reduced = orbits(h, true, &runs);
    std::vector<std::string> missing;
    std::set_difference(all.begin(), all.end(), reduced.begin(), reduced.end(),
                        std::back_inserter(missing));
    EXPECT_TRUE(missing.empty()) << "seed " << seed << ": " << missing.size() << " of "
                                 << all.size() << " classes not explored, e.g. " << missing.front();
    EXPECT_EQ(reduced.size(), all.size()) << "seed " << seed;
    classes += all.size();
    reduced_runs += runs;
    unreduced_runs += plain_runs;
  }
  std::cout << "symmetry: " << classes << " classes up to renaming over " << kPrograms
            << " programs, explored in " << reduced_runs << " runs (unreduced: " << unreduced_runs
            << ")\n";
}

// A witness found with symmetry is an execution of the program: it replays without symmetry
// (model::replay knows nothing of it) to the same violations, with the threads' real names.
TEST(Symmetry, WitnessesReplayWithoutSymmetry) {
  std::size_t replayed = 0;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const Harness h = harness(random_program(seed));
    model::Options o;
    o.symmetry = true;
    const model::Report r = model::explore(o, h.body, h.end_check);
    for (const auto& [id, w] : r.witnesses) {
      const model::Execution x = model::replay(w.schedule, h.body, h.end_check);
      std::vector<std::string> a, b;
      for (const auto& v : w.violations) a.push_back(v.id + "@" + v.thread);
      for (const auto& v : x.violations) b.push_back(v.id + "@" + v.thread);
      EXPECT_EQ(a, b) << "seed " << seed << " witness " << id << " " << w.schedule;
      EXPECT_EQ(w.preemptions, x.preemptions) << "seed " << seed << " " << w.schedule;
      ++replayed;
    }
  }
  EXPECT_GT(replayed, 20u);
}

// The seed's teardown: the fixed workers lock, erase and unlock; n! orders of their critical
// sections are one up to renaming. The buggy ones read, then erase: fewer classes, same bugs.
Body seed_workers(int workers, bool fixed, bool tagged) {
  return [workers, fixed, tagged] {
    auto cell = std::make_shared<sync::shared<int>>("QUEUE_USER", 1);
    auto lock = std::make_shared<sync::mutex>("QUEUE_USER_LOCK");
    std::vector<sync::thread> threads;
    for (int i = 0; i < workers; ++i) {
      threads.emplace_back("worker", [cell, lock, fixed] {
        sync::this_thread::yield("read proxy pool");
        if (fixed) {
          sync::lock_guard g(*lock);
          cell->write("pop", [](int& v) { v = 0; });
          return;
        }
        if (cell->read("find", [](const int& v) { return v; }) == 0) {
          throw std::runtime_error("KeyError");
        }
        cell->write("erase", [](int& v) { v = 0; });
      });
      if (tagged) threads.back().interchangeable("worker");
    }
    for (auto& t : threads) t.join();
  };
}

TEST(Symmetry, SeedTeardownCounts) {
  model::Options o;
  o.symmetry = true;
  o.stop_on_first_violation = false;
  for (int n = 2; n <= 5; ++n) {
    const auto fixed = model::explore(o, seed_workers(n, true, true));
    EXPECT_TRUE(fixed.complete);
    EXPECT_EQ(fixed.traces, 1u) << n << " workers: one order of the critical sections";
    EXPECT_FALSE(fixed.failure);
    // Untagged: no reduction, n! traces, even with the option on.
    std::size_t factorial = 1;
    for (int k = 2; k <= n; ++k) factorial *= static_cast<std::size_t>(k);
    EXPECT_EQ(model::explore(o, seed_workers(n, true, false)).traces, factorial);
    model::Options plain = o;
    plain.symmetry = false;
    const auto buggy_plain = model::explore(plain, seed_workers(n, false, true));
    const auto buggy = model::explore(o, seed_workers(n, false, true));
    EXPECT_LT(buggy.traces, buggy_plain.traces) << n;
    // Up to names, a buggy execution is where the erases fall among the look-ups: the k workers
    // that look before the first erase all erase, and the other n - k look-ups fall among the
    // k - 1 later erases in C(n-1, k-1) ways; summed over k, 2^(n-1). One trace per class.
    EXPECT_EQ(buggy.traces, std::size_t{1} << (n - 1)) << n;
    // And no run wasted on a reversal that only swaps two workers (dpor_races.cpp, renaming).
    EXPECT_EQ(buggy.runs, buggy.traces) << n;
    EXPECT_EQ(fixed.runs, 1u) << n;
    EXPECT_EQ(buggy.witnesses.size(), buggy_plain.witnesses.size()) << n;
    for (const auto& [id, w] : buggy_plain.witnesses)
      EXPECT_EQ(buggy.witnesses.count(id), 1u) << id;
  }
}

// n interchangeable readers of one cell and one writer. Up to renaming the readers, an execution
// is only how many of them read before the write: n + 1 classes, where the unreduced search has
// 2^n traces (each reader on either side of the write). Reads commute, so this is the case a rule
// that lets twins read in any order misses: one reader before the write and one after, or the
// other way round, is the same execution up to names (engine_symmetry.cpp, "Reads wait too").
Body readers_and_a_writer(int readers) {
  return [readers] {
    auto cell = std::make_shared<sync::shared<int>>("A", 0);
    std::vector<sync::thread> threads;
    for (int i = 0; i < readers; ++i) {
      threads.emplace_back("reader",
                           [cell] { (void)cell->read("get", [](const int& v) { return v; }); });
      threads.back().interchangeable("reader");
    }
    threads.emplace_back("writer", [cell] { cell->write("set", [](int& v) { v = 1; }); });
    for (auto& t : threads) t.join();
  };
}

TEST(Symmetry, ReadersOnEitherSideOfAWriteGiveOneTracePerCount) {
  model::Options o;
  o.symmetry = true;
  model::Options plain;
  for (int n = 1; n <= 6; ++n) {
    const auto reduced = model::explore(o, readers_and_a_writer(n));
    EXPECT_TRUE(reduced.complete);
    EXPECT_EQ(reduced.traces, static_cast<std::size_t>(n + 1)) << n << " readers";
    EXPECT_EQ(model::explore(plain, readers_and_a_writer(n)).traces, std::size_t{1} << n)
        << n << " readers";
  }
}

}  // namespace
}  // namespace racelab::strategy_tests
