// racelab check --shard I/K, --jobs N and racelab merge, end to end: the parts of K = 1, 2, 3, 7
// written as JSON files and merged equal --jobs 1 (and --jobs 2), field by field, for dfs,
// random and pct (dpor is refused: its cut is not sound yet) on a buggy and a fixed implementation; bad input is one line and exit 2.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "run_command.hpp"

namespace racelab::cli::testing {
namespace {

using nlohmann::json;

// Every field of the report but the ones that say what this run cost.
json comparable(json j) {
  j.erase("runs");
  j.erase("shrink_runs");  // each part shrinks its own witnesses: the sum is not one run's
  j.erase("elapsed_ms");
  return j;
}

// The part files one test writes, removed when the test ends (a run leaves nothing in /tmp).
class TempFiles {
 public:
  TempFiles() = default;
  TempFiles(const TempFiles&) = delete;
  TempFiles& operator=(const TempFiles&) = delete;
  ~TempFiles() {
    for (const std::string& p : paths_) std::remove(p.c_str());
  }
  std::string add(const std::string& name, const std::string& text) {
    const std::string path =
        ::testing::TempDir() + "racelab-shard-" + std::to_string(::getpid()) + "-" + name + ".json";
    std::ofstream(path) << text;
    paths_.push_back(path);
    return path;
  }

