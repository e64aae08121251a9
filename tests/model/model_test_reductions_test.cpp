// run_model_test (racelab/model/model_test.hpp): what cuts a search — --spurious-wakeups and
// --symmetry — and what each says it covers.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "model_test_main.hpp"
#include "programs.hpp"
#include "racelab/model/model_test.hpp"

namespace racelab::model::testing {
namespace {

std::size_t schedules_of(const std::string& out) {
  const auto at = out.find("safe: ");
  return at == std::string::npos ? 0 : std::stoul(out.substr(at + 6));
}

// --spurious-wakeups N reaches Options::spurious_wakeups: 0 runs fewer interleavings of a waiter,
// and misses the wait that does not re-check its condition, which the default (1) catches. A
// token found with another N replays only with it: the printed command carries it.
TEST(ModelTestMain, SpuriousWakeupsZeroCutsTheSearchAndMissesAWaitWithoutARecheck) {
  const Exit one = run({}, waiter_and_setter(true));
  const Exit none = run({"--spurious-wakeups", "0"}, waiter_and_setter(true));
  EXPECT_EQ(one.code, 0) << one.out << one.err;
  EXPECT_EQ(none.code, 0) << none.out << none.err;
  EXPECT_GT(schedules_of(one.out), schedules_of(none.out)) << one.out << none.out;
  EXPECT_GT(schedules_of(none.out), 0U) << none.out;
  // A spurious wake-up taken: dfs closed dpor's gap (Options::close_dpor_gap), and the safe line
  // says so, with no note.
  EXPECT_NE(one.out.find("(every interleaving; dpor took a spurious wake-up, so dfs ran all "),
            std::string::npos)
      << one.out;
  EXPECT_NE(one.out.find(" schedules too), no violation\n"), std::string::npos) << one.out;
  EXPECT_EQ(one.out.find("note:"), std::string::npos) << one.out;
  EXPECT_NE(none.out.find("(every interleaving), no violation\n"), std::string::npos) << none.out;

  const Body bug = waiter_and_setter(false);
  const Exit caught = run({}, bug);
  EXPECT_EQ(caught.code, 1) << caught.out << caught.err;
  EXPECT_NE(caught.out.find("violation: the waiter woke with ready still false"), std::string::npos)
      << caught.out;
  EXPECT_EQ(replay_args(caught.out).size(), 2U) << caught.out;  // the default needs no flag
  const Exit missed = run({"--spurious-wakeups", "0"}, bug);
  EXPECT_EQ(missed.code, 0) << missed.out << missed.err;

  const Exit two = run({"--spurious-wakeups", "2"}, bug);
  ASSERT_EQ(two.code, 1) << two.out << two.err;
  const std::vector<std::string> again = replay_args(two.out);
  ASSERT_EQ(again.size(), 4U) << two.out;
  EXPECT_EQ(again[0], "--spurious-wakeups");
  EXPECT_EQ(again[1], "2");
  const Exit replayed = run(again, bug);
  EXPECT_EQ(replayed.code, 1) << replayed.out << replayed.err;
  EXPECT_NE(replayed.out.find("the waiter woke with ready still false"), std::string::npos)
      << replayed.out;

  EXPECT_EQ(run({"--spurious-wakeups", "1001"}, bug).err,
            "./mine: --spurious-wakeups expects a whole number from 0 to 1000, got '1001'\n");
  const Exit help = run({"--help"}, bug);
  EXPECT_NE(help.out.find("--spurious-wakeups N"), std::string::npos) << help.out;
  EXPECT_NE(help.out.find("not caught"), std::string::npos) << help.out;
}

// Three workers doing the same thing: tagged interchangeable, --symmetry runs fewer schedules
// for the same verdict and says what it reduced; untagged, it says that nothing was.
Body same_workers(bool tagged, bool locked) {
  return [tagged, locked] {
    auto counter = std::make_shared<Counter>();
    std::vector<sync::thread> workers;
    for (int i = 0; i < 3; ++i) {
      workers.emplace_back("worker", [counter, locked] {
        if (locked) counter->lock.lock();
        const int seen = counter->value.read("load", [](const int& v) { return v; });
        counter->value.write("store", [seen](int& v) { v = seen + 1; });
        if (locked) counter->lock.unlock();
      });
      if (tagged) workers.back().interchangeable("worker");
    }
    for (auto& w : workers) w.join();
    const int total = counter->value.read("total", [](const int& v) { return v; });
    model::check(total == 3, "lost update: counter is " + std::to_string(total) + ", expected 3");
  };
}

TEST(ModelTestMain, SymmetryRunsOneInterleavingPerClassOfInterchangeableThreads) {
  const Exit plain = run({}, same_workers(true, true));
  const Exit reduced = run({"--symmetry"}, same_workers(true, true));
  EXPECT_EQ(plain.code, 0) << plain.out << plain.err;
  EXPECT_EQ(reduced.code, 0) << reduced.out << reduced.err;
  EXPECT_LT(schedules_of(reduced.out), schedules_of(plain.out)) << reduced.out << plain.out;
  EXPECT_GT(schedules_of(reduced.out), 0U) << reduced.out;
  EXPECT_NE(reduced.out.find("\nsymmetry: 3 interchangeable threads (1 group); "),
            std::string::npos)
      << reduced.out;
  EXPECT_EQ(plain.out.find("symmetry:"), std::string::npos) << plain.out;

  const Exit untagged = run({"--symmetry"}, same_workers(false, true));
  EXPECT_EQ(untagged.code, 0) << untagged.out;
  EXPECT_EQ(schedules_of(untagged.out), schedules_of(plain.out)) << untagged.out;
  EXPECT_NE(untagged.out.find("symmetry: no thread was tagged interchangeable"), std::string::npos)
      << untagged.out;

  // A bug is still found, and its token replays without --symmetry.
  const Body bug = same_workers(true, false);
  const Exit found = run({"--symmetry"}, bug);
  ASSERT_EQ(found.code, 1) << found.out << found.err;
  const std::vector<std::string> again = replay_args(found.out);
  ASSERT_EQ(again.size(), 2U) << found.out;
  EXPECT_EQ(run(again, bug).code, 1);

  EXPECT_NE(run({"--help"}, bug).out.find("--symmetry"), std::string::npos);
}

}  // namespace
}  // namespace racelab::model::testing
