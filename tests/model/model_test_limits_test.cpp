// run_model_test (racelab/model/model_test.hpp): bad input as one line with exit 2, --strategy,
// --preemption-bound, --max-schedules, --max-steps, and what a long search says on stderr.
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
      {"--replay", "0", "--replay", "1"},  // which one? (was: the last, silently)
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

// A step limit's schedule is as long as the limit: its replay and review commands replay the
// first 200 steps under --max-steps 200, which end in the same violation (new-user trial 9: a
// 20,000-step livelock printed a 30 KB token twice).
TEST(ModelTestMain, AStepLimitIsReplayedByItsFirstStepsNotItsWholeSchedule) {
  const Body body = polite_threads();
  const Exit r = run({"--max-steps", "1000"}, body);
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("step limit: 1000 steps"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("(its schedule is 1000 steps long: the commands replay its first 200, "
                       "which end in the same step limit)\n"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("--replay prints them all"), std::string::npos);
  const std::vector<std::string> again = replay_args(r.out);
  ASSERT_EQ(again.size(), 4U) << r.out;
  EXPECT_EQ(again[0], "--max-steps");
  EXPECT_EQ(again[1], "200");
  EXPECT_EQ(Schedule::parse(again[3]).size(), 200U);
  EXPECT_NE(
      r.out.find("review: ./mine --max-steps 200 --replay " + again[3] + " --format markdown"),
      std::string::npos);
  const Exit replayed = run(again, body);
  EXPECT_EQ(replayed.code, 1) << replayed.out << replayed.err;
  EXPECT_NE(replayed.out.find("step limit: 200 steps"), std::string::npos) << replayed.out;
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

}  // namespace
}  // namespace racelab::model::testing
