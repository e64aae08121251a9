// tests/strategies/engine_dpor_test.cpp — DPOR inside the real engine, on facade programs.
//
// Plain DFS (every interleaving) is the brute force: each execution, recorded step by step as
// the strategy sees it, is named by its Mazurkiewicz trace (mazurkiewicz.hpp). DPOR must run
// exactly one execution per trace DFS finds, and, because equivalent executions must behave
// alike, the same violations in each.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "mazurkiewicz.hpp"
#include "model/engine.hpp"
#include "model/strategies/scheduler.hpp"
#include "racelab/python_errors.hpp"
#include "racelab/sync.hpp"

namespace racelab::strategy_tests {
namespace {

using model::Body;
using model::detail::Engine;
using model::detail::RunConfig;
using model::detail::RunEnd;

// Passes every call through to `inner`, and records each complete execution's steps.
class Recording final : public Scheduler {
 public:
  explicit Recording(std::unique_ptr<Scheduler> inner) : inner_(std::move(inner)) {}
  bool next_execution() override {
    steps_.clear();
    return inner_->next_execution();
  }
  int pick(const Choice& c) override { return inner_->pick(c); }
  void executed(int t, const OpDesc& op) override {
    steps_.push_back(Step{t, op});
    inner_->executed(t, op);
  }
  void end_execution() override { inner_->end_execution(); }
  bool exhaustive() const override { return inner_->exhaustive(); }
  std::size_t traces() const override { return inner_->traces(); }
  const std::vector<Step>& steps() const { return steps_; }

