// racelab/model/model_test.hpp: run_model_test, the main of a user's own model test
// (racelab_add_model_test, docs/ci.md). Its exit codes, what a safe verdict and a violation say,
// the replay command it prints and that command's run, the Markdown review. Search limits and bad
// input: model_test_limits_test.cpp; spurious wake-ups and symmetry:
// model_test_reductions_test.cpp.
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

TEST(ModelTestMain, ASafeBodyExitsZero) {
  const Exit r = run({}, lost_update_counter(CounterLocking::whole_update));
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("safe: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("(every interleaving)"), std::string::npos) << r.out;
  EXPECT_EQ(r.err, "");
  // EXPECT violation on a safe body: the safe line alone would read as a pass (trial 10, F4).
  const Exit wanted =
      run({"--expect-violation"}, lost_update_counter(CounterLocking::whole_update));
  EXPECT_EQ(wanted.code, 1);
  EXPECT_NE(wanted.out.find("no violation\nFAIL: --expect-violation (EXPECT violation): no "
                            "violation found\n"),
            std::string::npos)
      << wanted.out;
}

TEST(ModelTestMain, ASafeVerdictOnWeakOrdersSaysWhatItDoesNotCover) {
  // Store buffering with release stores and acquire loads (Peterson's entry): safe under
  // sequential consistency, not on a real multicore machine (x86's store buffer reorders a store
  // and a later load too); the verdict says so on its next line.
  const Body sb = [] {
    auto x = std::make_shared<sync::atomic<int>>("x", 0);
    auto y = std::make_shared<sync::atomic<int>>("y", 0);
    sync::thread a("a", [=] {
      x->store(1, std::memory_order_release);
      (void)y->load(std::memory_order_acquire);
    });
    sync::thread b("b", [=] {
      y->store(1, std::memory_order_release);
      (void)x->load(std::memory_order_acquire);
    });
    a.join();
    b.join();
  };
  const Exit r = run({}, sb);
  EXPECT_EQ(r.code, 0) << r.out;
  // The safe line itself does not claim every interleaving (trial 10, F1).
  EXPECT_NE(r.out.find("(every sequentially consistent interleaving: not the weak-memory "
                       "outcomes the note names), no violation\nnote: every interleaving "
                       "explored is sequentially consistent, but on any multicore machine "
                       "(x86's store buffer too"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("FAIL"), std::string::npos) << r.out;
  // --weak-memory-fails (WEAK_MEMORY_FAILS): the note fails the test, for CI, where nobody reads
  // a passed test's log; a body without the note still passes.
  const Exit strict = run({"--weak-memory-fails"}, sb);
  EXPECT_EQ(strict.code, 1) << strict.out;
  EXPECT_TRUE(
      strict.out.ends_with("\nFAIL: --weak-memory-fails (WEAK_MEMORY_FAILS): the "
                           "weak-memory note above names outcomes the model does not "
                           "run\n"))
      << strict.out;
  const Exit plain =
      run({"--weak-memory-fails"}, lost_update_counter(CounterLocking::whole_update));
  EXPECT_EQ(plain.code, 0) << plain.out;
  EXPECT_EQ(plain.out.find("note:"), std::string::npos) << plain.out;
  EXPECT_NE(plain.out.find("(every interleaving), no violation\n"), std::string::npos) << plain.out;
}

TEST(ModelTestMain, AViolationExitsOneAndItsReplayCommandShowsItAgain) {
  const Body body = lost_update_counter(CounterLocking::none);
  const Exit r = run({}, body);
  EXPECT_EQ(r.code, 1) << r.out;
  const std::vector<std::string> again = replay_args(r.out);
  ASSERT_EQ(again.size(), 2U) << r.out;
  EXPECT_EQ(again[0], "--replay");
  const Exit replayed = run(again, body);
  EXPECT_EQ(replayed.code, 1) << replayed.out << replayed.err;
  EXPECT_NE(replayed.out.find("✗"), std::string::npos) << replayed.out;
  EXPECT_EQ(run({"--expect-violation"}, body).code, 0);
}

// A failing run prints the command that shows its witness as a review comment (new-user trial 7:
// a reviewer had no diagram for their own class): Markdown naming the test, the violation, a
// Mermaid sequence diagram and the replay command.
TEST(ModelTestMain, AFailureCanBeReviewedAsMarkdownWithAMermaidDiagram) {
  const Body body = lost_update_counter(CounterLocking::none);
  const Exit r = run({}, body);
  ASSERT_EQ(r.code, 1) << r.out;
  const std::vector<std::string> again = replay_args(r.out);
  ASSERT_EQ(again.size(), 2U) << r.out;
  EXPECT_NE(r.out.find("\nreview: ./mine --replay " + again[1] + " --format markdown\n"),
            std::string::npos)
      << r.out;
  const Exit review = run({"--replay", again[1], "--format", "markdown"}, body);
  EXPECT_EQ(review.code, 1) << review.err;
  EXPECT_EQ(review.out.rfind("**racelab** found a race in model test `mine`.", 0), 0U)
      << review.out;
  EXPECT_NE(review.out.find("```mermaid\nsequenceDiagram\n"), std::string::npos) << review.out;
  EXPECT_NE(review.out.find("Replay it: `./mine --replay " + again[1] + "`\n"), std::string::npos)
      << review.out;
  const Exit text = run({"--replay", again[1], "--format", "text"}, body);
  EXPECT_EQ(text.out, run({"--replay", again[1]}, body).out);
}

// The headline is the strongest kind found (witness_order), as racelab check shows it: a racy
// counter's lost update, shown with the race in the same execution.
TEST(ModelTestMain, TheHeadlineIsTheStrongestKindFound) {
  const Exit r = run({}, lost_update_counter(CounterLocking::none));
  ASSERT_EQ(r.code, 1) << r.out;
  EXPECT_EQ(r.out.rfind("violation: ", 0), 0U) << r.out;
  const auto lost = r.out.find("violation: lost update");
  ASSERT_NE(lost, std::string::npos) << r.out;
  EXPECT_NE(r.out.find("violation: data race on counter"), std::string::npos) << r.out;
}

// Two locks taken in opposite orders, and a check that fails when the first thread ran to its
// end first: the assertion's execution never deadlocks, and the deadlock's never reaches the
// check. The assertion is the headline; the deadlock is named on its own line with its own
// replay, which shows it.
Body deadlock_or_assertion() {
  return [] {
    auto a = std::make_shared<sync::mutex>("a");
    auto b = std::make_shared<sync::mutex>("b");
    auto x = std::make_shared<sync::var<int>>("x", 0);
    sync::thread first("first", [=] {
      sync::lock_guard ga(*a);
      sync::lock_guard gb(*b);
      *x = 1;
    });
    sync::thread second("second", [=] {
      sync::lock_guard gb(*b);
      sync::lock_guard ga(*a);
      sync::check(x->get() == 0, "second came after first");
    });
    first.join();
    second.join();
  };
}

TEST(ModelTestMain, TheOtherKindsOfViolationFoundAreListedWithTheirReplays) {
  const Body body = deadlock_or_assertion();
  const Exit r = run({}, body);
  ASSERT_EQ(r.code, 1) << r.out;
  EXPECT_EQ(r.out.rfind("violation: second came after first", 0), 0U) << r.out;
  const auto at = r.out.find("also found: ");
  ASSERT_NE(at, std::string::npos) << r.out;
  const std::string line = r.out.substr(at, r.out.find('\n', at) - at);
  EXPECT_NE(line.find("deadlock"), std::string::npos) << line;
  const auto token_at = line.rfind("--replay ");
  ASSERT_NE(token_at, std::string::npos) << line;
  const std::string token = line.substr(token_at + 9, line.size() - token_at - 10);
  const Exit replayed = run({"--replay", token}, body);
  EXPECT_EQ(replayed.code, 1) << replayed.out << replayed.err;
  EXPECT_NE(replayed.out.find("deadlock"), std::string::npos) << replayed.out;
}

// Five dining philosophers, each taking its left fork first, and a meal count nobody guards: the
// race is met at once, the deadlock (everyone holds one fork) only further on. The default search
// stops at the witness bound and must say that it did (new-user trial 5: only the race was
// reported, and nothing said the search was cut); --all searches on and finds the deadlock.
Body philosophers(int n) {
  return [n] {
    std::vector<std::shared_ptr<sync::mutex>> forks;
    for (int i = 0; i < n; ++i) forks.push_back(std::make_shared<sync::mutex>());
    auto meals = std::make_shared<sync::var<int>>("meals", 0);
    std::vector<sync::thread> diners;
    for (int i = 0; i < n; ++i) {
      diners.emplace_back("philosopher", [=] {
        sync::lock_guard left(*forks[static_cast<std::size_t>(i)]);
        sync::lock_guard right(*forks[static_cast<std::size_t>((i + 1) % n)]);
        *meals = meals->get() + 1;
      });
    }
    for (auto& d : diners) d.join();
  };
}

TEST(ModelTestMain, TheWitnessBoundIsSaidAndAllSearchesPastIt) {
  const Exit cut = run({}, philosophers(5));
  EXPECT_EQ(cut.code, 1) << cut.out;
  EXPECT_NE(cut.out.find("note: the search stopped "), std::string::npos) << cut.out;
  EXPECT_NE(cut.out.find("--all searches them all"), std::string::npos) << cut.out;
  const Exit all = run({"--all"}, philosophers(5));
  EXPECT_EQ(all.code, 1) << all.out;
  EXPECT_NE(all.out.find("deadlock: "), std::string::npos) << all.out;
  EXPECT_EQ(all.out.find("note: the search stopped "), std::string::npos) << all.out;
  // A search that ends before its bound is complete: nothing to say.
  const Exit small = run({}, lost_update_counter(CounterLocking::none));
  EXPECT_EQ(small.out.find("note: the search stopped "), std::string::npos) << small.out;
}

// Three workers raise the same exception: each line says whose it is (new-user trial 5: the same
// line twice, no thread named).
TEST(ModelTestMain, AViolationWhoseMessageNamesNoThreadSaysWhose) {
  const Exit r = run({}, [] {
    sync::thread a("worker", [] { throw std::runtime_error("no proxy"); });
    sync::thread b("worker", [] { throw std::runtime_error("no proxy"); });
    a.join();
    b.join();
  });
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("violation: std::runtime_error: no proxy in Thread-1 (worker)\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("violation: std::runtime_error: no proxy in Thread-2 (worker)\n"),
            std::string::npos)
      << r.out;
}

}  // namespace
}  // namespace racelab::model::testing
