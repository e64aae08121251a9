// tests/strategies/shard_dpor_test.cpp — dpor cut into parts (Options::partition, shard.hpp)
// against the whole dpor run, on random facade programs.
//
// A program: MainThread starts two parents; each parent starts one or two children of its own
// (so spawns of different threads race and the children's ids depend on their order), runs its
// code, and joins them. The code: cell reads and writes whose values steer it, a critical
// section, a try_lock, an atomic counter whose old value picks a branch, and a condition
// variable (one side sets a flag and notifies under the mutex, the other waits for it: a waiter
// nobody signals deadlocks, which is an outcome like any other). The end check names the final
// state ("end A=3 B=1 n=2 f=1"), so equal violation ids mean equal reachable end states.
//
// For K = 1, 2, 3 the merged parts must have the whole run's traces, schedules, failing
// schedules and violation ids, and be complete.
//
// DISABLED: it fails, and that is why `racelab check` still refuses dpor with --jobs/--shard.
// The first cause of lost traces is fixed (dpor.cpp, prefix_sleep_; the catalogue at 2 and 3
// workers now matches trace by trace), but on these programs — spawns by two threads at once,
// a condition variable — 5 of the first 20 still differ (the violation ids agree): seeds
// 0x5eed0001 (parts 5430 traces, whole 5397), ...08 (220/200), ...0b (10/6), ...0f (24/12),
// ...13 (747607/747709: fewer). On ...0b and ...0f the extra traces are distinct from every
// trace of the whole run by their normal form with threads named by spawn path (parent.k), so
// either the whole run misses traces or the parts split one trace in two; not yet known which.
// Run it with --gtest_also_run_disabled_tests (RACELAB_SHARD_PROGRAMS=N for more programs).
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "model/strategies/splitmix64.hpp"
#include "racelab/model/explore.hpp"
#include "racelab/sync.hpp"

namespace racelab::strategy_tests {
namespace {

enum class Kind { read_a, write_a, write_b, section, try_lock, counter, signal, await };
struct Op {
  Kind kind;
  int arg;
};
using Code = std::vector<Op>;

struct State {
  sync::shared<int> a{"A", 0};
  sync::shared<int> b{"B", 0};
  sync::mutex m{"M"};
  sync::condition_variable cv{"CV"};
  bool flag = false;  // guarded by m
  sync::atomic<int> n{"n", 0};
};

void run_code(State& s, const Code& code) {
  int acc = 0;
  for (const Op& op : code) {
    switch (op.kind) {
      case Kind::read_a: acc = acc * 3 + s.a.read("get a", [](const int& v) { return v; }); break;
      case Kind::write_a: s.a.write("set a", [&](int& v) { v = (v + acc + op.arg) % 5; }); break;
      case Kind::write_b: s.b.write("set b", [&](int& v) { v = (v * 2 + acc) % 7; }); break;
      case Kind::section: {
        sync::lock_guard g(s.m);
        s.b.write("add b", [&](int& v) { v += 1 + acc % 2; });
        break;
      }
      case Kind::try_lock:
        if (s.m.try_lock()) {
          acc += s.b.read("get b", [](const int& v) { return v; });
          s.m.unlock();
        }
        break;
      case Kind::counter:
        if (s.n.fetch_add(1) == op.arg % 2) s.a.write("bump a", [](int& v) { v = (v + 1) % 5; });
        break;
      case Kind::signal: {
        sync::lock_guard g(s.m);
        s.flag = true;
        s.cv.notify_all();
        break;
      }
      case Kind::await: {
        sync::unique_lock<sync::mutex> lk(s.m);
        s.cv.wait(lk, [&] { return s.flag; });
        break;
      }
    }
  }
}

struct Program {
  Code parent[2];
  std::vector<Code> children[2];
};

Code random_code(model::detail::SplitMix64& rng, int max_ops) {
  Code code;
  const int n = 1 + static_cast<int>(rng.next() % max_ops);
  for (int i = 0; i < n; ++i)
    code.push_back({static_cast<Kind>(rng.next() % 8), static_cast<int>(rng.next() % 4)});
  return code;
}

Program random_program(std::uint64_t seed) {
  model::detail::SplitMix64 rng(seed);
  Program p;
  for (int i = 0; i < 2; ++i) {
    p.parent[i] = random_code(rng, 2);
    const int kids = 1 + static_cast<int>(rng.next() % 2);
    for (int k = 0; k < kids; ++k) p.children[i].push_back(random_code(rng, 2));
  }
  return p;
}

struct Harness {
  model::Body body;
  model::EndCheck end_check;
};

Harness harness(const Program& p) {
  auto current = std::make_shared<std::weak_ptr<State>>();  // see symmetry_test.cpp
  Harness h;
  h.body = [p, current] {
    auto s = std::make_shared<State>();
    *current = s;
    model::keep_until_end(s);
    std::vector<sync::thread> parents;
    for (int i = 0; i < 2; ++i) {
      parents.emplace_back("parent", [s, code = p.parent[i], kids = p.children[i]] {
        std::vector<sync::thread> children;
        for (const Code& k : kids) children.emplace_back("child", [s, k] { run_code(*s, k); });
        run_code(*s, code);
        for (auto& c : children) c.join();
      });
    }
    for (auto& t : parents) t.join();
  };
  h.end_check = [current] {
    const auto alive = current->lock();
    State& s = *alive;
    model::Violation v;
    v.kind = model::Outcome::property_violated;
    v.id = "end A=" + std::to_string(s.a.read("end", [](const int& x) { return x; })) +
           " B=" + std::to_string(s.b.read("end", [](const int& x) { return x; })) +
           " n=" + std::to_string(s.n.load()) + " f=" + std::to_string(s.flag ? 1 : 0);
    v.message = v.id;
    return std::vector<model::Violation>{v};
  };
  return h;
}

std::set<std::string> ids(const model::Report& r) {
  std::set<std::string> s;
  for (const auto& entry : r.first_seen) s.insert(entry.first);
  return s;
}

int programs() {
  const char* n = std::getenv("RACELAB_SHARD_PROGRAMS");
  return n ? std::atoi(n) : 20;
}

TEST(ShardedDpor, DISABLED_PartsHoldTheTracesOfTheWholeRunOnRandomPrograms) {
  for (int i = 0; i < programs(); ++i) {
    const std::uint64_t seed = 0x5eed0000u + static_cast<std::uint64_t>(i);
    SCOPED_TRACE("program seed " + std::to_string(seed));
    const Harness h = harness(random_program(seed));
    model::Options o;
    o.stop_on_first_violation = false;
    o.check_determinism = false;
    const model::Report whole = model::explore(o, h.body, h.end_check);
    ASSERT_TRUE(whole.complete);
    for (std::size_t k : {1u, 2u, 3u}) {
      SCOPED_TRACE("K = " + std::to_string(k));
      std::vector<model::Report> parts;
      for (std::size_t j = 0; j < k; ++j) {
        o.partition = model::Partition{j, k};
        parts.push_back(model::explore(o, h.body, h.end_check));
      }
      o.partition.reset();
      const model::Report merged = model::merge(parts);
      EXPECT_TRUE(merged.complete);
      EXPECT_EQ(merged.traces, whole.traces);
      EXPECT_EQ(merged.schedules, whole.schedules);
      EXPECT_EQ(merged.failing_schedules, whole.failing_schedules);
      EXPECT_EQ(ids(merged), ids(whole));
    }
  }
}

}  // namespace
}  // namespace racelab::strategy_tests
