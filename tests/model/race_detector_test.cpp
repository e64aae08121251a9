// The race detector: unordered conflicting shared<T> accesses are flagged; every kind of
// happens-before edge the facade offers silences it.
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>

#include "programs.hpp"

namespace racelab::model::testing {
namespace {

// Explores every schedule and returns the data-race violations of all of them.
std::vector<Violation> races(const Body& body) {
  Options opts;
  opts.strategy = Strategy::dfs;
  opts.stop_on_first_violation = false;
  std::vector<Violation> found;
  opts.on_execution = [&](const Execution& e) {
    for (const Violation& v : e.violations)
      if (v.kind == Outcome::data_race) found.push_back(v);
  };
  const Report r = explore(opts, body);
  EXPECT_TRUE(r.complete);
  return found;
}

using Cell = sync::shared<int>;

TEST(RaceDetector, FlagsUnorderedWriteWrite) {
  const auto found = races([] {
    auto cell = std::make_shared<Cell>("X", 0);
    sync::thread a("writer", [cell] { cell->write("set 1", [](int& v) { v = 1; }); });
    sync::thread b("writer", [cell] { cell->write("set 2", [](int& v) { v = 2; }); });
    a.join();
    b.join();
  });
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found.front().id, "data-race");
  EXPECT_NE(found.front().message.find("data race on X: "), std::string::npos);
  EXPECT_NE(found.front().message.find("write \"set"), std::string::npos);
  EXPECT_NE(found.front().message.find("race_detector_test.cpp:"), std::string::npos);
  EXPECT_NE(found.front().message.find("not ordered by any lock"), std::string::npos);
}

TEST(RaceDetector, ARaceNamesBothAccessesAsSteps) {
  // MainThread starts both writers, Thread-1 writes, Thread-2 writes and exits, Thread-1 exits,
  // MainThread joins both: step 3 races with step 2, and the trace marks the preemption.
  const Execution e = replay("0x2.1.2x2.1.0x3", [] {
    auto cell = std::make_shared<Cell>("X", 0);
    sync::thread a("writer", [cell] { cell->write("set 1", [](int& v) { v = 1; }); });
    sync::thread b("writer", [cell] { cell->write("set 2", [](int& v) { v = 2; }); });
    a.join();
    b.join();
  });
  ASSERT_EQ(e.violations.size(), 1u);
  const Violation& v = e.violations.front();
  EXPECT_EQ(v.kind, Outcome::data_race);
  EXPECT_EQ(v.step, 3);
  EXPECT_EQ(v.related, std::vector<int>{2});
  const Step& now = e.trace.steps[3];
  const Step& earlier = e.trace.steps[2];
  EXPECT_EQ(now.kind, OpKind::write);
  EXPECT_EQ(now.object, "X");
  EXPECT_EQ(now.detail, "set 2");
  EXPECT_EQ(earlier.detail, "set 1");
  EXPECT_EQ(now.thread, 2);
  EXPECT_EQ(earlier.thread, 1);
  // Thread-1 could have gone on to its exit when Thread-2 was picked: a preemption.
  EXPECT_TRUE(now.preemption);
  EXPECT_FALSE(earlier.preemption);
  EXPECT_EQ(e.preemptions, 1);
}

TEST(RaceDetector, AVarsImplicitAccessesSayWhyTheyHaveNoLine) {
  // `++n` and the read in `n + 1` go through operators that cannot take a source line; the
  // message says so (it said "(?)") and does not repeat a var's own labels ("read \"read\"").
  const auto found = races([] {
    sync::var<int> n{"n", 0};
    sync::thread a("inc", [&] { ++n; });
    sync::thread b("inc", [&] { n = n + 1; });
    a.join();
    b.join();
  });
  ASSERT_FALSE(found.empty());
  for (const Violation& v : found) {
    EXPECT_NE(v.message.find("(no source line: an implicit read or ++/-- of a var; get() and "
                             "set() name it)"),
              std::string::npos)
        << v.message;
    EXPECT_EQ(v.message.find("(?)"), std::string::npos) << v.message;
    EXPECT_EQ(v.message.find("\"read\""), std::string::npos) << v.message;
    EXPECT_EQ(v.message.find("\"write\""), std::string::npos) << v.message;
  }
}

TEST(RaceDetector, FlagsUnorderedWriteRead) {
  const auto found = races([] {
    auto cell = std::make_shared<Cell>("X", 0);
    sync::thread a("writer", [cell] { cell->write("store", [](int& v) { v = 1; }); });
    sync::thread b("reader", [cell] { cell->read("load", [](const int& v) { return v; }); });
    a.join();
    b.join();
  });
  ASSERT_FALSE(found.empty());
  bool read_vs_write = false;
  for (const Violation& v : found) {
    read_vs_write = read_vs_write || (v.message.find("read \"load\"") != std::string::npos &&
                                      v.message.find("write \"store\"") != std::string::npos);
  }
  EXPECT_TRUE(read_vs_write);
}

TEST(RaceDetector, ReadsDoNotRaceWithReads) {
  EXPECT_TRUE(races([] {
                auto cell = std::make_shared<Cell>("X", 7);
                auto read = [cell] { cell->read("load", [](const int& v) { return v; }); };
                sync::thread a("reader", read);
                sync::thread b("reader", read);
                a.join();
                b.join();
              }).empty());
}

TEST(RaceDetector, QuietWhenAMutexOrdersTheAccesses) {
  EXPECT_TRUE(races([] {
                auto cell = std::make_shared<Cell>("X", 0);
                auto m = std::make_shared<sync::mutex>("M");
                auto bump = [cell, m] {
                  sync::lock_guard g(*m);
                  const int v = cell->read("load", [](const int& x) { return x; });
                  cell->write("store", [v](int& x) { x = v + 1; });
                };
                sync::thread a("bump", bump);
                sync::thread b("bump", bump);
                a.join();
                b.join();
              }).empty());
}

TEST(RaceDetector, QuietWhenJoinOrdersTheAccesses) {
  EXPECT_TRUE(races([] {
                auto cell = std::make_shared<Cell>("X", 0);
                sync::thread a("writer", [cell] { cell->write("store", [](int& v) { v = 1; }); });
                a.join();
                cell->write("after join", [](int& v) { v = 2; });
              }).empty());
}

TEST(RaceDetector, QuietWhenSpawnOrdersTheAccesses) {
  EXPECT_TRUE(races([] {
                auto cell = std::make_shared<Cell>("X", 0);
                cell->write("before start", [](int& v) { v = 1; });
                sync::thread a("reader",
                               [cell] { cell->read("load", [](const int& v) { return v; }); });
                a.join();
              }).empty());
}

TEST(RaceDetector, QuietWhenQueueHandOffOrdersTheAccesses) {
  EXPECT_TRUE(races([] {
                auto cell = std::make_shared<Cell>("X", 0);
                auto q = std::make_shared<sync::blocking_queue<int>>("q");
                sync::thread producer("producer", [cell, q] {
                  cell->write("fill", [](int& v) { v = 1; });
                  q->put(1);
                });
                sync::thread consumer("consumer", [cell, q] {
                  if (q->get()) cell->read("use", [](const int& v) { return v; });
                });
                producer.join();
                consumer.join();
              }).empty());
}

TEST(RaceDetector, QuietWhenCloseOrdersTheAccesses) {
  EXPECT_TRUE(races([] {
                auto cell = std::make_shared<Cell>("X", 0);
                auto q = std::make_shared<sync::blocking_queue<int>>("q");
                sync::thread closer("closer", [cell, q] {
                  cell->write("fill", [](int& v) { v = 1; });
                  q->close();
                });
                sync::thread waiter("waiter", [cell, q] {
                  if (!q->get()) cell->read("use", [](const int& v) { return v; });
                });
                closer.join();
                waiter.join();
              }).empty());
}

TEST(RaceDetector, AGetOnlyAcquiresItsOwnItem) {
  // The consumer takes the first item; the producer writes after putting it, so the write is
  // not ordered before the consumer's read even though a put and a get connect them.
  const auto found = races([] {
    auto cell = std::make_shared<Cell>("X", 0);
    auto q = std::make_shared<sync::blocking_queue<int>>("q");
    sync::thread producer("producer", [cell, q] {
      q->put(1);
      cell->write("late fill", [](int& v) { v = 1; });
      q->put(2);
    });
    sync::thread consumer("consumer", [cell, q] {
      if (q->get()) cell->read("use", [](const int& v) { return v; });
    });
    producer.join();
    consumer.join();
  });
  EXPECT_FALSE(found.empty());
}

TEST(RaceDetector, EachRacingPairIsReportedOncePerExecution) {
  Options opts;
  opts.strategy = Strategy::dfs;
  opts.stop_on_first_violation = false;
  std::size_t most = 0;
  opts.on_execution = [&](const Execution& e) { most = std::max(most, e.violations.size()); };
  explore(opts, [] {
    auto cell = std::make_shared<Cell>("X", 0);
    auto spin = [cell] {
      for (int i = 0; i < 3; ++i) cell->write("store", [](int& v) { ++v; });
    };
    sync::thread a("spin", spin);
    sync::thread b("spin", spin);
    a.join();
    b.join();
  });
  EXPECT_EQ(most, 1u);  // one site pair (store vs store), however often the schedule repeats it
}

// A payload published behind an atomic flag whose store or load is relaxed: the race message
// names the flag that seemed to order the two sides and the order that fails to. `payload_late`
// writes the payload after the flag instead: the flag then never ordered the write, so no hint.
Body flag_publish(std::memory_order store, std::memory_order load, bool payload_late = false) {
  return [=] {
    auto payload = std::make_shared<sync::var<int>>("payload", 0);
    auto ready = std::make_shared<sync::atomic<bool>>("ready", false);
    sync::thread producer("producer", [=] {
      if (!payload_late) *payload = 42;
      ready->store(true, store);
      if (payload_late) *payload = 42;
    });
    sync::thread consumer("consumer", [=] {
      while (!ready->load(load)) sync::this_thread::yield();
      (void)payload->get();
    });
    producer.join();
    consumer.join();
  };
}

// The first race message of the explorations of `body` that contains `hint`, or "".
std::string race_with(const Body& body, const std::string& hint) {
  for (const Violation& v : races(body)) {
    if (v.message.find(hint) != std::string::npos) return v.message;
  }
  return "";
}

constexpr auto kRelaxed = std::memory_order_relaxed;
constexpr auto kRelease = std::memory_order_release;
constexpr auto kAcquire = std::memory_order_acquire;

TEST(RaceDetector, ARaceBehindARelaxedFlagNamesTheFlagAndTheOrderThatFails) {
  const std::string both = race_with(flag_publish(kRelaxed, kRelaxed), "ready did not order them");
  EXPECT_NE(both.find("Thread-2 (consumer)'s read of it (model/race_detector_test.cpp:"),
            std::string::npos)
      << both;
  EXPECT_NE(both.find(", relaxed) took the value Thread-1 (producer) wrote (relaxed) after its "
                      "write — a write orders what precedes it only if it releases, a read what "
                      "follows it only if it acquires"),
            std::string::npos)
      << both;
  const std::string load = race_with(flag_publish(kRelease, kRelaxed), "ready did not order them");
  EXPECT_NE(load.find("wrote (release) after its write — a read orders what follows it only if "
                      "it acquires"),
            std::string::npos)
      << load;
  const std::string store = race_with(flag_publish(kRelaxed, kAcquire), "ready did not order them");
  EXPECT_NE(store.find("(relaxed) after its write — a write orders what precedes it only if it "
                       "releases"),
            std::string::npos)
      << store;
  EXPECT_EQ(store.find("acquires"), std::string::npos) << store;
}

TEST(RaceDetector, NoFlagHintWhenTheFlagCouldNotHaveOrderedTheRace) {
  // Released and acquired, the payload written after the store: a race the flag never covered.
  EXPECT_FALSE(races(flag_publish(kRelease, kAcquire, true)).empty());
  EXPECT_EQ(race_with(flag_publish(kRelease, kAcquire, true), "did not order them"), "");
  EXPECT_EQ(race_with(flag_publish(kRelaxed, kRelaxed, true), "did not order them"), "");
  // Released and acquired, the payload before the store: no race at all.
  EXPECT_TRUE(races(flag_publish(kRelease, kAcquire)).empty());
}

}  // namespace
}  // namespace racelab::model::testing
