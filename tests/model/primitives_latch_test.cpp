// The std-mirroring primitives under the model, part 5: latch and barrier. What a wait returns
// having seen (every count_down, every arrival and the completion of its phase), that waits
// commute (n waiters released together are one trace), what a hang on them says, and misuse.
#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "primitives_helpers.hpp"
#include "programs.hpp"

namespace racelab::model::testing {
namespace {

using Slots = std::vector<std::unique_ptr<sync::shared<int>>>;

std::shared_ptr<Slots> slots(int n) {
  auto s = std::make_shared<Slots>();
  for (int i = 0; i < n; ++i) s->push_back(std::make_unique<sync::shared<int>>("slot", 0));
  return s;
}

// n workers fill a slot each and count down; MainThread waits, then reads every slot. With
// `short_by_one`, the latch expects one count_down fewer than there are workers: MainThread may
// read a slot still being written.
Body fill_then_read(int n, bool short_by_one) {
  return [n, short_by_one] {
    auto s = slots(n);
    auto done = std::make_shared<sync::latch>("done", short_by_one ? n - 1 : n);
    std::vector<sync::thread> workers;
    for (int i = 0; i < n; ++i) {
      workers.emplace_back("worker", [s, done, i] {
        (*s)[static_cast<std::size_t>(i)]->write("fill", [](int& v) { v = 1; });
        done->count_down();
      });
    }
    done->wait();
    for (auto& slot : *s) (void)slot->read("sum", [](const int& v) { return v; });
    for (auto& w : workers) w.join();
  };
}

TEST(Latch, AWaitSeesEveryCountDown) {
  for (const Strategy st : {Strategy::dpor, Strategy::dfs}) {
    const Report r =
        explore(opts_for(st, false), fill_then_read(st == Strategy::dfs ? 2 : 3, false));
    EXPECT_TRUE(r.complete);
    EXPECT_FALSE(r.failure) << r.failure->violations.front().message;
  }
}

TEST(Latch, AWaitThatReturnsTooEarlyRaces) {
  for (const Strategy st : {Strategy::dpor, Strategy::dfs}) {
    const Report r = explore(opts_for(st), fill_then_read(3, true));
    ASSERT_TRUE(r.failure);
    EXPECT_EQ(r.failure->violations.front().id, "data-race");
  }
}

// One thread counts down, three wait: the waits only look at the count, so the order in which
// the released waiters return is one trace, not 3! of them.
TEST(Latch, WaitersReleasedTogetherAreOneTrace) {
  const Report r = explore(opts_for(Strategy::dpor, false), [] {
    auto gate = std::make_shared<sync::latch>("gate", 1);
    std::vector<sync::thread> waiters;
    for (int i = 0; i < 3; ++i) waiters.emplace_back("waiter", [gate] { gate->wait(); });
    gate->count_down();
    for (auto& w : waiters) w.join();
  });
  EXPECT_TRUE(r.complete);
  EXPECT_FALSE(r.failure);
  EXPECT_EQ(r.traces, 1u);
}

// try_wait is an observation: polling it is a spin the fair scheduler ends by running the
// thread that counts down; once it says true, the count_downs happened before.
TEST(Latch, PollingTryWaitSeesTheCountDown) {
  const Report r = explore(opts_for(Strategy::dpor, false), [] {
    auto slot = std::make_shared<sync::shared<int>>("slot", 0);
    sync::latch ready("ready", 1);
    sync::thread t("filler", [&] {
      slot->write("fill", [](int& v) { v = 1; });
      ready.count_down();
    });
    while (!ready.try_wait()) {
    }
    sync::check(slot->read("look", [](const int& v) { return v; }) == 1, "filled");
    t.join();
  });
  EXPECT_TRUE(r.complete);
  EXPECT_FALSE(r.failure) << r.failure->violations.front().message;
}

TEST(Latch, AWaitNobodyEndsIsADeadlockThatSaysWhatIsLeft) {
  const Report r = explore(opts_for(Strategy::dpor), [] {
    sync::latch gate(2);
    gate.count_down();
    gate.wait();
  });
  ASSERT_TRUE(r.failure);
  const Violation& v = r.failure->violations.front();
  EXPECT_EQ(v.id, "deadlock");
  EXPECT_NE(v.message.find("MainThread waits for latch#1 to count down to 0 (1 left)"),
            std::string::npos)
      << v.message;
}

TEST(Latch, CountingDownBelowZeroIsMisuse) {
  const Report r = explore(opts_for(Strategy::dpor), [] {
    sync::latch gate("gate", 1);
    gate.count_down(2);
  });
  ASSERT_TRUE(r.failure);
  EXPECT_EQ(r.failure->violations.front().id, "misuse");
  EXPECT_NE(r.failure->violations.front().message.find("counts gate down by 2, below 0"),
            std::string::npos);
}

TEST(Latch, TimelineNamesItsOperations) {
  const Execution x = first_execution([] {
    sync::latch gate("gate", 1);
    sync::thread t("opener", [&gate] { gate.count_down(); });
    gate.arrive_and_wait(0);
    t.join();
  });
  std::vector<std::string> ops;
  for (const Step& s : x.trace.steps)
    if (s.object == "gate") ops.push_back(op_text(s) + " -> " + s.value);
  const std::vector<std::string> want = {"count_down gate -> 1 left", "count_down gate -> 0 left",
                                         "wait gate -> "};
  EXPECT_EQ(ops, want);
}

// n workers, `phases` rounds: each fills its own slot, arrives and waits, reads every slot, and
// (but for the last round) arrives and waits again before the next fill.
// The completion function bumps a counter each phase, read by everyone after their wait: it ran
// once per phase, before any waiter of that phase returned.
Body phased_workers(int n, int phases, bool barrier_between) {
  return [n, phases, barrier_between] {
    auto s = slots(n);
    auto completed = std::make_shared<sync::shared<int>>("completed", 0);
    auto bump = [completed]() noexcept { completed->write("bump", [](int& v) { ++v; }); };
    auto sync_point = std::make_shared<sync::barrier<decltype(bump)>>("round", n, bump);
    std::vector<sync::thread> workers;
    for (int i = 0; i < n; ++i) {
      workers.emplace_back("worker", [=] {
        for (int p = 0; p < phases; ++p) {
          (*s)[static_cast<std::size_t>(i)]->write("fill", [](int& v) { ++v; });
          if (barrier_between) sync_point->arrive_and_wait();
          for (auto& slot : *s) (void)slot->read("look", [](const int& v) { return v; });
          const int seen = completed->read("count", [](const int& v) { return v; });
          sync::check(!barrier_between || seen >= p + 1, "the completion ran before the wait");
          if (barrier_between && p + 1 < phases) sync_point->arrive_and_wait();
        }
      });
    }
    for (auto& w : workers) w.join();
  };
}

TEST(Barrier, EachPhaseSeesTheOthersWorkAndItsCompletion) {
  for (const Strategy st : {Strategy::dpor, Strategy::dfs}) {
    // dfs runs every interleaving: one phase keeps it small.
    const Report r =
        explore(opts_for(st, false), phased_workers(2, st == Strategy::dfs ? 1 : 2, true));
    EXPECT_TRUE(r.complete);
    EXPECT_FALSE(r.failure) << r.failure->violations.front().message;
  }
  const Report racy = explore(opts_for(Strategy::dpor), phased_workers(2, 1, false));
  ASSERT_TRUE(racy.failure);
  EXPECT_EQ(racy.failure->violations.front().id, "data-race");
}

// arrive() then wait(token): the work between them overlaps the other arrivals; a thread that
// leaves with arrive_and_drop is not expected in the next phase.
TEST(Barrier, ArriveThenWaitAndDrop) {
  const Report r = explore(opts_for(Strategy::dpor, false), [] {
    sync::barrier<> b("b", 3);
    auto s = slots(3);
    sync::thread leaver("leaver", [&] {
      (*s)[0]->write("fill", [](int& v) { v = 1; });
      b.arrive_and_drop();
    });
    sync::thread stayer("stayer", [&] {
      (*s)[1]->write("fill", [](int& v) { v = 1; });
      auto token = b.arrive();
      (*s)[1]->write("own work", [](int& v) { v = 2; });
      b.wait(std::move(token));
      (void)(*s)[0]->read("look", [](const int& v) { return v; });
      b.arrive_and_wait();  // phase 1: two expected, the leaver is gone
    });
    (*s)[2]->write("fill", [](int& v) { v = 1; });
    b.arrive_and_wait();
    (void)(*s)[0]->read("look", [](const int& v) { return v; });
    b.arrive_and_wait();
    leaver.join();
    stayer.join();
  });
  EXPECT_TRUE(r.complete);
  EXPECT_FALSE(r.failure) << r.failure->violations.front().message;
}

// n workers, `phases` rounds of arrive_and_wait and nothing else. What orders a trace is the
// order of each phase's arrivals (which one completes it); a wait for an ended phase commutes
// with the next phase's arrivals (neither changes what the other does, or whether it can run),
// so the traces are (n!)^phases, not the interleavings of every wait with every arrival.
Body rounds(int n, int phases) {
  return [n, phases] {
    auto round = std::make_shared<sync::barrier<>>("round", n);
    std::vector<sync::thread> workers;
    for (int i = 0; i < n; ++i) {
      workers.emplace_back("worker", [round, phases] {
        for (int p = 0; p < phases; ++p) round->arrive_and_wait();
      });
    }
    for (auto& w : workers) w.join();
  };
}

TEST(Barrier, WaitsCommuteWithTheNextPhasesArrivals) {
  Options o = opts_for(Strategy::dpor, false);
  o.max_schedules = 20'000;  // the dependence this test guards against gives 279,936
  const Report three = explore(o, rounds(3, 4));
  EXPECT_TRUE(three.complete);
  EXPECT_FALSE(three.failure);
  EXPECT_EQ(three.traces, 6u * 6u * 6u * 6u);
  const Report two = explore(o, rounds(2, 5));
  EXPECT_TRUE(two.complete);
  EXPECT_EQ(two.traces, 32u);
}

// The same counts by brute force: dfs runs every interleaving and counts the distinct arrival
// orders, the trace classes dpor must cover one each (a wrong independence would lose some).
TEST(Barrier, DporCoversEveryArrivalOrderDfsFinds) {
  for (const auto& [n, phases] : {std::pair{2, 3}, std::pair{2, 4}}) {
    std::set<std::string> dfs_orders, dpor_orders;
    for (const Strategy st : {Strategy::dfs, Strategy::dpor}) {
      Options o = opts_for(st, false);
      o.record_traces = true;
      o.on_execution = [&, st](const Execution& e) {
        std::string order;
        for (const Step& s : e.trace.steps)
          if (s.object == "round" && s.kind == OpKind::release) order += std::to_string(s.thread);
        (st == Strategy::dfs ? dfs_orders : dpor_orders).insert(order);
      };
      EXPECT_TRUE(explore(o, rounds(n, phases)).complete);
    }
    EXPECT_EQ(dpor_orders, dfs_orders) << n << " workers, " << phases << " phases";
    EXPECT_FALSE(dfs_orders.empty());
  }
}

TEST(Barrier, AMissingArrivalIsADeadlockThatSaysHowManyAreLeft) {
  const Report r = explore(opts_for(Strategy::dpor), [] {
    sync::barrier<> b(3);
    sync::thread t("worker", [&b] { b.arrive_and_wait(); });
    b.arrive_and_wait();
    t.join();
  });
  ASSERT_TRUE(r.failure);
  const Violation& v = r.failure->violations.front();
  EXPECT_EQ(v.id, "deadlock");
  EXPECT_NE(v.message.find("waits for phase 0 of barrier#1 to end (1 of 3 arrivals still to come)"),
            std::string::npos)
      << v.message;
}

// A completion function that blocks for good is a deadlock like any other. It is noexcept, so
// the end of the execution cannot unwind through it: its hooks act as inspections until it
// returns (new-user trial 4: this once ended the process with std::terminate).
TEST(Barrier, ACompletionFunctionThatBlocksForGoodIsADeadlock) {
  const Report waits = explore(opts_for(Strategy::dpor), [] {
    sync::latch never("never", 1);
    auto done = [&never]() noexcept { never.wait(); };
    sync::barrier<decltype(done)> b("b", 1, done);
    b.arrive_and_wait();
  });
  ASSERT_TRUE(waits.failure);
  EXPECT_EQ(waits.failure->violations.front().id, "deadlock");
  EXPECT_NE(waits.failure->violations.front().message.find("waits for never to count down"),
            std::string::npos)
      << waits.failure->violations.front().message;
  const Report locks = explore(opts_for(Strategy::dpor), [] {
    sync::mutex m("m");
    auto done = [&m]() noexcept {
      m.lock();
      m.unlock();
    };
    sync::barrier<decltype(done)> b("b", 2, done);
    sync::thread t("holder", [&] {
      sync::lock_guard g(m);
      b.arrive_and_wait();  // waits for the phase with m held
    });
    b.arrive_and_wait();
    t.join();
  });
  ASSERT_TRUE(locks.failure);
  EXPECT_EQ(locks.failure->violations.front().id, "deadlock");
}

TEST(Barrier, ArrivingPastTheCountIsMisuse) {
  const Report r = explore(opts_for(Strategy::dpor), [] {
    sync::barrier<> b("b", 1);
    (void)b.arrive(2);
  });
  ASSERT_TRUE(r.failure);
  EXPECT_EQ(r.failure->violations.front().id, "misuse");
  // Both dropped out, then one arrives anyway: the misuse, and no deadlock after it ("0 of 0
  // arrivals still to come" once followed it).
  const Report after = explore(opts_for(Strategy::dpor, false), [] {
    sync::barrier<> b("b", 2);
    sync::thread t("t", [&b] {
      b.arrive_and_drop();
      b.arrive_and_wait();
    });
    b.arrive_and_drop();
    t.join();
  });
  ASSERT_TRUE(after.failure);
  EXPECT_EQ(after.witnesses.count("misuse"), 1u);
  EXPECT_EQ(after.witnesses.count("deadlock"), 0u);
}

TEST(Latch, ANegativeCountIsMisuseNotADeadlock) {
  const Report r = explore(opts_for(Strategy::dpor, false), [] {
    sync::latch l("l", -1);
    l.wait();
  });
  ASSERT_TRUE(r.failure);
  EXPECT_EQ(r.witnesses.count("deadlock"), 0u);
  ASSERT_EQ(r.witnesses.count("misuse"), 1u);
  EXPECT_NE(r.witnesses.at("misuse").violations.front().message.find(
                "makes l with a count of -1: it must not be negative"),
            std::string::npos);
}

TEST(Barrier, TimelineShowsTheArrivalsAndTheEndOfThePhase) {
  const Execution x = first_execution([] {
    sync::barrier<> b("b", 2);
    sync::thread t("worker", [&b] { b.arrive_and_wait(); });
    b.arrive_and_wait();
    t.join();
  });
  std::vector<std::string> ops;
  for (const Step& s : x.trace.steps)
    if (s.object == "b") ops.push_back(op_text(s) + " -> " + s.value);
  const std::vector<std::string> want = {
      "arrive b -> phase 0, 1 to come", "arrive b -> phase 0, the last",
      "complete b -> phase 0 ends", "wait b -> phase 0 ended", "wait b -> phase 0 ended"};
  EXPECT_EQ(ops, want);
}

}  // namespace
}  // namespace racelab::model::testing
