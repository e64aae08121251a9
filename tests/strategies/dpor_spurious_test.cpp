// tests/strategies/dpor_spurious_test.cpp — dpor against plain dfs where a condition variable's
// waiter can wake spuriously. The engine lets a waiter nobody notified wake spuriously only
// while another thread can run (engine.cpp, build_view): when the others are done or stuck it
// is deadlocked — the lost wake-up's signature. So the step that leaves no other thread
// runnable disables the waiter's wake-up although the two touch different objects, and dpor,
// which saw no race there, ran only the executions in which the waiter woke where it first
// could: it answered "ok" for programs dfs proves can deadlock (dpor_races.cpp, defer_spurious).
// The end states (outcomes, violation ids) reachable under dpor must be those under dfs.
#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <string>

#include "racelab/model/explore.hpp"
#include "racelab/sync.hpp"

namespace racelab::strategy_tests {
namespace {

// Every outcome some execution ends in: its violation ids, or "ok".
std::set<std::string> outcomes(model::Strategy s, const model::Body& body) {
  model::Options o;
  o.strategy = s;
  o.stop_on_first_violation = false;
  o.check_determinism = false;
  std::set<std::string> seen;
  o.on_execution = [&](const model::Execution& x) {
    std::string id;
    for (const auto& v : x.violations) id += v.id + ";";
    seen.insert(id.empty() ? "ok" : id);
  };
  const model::Report r = model::explore(o, body);
  EXPECT_TRUE(r.complete);
  return seen;
}

struct Shared {
  sync::mutex m{"M"};
  sync::condition_variable cv{"CV"};
  sync::shared<int> x{"X", 0};
};

// A wait with no predicate that nobody notifies, beside a thread that touches nothing of it:
// the waiter may wake spuriously while the other runs, or sleep on and deadlock once it is done.
// Old dpor: one execution, "ok"; dfs: "deadlock" too.
TEST(DporSpuriousWakeup, ReachesTheDeadlockOfAWaiterNobodyNotifies) {
  const model::Body body = [] {
    auto s = std::make_shared<Shared>();
    model::keep_until_end(s);
    sync::thread waiter("waiter", [s] {
      sync::unique_lock<sync::mutex> lk(s->m);
      s->cv.wait(lk);
    });
    sync::thread other("other", [s] { s->x.write("set", [](int& v) { v = 1; }); });
    waiter.join();
    other.join();
  };
  const std::set<std::string> dfs = outcomes(model::Strategy::dfs, body);
  EXPECT_EQ(dfs, (std::set<std::string>{"deadlock;", "ok"}));
  EXPECT_EQ(outcomes(model::Strategy::dpor, body), dfs);
}

}  // namespace
}  // namespace racelab::strategy_tests