 private:
  std::vector<std::string> paths_;
};

struct Case {
  std::string name;
  std::vector<std::string> args;  // after "check"
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class ShardedCheck : public ::testing::TestWithParam<Case> {};

TEST_P(ShardedCheck, PartsMergedEqualOneJobAndTwoJobs) {
  std::vector<std::string> base = {"check"};
  base.insert(base.end(), GetParam().args.begin(), GetParam().args.end());
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> a = base;
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
  };
  const auto one = run_racelab(with({"--jobs", "1", "--json"}));
  ASSERT_LE(one.exit_code, 1) << one.err;
  const json whole = comparable(json::parse(one.out));
  TempFiles files;
  EXPECT_FALSE(whole.contains("shard"));
  const auto two = run_racelab(with({"--jobs", "2", "--json"}));
  EXPECT_EQ(two.exit_code, one.exit_code) << two.err;
  EXPECT_EQ(comparable(json::parse(two.out)), whole);
  for (int k : {1, 2, 3, 7}) {
    SCOPED_TRACE("K = " + std::to_string(k));
    std::vector<std::string> merge = {"merge"};
    for (int i = k; i >= 1; --i) {  // in any order
      const std::string part = std::to_string(i) + "/" + std::to_string(k);
      const auto r = run_racelab(with({"--shard", part}));
      ASSERT_LE(r.exit_code, 1) << r.err;
      const json j = json::parse(r.out);
      EXPECT_EQ(j["shard"]["index"], i);
      EXPECT_EQ(j["shard"]["count"], k);
      merge.push_back(
          files.add(GetParam().name + std::to_string(i) + "of" + std::to_string(k), r.out));
    }
    merge.push_back("--json");
    const auto m = run_racelab(merge);
    EXPECT_EQ(m.exit_code, one.exit_code) << m.err;
    EXPECT_EQ(comparable(json::parse(m.out)), whole);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Strategies, ShardedCheck,
    ::testing::Values(Case{"DfsNoProxiesBuggy",
                           {"no-proxies", "--impl", "buggy", "--workers", "3", "--strategy", "dfs",
                            "--preemption-bound", "1"}},
                      Case{"DfsNoProxiesFixed",
                           {"no-proxies", "--impl", "fixed", "--workers", "3", "--strategy", "dfs",
                            "--preemption-bound", "1"}},
                      Case{"DfsBuggy",
                           {"concurrent-add", "--impl", "buggy", "--workers", "2", "--strategy",
                            "dfs", "--preemption-bound", "1"}},
                      Case{"RandomBuggy",
                           {"no-proxies", "--impl", "buggy", "--strategy", "random", "--seed", "3",
                            "--max-schedules", "40"}},
                      Case{"PctFixed",
                           {"stale-teardown", "--impl", "fixed", "--workers", "2", "--strategy",
                            "pct", "--max-schedules", "40"}}),
    [](const ::testing::TestParamInfo<Case>& info) { return info.param.name; });

TEST(ShardedCheck, MergedTextReadsLikeACheck) {
  const std::vector<std::string> run = {
      "check", "no-proxies",         "--impl", "buggy",   "--workers", "3", "--strategy",
      "dfs",   "--preemption-bound", "1",      "--shard", "1/1"};
  const auto r = run_racelab(run);
  ASSERT_EQ(r.exit_code, 1) << r.err;
  TempFiles files;
  const auto m = run_racelab({"merge", files.add("text", r.out)});
  EXPECT_EQ(m.exit_code, 1) << m.err;
  EXPECT_NE(m.out.find("strategy dfs"), std::string::npos) << m.out;
  EXPECT_NE(m.out.find("exhaustive"), std::string::npos) << m.out;
  EXPECT_NE(m.out.find("replay:  racelab replay no-proxies --impl buggy --workers 3"),
            std::string::npos)
      << m.out;
}

struct Bad {
  std::vector<std::string> args;
  std::string says;
};

TEST(ShardedCheck, BadInputIsOneLineAndExit2) {
  const std::vector<std::string> check = {"check", "no-proxies", "--impl", "buggy"};
  std::vector<Bad> cases;
  for (const char* s : {"0/2", "3/2", "1/0", "x/y", "1/2/3", "2"}) {
    cases.push_back({{"--shard", s}, "--shard expects I/K"});
  }
  cases.push_back({{"--jobs", "0"}, "--jobs 0 is out of range (accepted: 1..64)"});
  cases.push_back({{"--jobs", "2", "--shard", "1/2"}, "--shard and --jobs exclude each other"});
  cases.push_back({{"--jobs", "2", "--first"}, "--jobs explores everything"});
  cases.push_back({{"--shard", "1/2", "--preemption-bound", "1"}, "needs --strategy dfs"});
  // dpor cannot be cut yet (docs/cli.md, "Both cores, many machines"): refused.
  cases.push_back({{"--jobs", "2"}, "dpor cannot be cut into parts soundly yet"});
  for (const Bad& c : cases) {
    std::vector<std::string> args = check;
    args.insert(args.end(), c.args.begin(), c.args.end());
    const auto r = run_racelab(args);
    EXPECT_EQ(r.exit_code, 2) << c.says;
    EXPECT_EQ(lines_of(r.err).size(), 1u) << r.err;
    EXPECT_NE(r.err.find(c.says), std::string::npos) << r.err;
  }
}

TEST(ShardedCheck, MergeRefusesPartsOfAnotherRunOrAMissingOne) {
  TempFiles files;
  std::vector<std::string> three;
  for (int i = 1; i <= 3; ++i) {
    const auto r =
        run_racelab({"check", "no-proxies", "--impl", "buggy", "--workers", "2", "--strategy",
                     "random", "--max-schedules", "30", "--shard", std::to_string(i) + "/3"});
    three.push_back(files.add("bad" + std::to_string(i), r.out));
  }
  const auto other =
      run_racelab({"check", "no-proxies", "--impl", "fixed", "--workers", "2", "--strategy",
                   "random", "--max-schedules", "30", "--shard", "1/3"});
  const std::string other_file = files.add("other", other.out);
  const auto two_of_three =
      run_racelab({"check", "no-proxies", "--impl", "buggy", "--workers", "2", "--strategy",
                   "random", "--max-schedules", "30", "--shard", "1/2"});
  const std::string of_two = files.add("oftwo", two_of_three.out);
  const std::string not_json = files.add("notjson", "hello");
  const std::vector<Bad> cases = {
      {{three[0], three[1]}, "part 3 of 3 is missing"},
      {{three[0], three[0], three[1], three[2]}, "is given twice"},
      {{other_file, three[1], three[2]}, "is a part of another run: impl"},
      {{of_two, three[1], three[2]}, "is a part of another run: count"},
      {{not_json}, "is not JSON"},
      {{"/nonexistent/part.json"}, "cannot read /nonexistent/part.json (accepted: the"},
  };
  for (const Bad& c : cases) {
    std::vector<std::string> args = {"merge"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    const auto r = run_racelab(args);
    EXPECT_EQ(r.exit_code, 2) << c.says;
    EXPECT_EQ(lines_of(r.err).size(), 1u) << r.err;
    EXPECT_NE(r.err.find(c.says), std::string::npos) << r.err;
  }
}

}  // namespace
}  // namespace racelab::cli::testing
