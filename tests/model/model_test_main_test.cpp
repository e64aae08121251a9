// racelab/model/model_test.hpp: run_model_test, the main of a user's own model test
// (racelab_add_model_test, docs/ci.md). Its exit codes, the replay command it prints and that
// command's run, --max-steps, --preemption-bound, --max-schedules, --spurious-wakeups,
// --symmetry, and bad input as one line with exit 2.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "programs.hpp"
#include "racelab/model/model_test.hpp"

namespace racelab::model::testing {
namespace {

struct Exit {
  int code;
  std::string out, err;
};

Exit run(std::vector<std::string> args, const Body& body) {
  args.insert(args.begin(), "./mine");
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  ::testing::internal::CaptureStdout();
  ::testing::internal::CaptureStderr();
  const int code = run_model_test(static_cast<int>(argv.size()), argv.data(), body);
  Exit r{code, ::testing::internal::GetCapturedStdout(), ::testing::internal::GetCapturedStderr()};
  return r;
}

// The arguments after "replay: ./mine" on the last line that starts with it.
std::vector<std::string> replay_args(const std::string& out) {
  const std::string head = "replay: ./mine ";
  const auto at = out.rfind(head);
  if (at == std::string::npos) return {};
  std::vector<std::string> args;
  std::string rest = out.substr(at + head.size(), out.find('\n', at) - at - head.size());
  for (std::size_t start = 0; start <= rest.size();) {
    const auto space = rest.find(' ', start);
    args.push_back(rest.substr(start, space - start));
    if (space == std::string::npos) break;
    start = space + 1;
  }
  return args;
}

TEST(ModelTestMain, ASafeBodyExitsZero) {
  const Exit r = run({}, lost_update_counter(CounterLocking::whole_update));
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("safe: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("(every interleaving)"), std::string::npos) << r.out;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(run({"--expect-violation"}, lost_update_counter(CounterLocking::whole_update)).code, 1);
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
  EXPECT_NE(r.out.find("no violation\nnote: every interleaving explored is sequentially "
                       "consistent, but on any multicore machine (x86's store buffer too"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(run({}, lost_update_counter(CounterLocking::whole_update)).out.find("note:"),
            std::string::npos);
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

TEST(ModelTestMain, BadInputIsOneLineOnStderrAndExitTwo) {
  const Body body = lost_update_counter(CounterLocking::none);
  const std::vector<std::vector<std::string>> mistakes = {
      {"--replay"},                    // no token (was: "unknown argument '--replay'")
      {"--replay", "garbage"},         // not a token (was: std::terminate, exit 134)
      {"--replay", "0x99"},            // a token that does not fit this body (was: std::terminate)
      {"--max-steps"},                 // no number
      {"--max-steps", "0"},            // out of range
      {"--max-steps", "0x10"},         // not decimal
      {"--expect_violation"},          // a typo
      {"--strategy"},                  // no name
      {"--strategy", "pct"},           // a sampling strategy: no proof, not offered here
      {"--max-schedules", "0"},        // out of range
      {"--preemption-bound"},          // no number
      {"--preemption-bound", "two"},   // not a number
      {"--spurious-wakeups"},          // no number
      {"--spurious-wakeups", "-1"},    // not a whole number
      {"--spurious-wakeups", "1001"},  // out of range
      {"--symmetry=1"},                // a flag takes no value
      {"--format", "html"},            // not a format
      {"--format", "markdown"},        // a review is of one replayed interleaving
  };
  for (const auto& args : mistakes) {
    const Exit r = run(args, body);
    EXPECT_EQ(r.code, 2) << args[0];
    EXPECT_EQ(r.out, "") << args[0];
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_EQ(r.err.rfind("./mine: ", 0), 0U) << r.err;
  }
}

// The dpor_gap note says "a run with --strategy dfs": the model test takes it (it once answered
// "unknown argument"), runs every interleaving, and finds what dpor finds.
TEST(ModelTestMain, StrategyDfsRunsEveryInterleavingAndHelpSaysSo) {
  const Body buggy = lost_update_counter(CounterLocking::none);
  const Exit dfs = run({"--strategy", "dfs"}, buggy);
  EXPECT_EQ(dfs.code, 1) << dfs.out << dfs.err;
  const Exit safe = run({"--strategy", "dfs"}, lost_update_counter(CounterLocking::whole_update));
  EXPECT_EQ(safe.code, 0) << safe.out << safe.err;
  EXPECT_NE(safe.out.find("(every interleaving)"), std::string::npos) << safe.out;
  // dfs counts every interleaving, dpor one per class: more schedules, the same verdict.
  const auto schedules = [](const std::string& out) {
    return std::stoul(out.substr(out.find("safe: ") + 6));
  };
  EXPECT_GT(
      schedules(safe.out),
      schedules(
          run({"--strategy", "dpor"}, lost_update_counter(CounterLocking::whole_update)).out));
  const Exit help = run({"--help"}, buggy);
  EXPECT_EQ(help.code, 0);
  EXPECT_NE(help.out.find("--strategy dpor|dfs"), std::string::npos) << help.out;
  EXPECT_EQ(help.err, "");
}

// A search too large to finish: --preemption-bound K is a bounded proof and says so;
// --max-schedules N is none, and says that too.
TEST(ModelTestMain, APreemptionBoundIsABoundedProofAndMaxSchedulesIsNone) {
  const Body safe = lost_update_counter(CounterLocking::whole_update);
  const Exit bounded = run({"--preemption-bound", "0"}, safe);
  EXPECT_EQ(bounded.code, 0) << bounded.out << bounded.err;
  EXPECT_NE(bounded.out.find("(every interleaving with at most 0 preemptions), no violation"),
            std::string::npos)
      << bounded.out;
  // The lost update needs one preemption: a bound of 0 finds only the race (happens-before
  // needs no preemption), a bound of 1 the wrong total too.
  const Body buggy = lost_update_counter(CounterLocking::none);
  const Exit none = run({"--preemption-bound", "0"}, buggy);
  const Exit one = run({"--preemption-bound", "1"}, buggy);
  EXPECT_EQ(none.code, 1);
  EXPECT_EQ(one.code, 1);
  EXPECT_EQ(none.out.find("lost update: counter is 1"), std::string::npos) << none.out;
  EXPECT_NE(one.out.find("lost update: counter is 1"), std::string::npos) << one.out;
  const Exit capped = run({"--max-schedules", "1"}, safe);
  EXPECT_EQ(capped.code, 0) << capped.out << capped.err;
  EXPECT_EQ(capped.out,
            "safe: 1 schedule, no violation\nnote: the search stopped at --max-schedules 1: not "
            "every interleaving was run, so this is not a proof\n");
  const Exit help = run({"--help"}, safe);
  EXPECT_NE(help.out.find("--preemption-bound K"), std::string::npos) << help.out;
  EXPECT_NE(help.out.find("--max-schedules N"), std::string::npos) << help.out;
}

TEST(ModelTestMain, ALongExecutionWithoutAViolationIsSaidOnceOnStderr) {
  // The polite threads' search never ends, and executions grow longer as it goes: the first one
  // past 1000 steps says why, before the user's ctest times out in silence. Here: one thread,
  // one schedule of 1201 steps, safe.
  const Exit r = run({}, [] {
    for (int i = 0; i < 1200; ++i) sync::this_thread::yield("step");
  });
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(r.err,
            "./mine: still searching after 1 schedule, its last execution 1201 steps long, no "
            "violation yet: a loop that can repeat forever (two threads taking turns) makes the "
            "search endless; --max-steps N (e.g. 1000) turns such a run into a step-limit "
            "violation\n");
}

// A search that is merely large (short executions, 100,000 of them) says so once, with what
// cuts it: each flag not given yet, --spurious-wakeups 0 with its caveat. (About 2.5 s a run.)
TEST(ModelTestMain, ALargeSearchIsSaidOnceWithWhatCutsIt) {
  const Body big = independent_threads(3, 5);  // 756,756 schedules for dfs
  const Exit r = run({"--strategy", "dfs", "--max-schedules", "100000"}, big);
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_EQ(r.err.rfind("./mine: still searching after 100000 schedules of at most 1000 steps, "
                        "no violation yet: a large search;",
                        0),
            0U)
      << r.err;
  for (const char* cut : {"--strategy dpor", "--preemption-bound K", "--spurious-wakeups 0",
                          "a wait that does not re-check its condition is then not caught",
                          "--symmetry", "--max-schedules N"}) {
    EXPECT_NE(r.err.find(cut), std::string::npos) << cut << ": " << r.err;
  }
  const Exit cut = run(
      {"--strategy", "dfs", "--max-schedules", "100000", "--spurious-wakeups", "0", "--symmetry"},
      big);
  EXPECT_NE(cut.err.find("still searching after 100000 schedules"), std::string::npos) << cut.err;
  EXPECT_EQ(cut.err.find("--spurious-wakeups"), std::string::npos) << cut.err;
  EXPECT_EQ(cut.err.find("--symmetry"), std::string::npos) << cut.err;
}

TEST(ModelTestMain, MaxStepsTurnsAnEndlessSearchIntoAStepLimitThatReplays) {
  // Without --max-steps the polite threads' search never ends (each execution may run 20000
  // steps, and there is always a longer lockstep to try).
  const Body body = polite_threads();
  const Exit r = run({"--max-steps", "24"}, body);
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("step limit: 24 steps"), std::string::npos) << r.out;
  const std::vector<std::string> again = replay_args(r.out);
  ASSERT_EQ(again.size(), 4U) << r.out;  // the replay needs the same limit
  EXPECT_EQ(again[0], "--max-steps");
  EXPECT_EQ(again[1], "24");
  const Exit replayed = run(again, body);
  EXPECT_EQ(replayed.code, 1) << replayed.out << replayed.err;
  EXPECT_NE(replayed.out.find("step limit: 24 steps"), std::string::npos) << replayed.out;
}

// A long failure prints 150 of its steps, around the culprit (a step limit of 20000 once wrote
// 20,007 lines into the test log); --replay prints every step.
TEST(ModelTestMain, ALongFailureShowsAWindowOfItsStepsAndTheReplayShowsThemAll) {
  const Body body = [] {
    for (int i = 0; i < 400; ++i) sync::this_thread::yield("step");
    model::check(false, "the end is wrong");
  };
  const Exit r = run({}, body);
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.out.find(" to 401 of 401 shown; --replay prints them all)\n"), std::string::npos)
      << r.out.substr(0, 2000);
  EXPECT_LT(std::count(r.out.begin(), r.out.end(), '\n'), 200);
  EXPECT_NE(r.out.find("the end is wrong"), std::string::npos);
  const Exit replayed = run(replay_args(r.out), body);
  EXPECT_EQ(replayed.code, 1);
  EXPECT_GT(std::count(replayed.out.begin(), replayed.out.end(), '\n'), 400);
}

// A waiter and the thread that sets its condition, under one mutex. `recheck`: the waiter waits
// until the condition holds (correct); otherwise it waits once and takes any wake-up for the
// condition, the bug only a wake-up without a notify shows.
Body waiter_and_setter(bool recheck) {
  return [recheck] {
    struct Shared {
      sync::mutex m{"m"};
      sync::condition_variable cv{"cv"};
      bool ready = false;  // guarded by m
    };
    auto s = std::make_shared<Shared>();
    model::keep_until_end(s);
    sync::thread waiter("waiter", [s, recheck] {
      sync::unique_lock<sync::mutex> lk(s->m);
      if (recheck) {
        s->cv.wait(lk, [&] { return s->ready; });
      } else if (!s->ready) {
        s->cv.wait(lk);
      }
      model::check(s->ready, "the waiter woke with ready still false");
    });
    sync::thread setter("setter", [s] {
      {
        sync::lock_guard<sync::mutex> g(s->m);
        s->ready = true;
      }
      s->cv.notify_one();
    });
    waiter.join();
    setter.join();
  };
}

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
  // A spurious wake-up taken: dpor's gap is noted, and the safe line does not overclaim.
  EXPECT_NE(one.out.find("(every interleaving, but for the note's gap), no violation\nnote: a "
                         "thread woke spuriously"),
            std::string::npos)
      << one.out;
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
