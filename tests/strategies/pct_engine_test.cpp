// tests/strategies/pct_engine_test.cpp — PCT inside the real engine: bodies that work on
// MainThread before starting their first thread (issue 11 §3: change points that fall there
// lower the same thread again and again, which once crashed the scheduler with SIGFPE), and the
// same seed giving the same schedules. How k is measured: pct_test.cpp; the bound:
// pct_bound_test.cpp.
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "pct_programs.hpp"
#include "racelab/model/explore.hpp"
#include "racelab/sync.hpp"

namespace racelab::strategy_tests {
namespace {

using model::Body;
using model::Options;
using model::Report;
using model::Strategy;

// MainThread does `before` facade operations on a cell (a write, a read, a lock/unlock pair,
// in turn), then starts a worker; the bug (depth 1) is the worker's write before MainThread's
// locked read.
Body work_before_first_start(int before) {
  return [before] {
    auto cell = std::make_shared<pct_programs::Cell>();
    auto flag = std::make_shared<pct_programs::Cell>();
    for (int done = 0; done < before;) {
      if (done % 3 == 2 && before - done >= 2) {
        cell->lock.lock();
        cell->lock.unlock();
        done += 2;
      } else if (done % 3 == 1) {
        (void)cell->value.read("prepare", [](const int& v) { return v; });
        ++done;
      } else {
        cell->value.write("prepare", [](int& v) { ++v; });
        ++done;
      }
    }
    sync::thread worker("worker",
                        [flag] { pct_programs::write_locked(flag->value, flag->lock, 1); });
    const int seen = pct_programs::read_locked(flag->value, flag->lock);
    worker.join();
    model::check(seen == 0, "the worker ran before MainThread looked");
  };
}

Options pct_options(std::uint64_t seed, int depth, std::size_t schedules) {
  Options o;
  o.strategy = Strategy::pct;
  o.seed = seed;
  o.pct_depth = depth;
  o.max_schedules = schedules;
  o.stop_on_first_violation = false;
  o.shrink = false;
  return o;
}

// 0-5 operations before the first start, depths 1-5, 20 seeds of 40 schedules: every run ends
// (no crash), and every one finds the bug. Depth 1 finds it whenever the worker gets the higher
// priority (1 in 2 per execution), so 40 schedules miss with odds 2^-40.
TEST(PctBeforeFirstStart, NoCrashAndTheBugIsFound) {
  for (int before = 0; before <= 5; ++before) {
    const Body body = work_before_first_start(before);
    for (int depth = 1; depth <= 5; ++depth) {
      for (std::uint64_t seed = 0; seed < 20; ++seed) {
        const Report r = model::explore(pct_options(seed, depth, 40), body);
        EXPECT_EQ(r.schedules, 40u);
        EXPECT_GT(r.failing_schedules, 0u)
            << "before=" << before << " depth=" << depth << " seed=" << seed;
        ASSERT_TRUE(r.failure);
        EXPECT_EQ(r.failure->violations.front().message, "the worker ran before MainThread looked");
      }
    }
  }
}

std::vector<std::string> schedules(std::uint64_t seed, int depth, const Body& body) {
  Options o = pct_options(seed, depth, 60);
  std::vector<std::string> out;
  o.on_execution = [&out](const model::Execution& e) { out.push_back(e.schedule); };
  model::explore(o, body);
  return out;
}

TEST(PctBeforeFirstStart, SameSeedSameSchedules) {
  const Body body = work_before_first_start(3);
  for (int depth = 1; depth <= 5; ++depth) {
    EXPECT_EQ(schedules(9, depth, body), schedules(9, depth, body));
    EXPECT_NE(schedules(9, depth, body), schedules(10, depth, body));
  }
}

}  // namespace
}  // namespace racelab::strategy_tests