 private:
  std::unique_ptr<Scheduler> inner_;
  std::vector<Step> steps_;
};

struct Explored {
  std::map<std::string, std::string> outcome;  // trace → its violations, as one string
  std::size_t complete = 0;
  std::size_t abandoned = 0;
  std::size_t traces = 0;
  bool exhaustive = false;
  int max_preemptions = 0;
};

std::string describe(const std::vector<model::Violation>& vs) {
  std::vector<std::string> parts;
  for (const auto& v : vs) parts.push_back(v.id + "@" + v.thread);
  std::sort(parts.begin(), parts.end());
  std::string s;
  for (const auto& p : parts) s += p + ";";
  return s;
}

Explored explore_with(std::unique_ptr<Scheduler> strategy, const Body& body) {
  Recording rec(std::move(strategy));
  Engine engine(body, {});
  Explored out;
  while (rec.next_execution()) {
    if (engine.run(rec, RunConfig{}) == RunEnd::abandoned) {
      ++out.abandoned;
      continue;
    }
    ++out.complete;
    out.max_preemptions = std::max(out.max_preemptions, engine.preemptions());
    const std::string form = canonical_form(rec.steps());
    const std::string what = describe(engine.violations());
    const auto [it, fresh] = out.outcome.emplace(form, what);
    EXPECT_EQ(it->second, what) << "two executions of one trace behaved differently";
  }
  out.traces = rec.traces();
  out.exhaustive = rec.exhaustive();
  return out;
}

// With `traces` set, also checks how many traces there are.
::testing::AssertionResult dpor_matches_dfs(const Body& body, std::size_t traces = 0) {
  const Explored dfs = explore_with(model::detail::make_dfs(std::nullopt), body);
  const Explored dpor = explore_with(model::detail::make_dpor(std::nullopt), body);
  auto fail = [&]() -> ::testing::AssertionResult {
    return ::testing::AssertionFailure()
           << "dfs: " << dfs.complete << " executions, " << dfs.outcome.size()
           << " traces; dpor: " << dpor.complete << " complete, " << dpor.abandoned
           << " abandoned, " << dpor.outcome.size() << " distinct, traces() " << dpor.traces
           << "\n";
  };
  if (!dpor.exhaustive) return fail() << "dpor not exhaustive";
  if (dpor.complete != dpor.outcome.size()) return fail() << "dpor ran a trace twice";
  if (dpor.traces != dpor.complete) return fail() << "traces() is not the executions run";
  if (dpor.outcome != dfs.outcome) return fail() << "the traces or their outcomes differ";
  if (traces != 0 && dpor.complete != traces) return fail() << "expected " << traces << " traces";
  return ::testing::AssertionSuccess()
         << dfs.complete << " interleavings, " << dpor.complete << " traces";
}

// --- facade programs -----------------------------------------------------------------------

using Map = std::unordered_map<std::string, int>;
constexpr const char* kUser = "GCCDianaramirez";

// The seed's worker, buggy: look the key up, erase it if present, else KeyError.
void buggy_teardown(sync::shared<Map>& queue_user) {
  sync::this_thread::yield("read proxy pool");
  const bool present = queue_user.read("find", [](const Map& m) { return m.count(kUser) > 0; });
  if (!present) throw KeyError(kUser);
  queue_user.write("erase", [](Map& m) { m.erase(kUser); });
}

// The seed's fix: QUEUE_USER.pop(user, None) under QUEUE_USER_LOCK.
void fixed_teardown(sync::shared<Map>& queue_user, sync::mutex& lock) {
  sync::this_thread::yield("read proxy pool");
  sync::lock_guard guard(lock);
  queue_user.write("pop", [](Map& m) { m.erase(kUser); });
}

struct Registry {
  sync::shared<Map> queue_user{"QUEUE_USER", Map{{kUser, 1}}};
  sync::mutex lock{"QUEUE_USER_LOCK"};
};

Body seed_workers(int workers, bool fixed) {
  return [workers, fixed] {
    auto r = std::make_shared<Registry>();
    std::vector<sync::thread> threads;
    for (int i = 0; i < workers; ++i) {
      threads.emplace_back("worker", [r, fixed] {
        if (fixed) {
          fixed_teardown(r->queue_user, r->lock);
        } else {
          buggy_teardown(r->queue_user);
        }
      });
    }
    for (auto& t : threads) t.join();
  };
}

Body lock_order_inversion() {
  return [] {
    auto a = std::make_shared<sync::mutex>("a");
    auto b = std::make_shared<sync::mutex>("b");
    sync::thread t("inverted", [a, b] {
      sync::lock_guard gb(*b);
      sync::lock_guard ga(*a);
    });
    {
      sync::lock_guard ga(*a);
      sync::lock_guard gb(*b);
    }
    t.join();
  };
}

Body producer_and_consumers() {
  return [] {
    auto q = std::make_shared<sync::blocking_queue<int>>("tasks");
    auto done = std::make_shared<sync::shared<int>>("done", 0);
    std::vector<sync::thread> consumers;
    for (int i = 0; i < 2; ++i) {
      consumers.emplace_back("consumer", [q, done] {
        while (q->get()) done->write("count", [](int& n) { ++n; });
      });
    }
    q->put(1);
    q->put(2);
    q->close();
    for (auto& c : consumers) c.join();
  };
}

Body try_lock_during_critical_section() {
  return [] {
    auto m = std::make_shared<sync::mutex>("m");
    auto cell = std::make_shared<sync::shared<int>>("cell", 0);
    sync::thread t("trier", [m, cell] {
      if (m->try_lock()) {
        cell->write("set", [](int& v) { v = 1; });
        m->unlock();
      }
    });
    m->lock();
    cell->read("get", [](int v) { return v; });
    m->unlock();
    t.join();
  };
}

TEST(EngineDpor, MatchesDfsOnTheSeedWithTwoWorkers) {
  // Buggy: A's erase before B's find (B raises), the reverse, or both finds first and either
  // erase first. Fixed: the two lock orders.
  EXPECT_TRUE(dpor_matches_dfs(seed_workers(2, false), 4));
  EXPECT_TRUE(dpor_matches_dfs(seed_workers(2, true), 2));
}

// MainThread first, the other thread first, or each holding one mutex: the deadlock.
TEST(EngineDpor, MatchesDfsOnADeadlock) {
  EXPECT_TRUE(dpor_matches_dfs(lock_order_inversion(), 3));
}

TEST(EngineDpor, MatchesDfsOnAQueue) { EXPECT_TRUE(dpor_matches_dfs(producer_and_consumers())); }

TEST(EngineDpor, MatchesDfsOnTryLock) {
  // The try_lock before MainThread's critical section, during it (fails), or after it.
  EXPECT_TRUE(dpor_matches_dfs(try_lock_during_critical_section(), 3));
}

// Optimal DPOR (unbounded) follows wakeup sequences, so on lock-based code no run ends sleep-set
// blocked: every run is a new trace. Source-DPOR abandoned 35-40% of the fixed seed's runs
// (4 workers: 40 runs for 24 traces).
TEST(EngineDpor, WastesNoRunOnLockBasedCode) {
  for (int workers : {2, 3, 4}) {
    const Explored dpor =
        explore_with(model::detail::make_dpor(std::nullopt), seed_workers(workers, true));
    EXPECT_TRUE(dpor.exhaustive) << workers;
    EXPECT_EQ(dpor.abandoned, 0u) << workers << " workers";
    EXPECT_EQ(dpor.traces, dpor.complete) << workers;
  }
  for (const Body& body : {lock_order_inversion(), try_lock_during_critical_section()}) {
    const Explored dpor = explore_with(model::detail::make_dpor(std::nullopt), body);
    EXPECT_TRUE(dpor.exhaustive);
    EXPECT_EQ(dpor.abandoned, 0u);
  }
}

// The seed itself: 4 workers, 0 proxies. Exhaustive, and one trace gives the seed's log.
TEST(EngineDpor, FindsTheSeedsTripleKeyError) {
  const Explored dpor =
      explore_with(model::detail::make_dpor(std::nullopt), seed_workers(4, false));
  EXPECT_TRUE(dpor.exhaustive);
  EXPECT_EQ(dpor.traces, dpor.complete);
  std::size_t triple = 0;
  for (const auto& [form, what] : dpor.outcome) {
    std::size_t key_errors = 0;
    for (std::size_t at = what.find("KeyError@"); at != std::string::npos;
         at = what.find("KeyError@", at + 1))
      ++key_errors;
    triple += key_errors == 3 ? 1 : 0;
  }
  EXPECT_GT(triple, 0u);
  RecordProperty("traces", std::to_string(dpor.complete));
}

TEST(EngineDpor, ZeroPreemptionBoundRunsNoPreemption) {
  const Explored dpor = explore_with(model::detail::make_dpor(0), seed_workers(3, false));
  EXPECT_TRUE(dpor.exhaustive);
  EXPECT_EQ(dpor.max_preemptions, 0);
  EXPECT_GT(dpor.complete, 1u);
}

}  // namespace
}  // namespace racelab::strategy_tests
