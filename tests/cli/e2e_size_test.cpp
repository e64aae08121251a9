// --workers and --requests on check, replay, play and stress; --budget and the estimate before
// an exhaustive check. The replay commands racelab prints carry the size, so they replay.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "run_command.hpp"

namespace racelab::cli::testing {
namespace {

void expect_one_line_error(const CommandResult& r, const std::string& says) {
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  ASSERT_EQ(lines_of(r.err).size(), 1u) << r.err;
  EXPECT_NE(r.err.find(says), std::string::npos) << r.err;
}

// The text after `prefix` up to the end of its line.
std::string line_after(const std::string& out, const std::string& prefix) {
  const auto at = out.find(prefix);
  if (at == std::string::npos) return "";
  const auto start = at + prefix.size();
  return out.substr(start, out.find('\n', start) - start);
}

TEST(Size, CheckAtThreeWorkersSaysSoAndItsReplayCommandReplays) {
  const auto r = run_racelab({"check", "no-proxies", "--impl", "buggy", "--workers", "3"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("no-proxies — 1 request, 3 workers, 0 proxies"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("all 21 traces"), std::string::npos) << r.out;
  const std::string cmd = line_after(r.out, "   replay:  racelab ");
  ASSERT_NE(cmd.find("replay no-proxies --impl buggy --workers 3 --schedule "), std::string::npos)
      << r.out;
  // Run exactly what was printed: it fits at 3 workers, and not at the default 4.
  std::vector<std::string> args;
  std::string word;
  for (char c : cmd + " ") {
    if (c == ' ') {
      if (!word.empty()) args.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  const auto again = run_racelab(args);
  EXPECT_EQ(again.exit_code, 1) << again.err;
  EXPECT_NE(again.out.find("KeyError"), std::string::npos);
  EXPECT_NE(again.out.find("--workers 3 --schedule"), std::string::npos)
      << "replay's own commands keep the size";
  std::vector<std::string> at_four;
  for (const auto& a : args) {
    if (a != "--workers" && a != "3") at_four.push_back(a);
  }
  EXPECT_EQ(run_racelab(at_four).exit_code, 2) << "a 3-worker token does not fit 4 workers";
}

TEST(Size, JsonCarriesTheSize) {
  auto r = run_racelab({"check", "concurrent-add", "--impl", "fixed", "--workers", "2",
                        "--requests", "3", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["workers"], 2);
  EXPECT_EQ(j["requests"], 3);
  r = run_racelab({"check", "no-proxies", "--impl", "fixed", "--json"});
  j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["workers"], 4) << "the seed's size, said";
  EXPECT_FALSE(j.contains("requests")) << "no-proxies has no variable number of requests";
  ASSERT_TRUE(j.contains("estimate"));
  EXPECT_EQ(j["estimate"]["counted"], nlohmann::json({2, 6})) << "exact at 2 and 3 workers";
  EXPECT_EQ(j["estimate"]["extrapolated_traces"], 18) << "6 × 6/2: two counts, constant ratio";
  EXPECT_FALSE(j["estimate"].contains("schedules")) << "no probes for dpor without --budget";
  j = nlohmann::json::parse(run_racelab({"check", "no-proxies", "--impl", "fixed", "--strategy",
                                         "dfs", "--workers", "2", "--json"})
                                .out);
  EXPECT_GT(j["estimate"]["schedules"].get<double>(), 0) << "dfs: Knuth's probes";
  const auto two =
      run_racelab({"check", "no-proxies", "--impl", "buggy", "--workers", "2", "--json"});
  const std::string token = nlohmann::json::parse(two.out)["schedule"];
  const auto replayed = run_racelab({"replay", "no-proxies", "--impl", "buggy", "--workers", "2",
                                     "--schedule", token, "--format", "json"});
  ASSERT_EQ(replayed.exit_code, 1) << replayed.err;
  EXPECT_EQ(nlohmann::json::parse(replayed.out)["workers"], 2);
}

TEST(Size, PlayAndStressTakeIt) {
  const auto p = run_racelab({"play", "no-proxies", "--impl", "buggy", "--workers", "2"}, "q\n");
  EXPECT_NE(p.out.find("racelab play no-proxies --impl buggy --workers 2"), std::string::npos)
      << p.out;
  EXPECT_NE(p.out.find("1 request, 2 workers, 0 proxies"), std::string::npos);
  const auto s = run_racelab(
      {"stress", "no-proxies", "--impl", "fixed", "--workers", "2", "--trials", "3", "--json"});
  ASSERT_EQ(s.exit_code, 0) << s.err;
  EXPECT_EQ(nlohmann::json::parse(s.out)["workers"], 2);
}

TEST(Size, BadValuesExitTwoWithOneLine) {
  for (const char* cmd : {"check", "stress", "play"}) {
    expect_one_line_error(run_racelab({cmd, "no-proxies", "--impl", "buggy", "--workers", "1"}),
                          "--workers 1 is out of range (accepted: 2..16)");
  }
  expect_one_line_error(run_racelab({"replay", "no-proxies", "--impl", "buggy", "--workers", "99",
                                     "--schedule", "0"}),
                        "--workers 99 is out of range (accepted: 2..16)");
  expect_one_line_error(run_racelab({"check", "no-proxies", "--impl", "buggy", "--workers", "x"}),
                        "--workers expects a whole number from 2 to 16, got 'x'");
  expect_one_line_error(run_racelab({"check", "no-proxies", "--impl", "buggy", "--requests", "3"}),
                        "--requests applies to concurrent-add only");
  expect_one_line_error(run_racelab({"check", "concurrent-add", "--impl", "buggy", "--workers",
                                     "16", "--requests", "8"}),
                        "starts up to 137 threads (accepted: at most 64, the model's limit)");
  expect_one_line_error(run_racelab({"check", "no-proxies", "--impl", "buggy", "--budget", "10x"}),
                        "--budget expects a time such as 500ms, 10s, 2m or 1h, got '10x'");
  expect_one_line_error(run_racelab({"check", "no-proxies", "--impl", "buggy", "--budget", "0s"}),
                        "--budget 0s is out of range (accepted: 1ms..24h)");
  // Where nothing is exhaustive the budget chose nothing: refused, not silently ignored.
  for (const std::vector<std::string>& extra : {std::vector<std::string>{"--strategy", "random"},
                                                {"--strategy", "pct"},
                                                {"--preemption-bound", "2"}}) {
    std::vector<std::string> args = {"check", "no-proxies", "--impl", "buggy", "--budget", "1s"};
    args.insert(args.end(), extra.begin(), extra.end());
    expect_one_line_error(run_racelab(args),
                          "--budget applies to an exhaustive --strategy dpor or dfs run");
  }
}

TEST(Budget, AnExhaustiveRunEstimatedOverItSamplesAndSaysNotAProof) {
  const auto r = run_racelab(
      {"check", "no-proxies", "--impl", "buggy", "--workers", "8", "--max-schedules", "40"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("strategy random · sampled 40 schedules (seed 0) in "), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("(estimated ≈2,500,000 traces; not a proof)"), std::string::npos) << r.out;
  const auto j =
      nlohmann::json::parse(run_racelab({"check", "no-proxies", "--impl", "fixed", "--workers", "8",
                                         "--max-schedules", "40", "--json"})
                                .out);
  EXPECT_EQ(j["strategy"], "random");
  EXPECT_EQ(j["fell_back_from"], "dpor");
  EXPECT_EQ(j["complete"], false);
  EXPECT_EQ(j["schedules"], 40);
  EXPECT_EQ(j["estimate"]["counted"], nlohmann::json({2, 6, 24}));
  EXPECT_EQ(j["estimate"]["extrapolated_traces"], 40320);
}

TEST(Budget, ATimeBudgetFarTooSmallSamplesToo) {
  // 8 workers, about 40,000 traces of fixed; no machine runs them in a millisecond.
  const auto r =
      run_racelab({"check", "no-proxies", "--impl", "fixed", "--workers", "8", "--budget", "1ms"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("(estimated ≈40,000 traces; not a proof)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("not a proof: the exhaustive run is over the budget"), std::string::npos);
}

TEST(Budget, WithinItTheProofRunsAndTheEstimateIsSaid) {
  const auto r = run_racelab(
      {"check", "no-proxies", "--impl", "fixed", "--workers", "5", "--max-schedules", "1000"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("exhaustive: all 120 traces"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("estimated beforehand: ≈120 traces (extrapolated from the exact counts "
                       "at 2-4 workers: 2, 6, 24)"),
            std::string::npos)
      << r.out;
}

// A search estimated to take days says so on stderr before it starts, with no terminal (a CI
// log): it was silent (new-user trial 9). The run is killed once that line is read: without it,
// it would run for days (and the test would fail at run_racelab's minute).
TEST(LongSearch, AnExhaustiveRunOfDaysSaysSoBeforeItStarts) {
  RunSpec spec;
  spec.args = {"check", "no-proxies", "--impl", "buggy", "--strategy", "dfs"};
  spec.kill_after_stderr_line = true;
  const auto r = run_racelab(spec);
  EXPECT_EQ(r.exit_code, 128 + 9) << r.err;  // killed by SIGKILL after the line, as asked
  EXPECT_EQ(r.out, "");
  ASSERT_FALSE(lines_of(r.err).empty());
  const std::string line = lines_of(r.err).front();
  EXPECT_EQ(line.rfind("racelab: an exhaustive dfs search of ≈", 0), 0u) << line;
  EXPECT_NE(line.find(" schedules (estimated, about "), std::string::npos) << line;
  EXPECT_NE(line.find("--budget 10s or --max-schedules N samples instead (not a proof)"),
            std::string::npos)
      << line;
}

// dpor's time: its extrapolated traces at the time per run of the smaller sizes it counted (it
// said no time at all: new-user trial 10).
TEST(LongSearch, ALongDporRunSaysHowLongAndNamesSymmetryAndFirst) {
  RunSpec spec;
  spec.args = {"check", "no-proxies", "--impl", "buggy", "--workers", "10"};
  spec.kill_after_stderr_line = true;
  const auto r = run_racelab(spec);
  EXPECT_EQ(r.exit_code, 128 + 9) << r.err;
  ASSERT_FALSE(lines_of(r.err).empty());
  const std::string line = lines_of(r.err).front();
  EXPECT_EQ(line.rfind("racelab: an exhaustive dpor search of ≈", 0), 0u) << line;
  EXPECT_NE(line.find(" traces (estimated, about "), std::string::npos) << line;
  EXPECT_NE(line.find(" at this machine's pace) starts now"), std::string::npos) << line;
  EXPECT_NE(line.find("--symmetry runs one interleaving per class"), std::string::npos) << line;
  EXPECT_NE(line.find("--first stops at the first violation, if there is one"), std::string::npos)
      << line;
}

TEST(LongSearch, EachPartOfASplitRunIsEstimatedToo) {
  RunSpec spec;
  spec.args = {"check", "no-proxies", "--impl", "buggy", "--strategy",
               "dfs",   "--shard",    "1/2",    "--json"};
  spec.kill_after_stderr_line = true;
  const auto r = run_racelab(spec);
  ASSERT_FALSE(lines_of(r.err).empty());
  EXPECT_NE(lines_of(r.err).front().find(" schedules in each part (estimated, about "),
            std::string::npos)
      << r.err;
}

// A short one says nothing on stderr (the estimate is still under the coverage line).
TEST(LongSearch, AShortRunSaysNothingBeforehand) {
  const auto r = run_racelab(
      {"check", "no-proxies", "--impl", "fixed", "--strategy", "dfs", "--workers", "2"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
}

}  // namespace
}  // namespace racelab::cli::testing
