// tests/strategies/symmetry_spin_test.cpp — Options::symmetry on code whose interchangeable
// threads spin: the reduction is dropped (Report::symmetry_off) and the search is the unreduced
// one, count for count.
//
// Why: the fair scheduler picks among spinners by name (engine_fair.cpp), which the reduction's
// renaming argument does not cover; a 3-thread CAS spinlock lost classes under it (new-user trial
// 3, F10: 8 explored where the unreduced search has at least 10).
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "racelab/model/explore.hpp"
#include "racelab/sync.hpp"

namespace racelab::strategy_tests {
namespace {

// n interchangeable workers take a test-and-set spinlock (or, `broken`, a load-then-store one
// that lets two in) and bump a plain counter inside it.
model::Body spinlock_workers(int workers, bool broken) {
  return [workers, broken] {
    auto flag = std::make_shared<sync::atomic<bool>>("lock", false);
    auto counter = std::make_shared<sync::shared<int>>("counter", 0);
    std::vector<sync::thread> threads;
    for (int i = 0; i < workers; ++i) {
      threads.emplace_back("worker", [flag, counter, broken] {
        if (broken) {
          while (flag->load(std::memory_order_acquire)) {
          }
          flag->store(true, std::memory_order_relaxed);
        } else {
          while (flag->exchange(true, std::memory_order_acquire)) {
          }
        }
        counter->write("bump", [](int& v) { ++v; });
        flag->store(false, std::memory_order_release);
      });
      threads.back().interchangeable("worker");
    }
    for (auto& t : threads) t.join();
  };
}

model::Options options(bool symmetry) {
  model::Options o;
  o.symmetry = symmetry;
  o.stop_on_first_violation = false;
  return o;
}

TEST(SymmetrySpin, InterchangeableSpinnersTurnTheReductionOff) {
  for (const bool broken : {false, true}) {
    for (int n = 2; n <= 3; ++n) {
      SCOPED_TRACE((broken ? "broken, " : "test-and-set, ") + std::to_string(n) + " workers");
      const model::Report plain = model::explore(options(false), spinlock_workers(n, broken));
      const model::Report asked = model::explore(options(true), spinlock_workers(n, broken));
      ASSERT_TRUE(plain.complete);
      EXPECT_TRUE(plain.symmetry_off.empty());
      // Dropped, and it says who spun, in which group, where.
      EXPECT_FALSE(asked.symmetry);
      EXPECT_EQ(asked.symmetry_off.rfind("turned off: Thread-", 0), 0u) << asked.symmetry_off;
      EXPECT_NE(asked.symmetry_off.find("(one of " + std::to_string(n) +
                                        " interchangeable threads 'worker') spins at "
                                        "strategies/symmetry_spin_test.cpp:"),
                std::string::npos)
          << asked.symmetry_off;
      // The unreduced search, count for count; the runs before the switch are counted too.
      EXPECT_TRUE(asked.complete);
      EXPECT_EQ(asked.traces, plain.traces);
      EXPECT_EQ(asked.schedules, plain.schedules);
      EXPECT_EQ(asked.failing_schedules, plain.failing_schedules);
      EXPECT_GT(asked.runs, plain.runs);
      EXPECT_EQ(asked.symmetric_threads, n);
      std::vector<std::string> ids, plain_ids;
      for (const auto& [id, w] : asked.witnesses) ids.push_back(id);
      for (const auto& [id, w] : plain.witnesses) plain_ids.push_back(id);
      EXPECT_EQ(ids, plain_ids);
      EXPECT_EQ(!plain_ids.empty(), broken);
    }
  }
}

// Interchangeable workers that never spin keep the reduction, even beside a thread that does:
// MainThread polls a counter the workers bump; a renaming of the workers leaves it alone.
TEST(SymmetrySpin, ASpinnerOutsideTheGroupKeepsTheReduction) {
  const model::Body body = [] {
    auto done = std::make_shared<sync::atomic<int>>("done", 0);
    std::vector<sync::thread> threads;
    for (int i = 0; i < 3; ++i) {
      threads.emplace_back("worker", [done] { done->fetch_add(1, std::memory_order_release); });
      threads.back().interchangeable("worker");
    }
    while (done->load(std::memory_order_acquire) < 3) {
    }
    for (auto& t : threads) t.join();
  };
  const model::Report plain = model::explore(options(false), body);
  const model::Report reduced = model::explore(options(true), body);
  EXPECT_TRUE(reduced.symmetry);
  EXPECT_TRUE(reduced.symmetry_off.empty()) << reduced.symmetry_off;
  EXPECT_TRUE(reduced.complete);
  EXPECT_LT(reduced.traces, plain.traces);
  EXPECT_EQ(reduced.symmetric_threads, 3);
}

}  // namespace
}  // namespace racelab::strategy_tests
