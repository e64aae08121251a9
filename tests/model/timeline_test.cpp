// render_timeline(): one column per thread, step numbers, source lines, ✗ where it failed.
#include <gtest/gtest.h>

#include <sstream>

#include "programs.hpp"

namespace racelab::model::testing {
namespace {

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

TEST(Timeline, OneColumnPerThreadWithSourceAndMarks) {
  const Execution e = replay("0.1x2.0x2", raises_key_error());
  const std::string text = render_timeline(e);
  const auto ls = lines(text);
  ASSERT_GE(ls.size(), 8u) << text;
  EXPECT_EQ(ls[0].rfind("step  MainThread", 0), 0u) << ls[0];
  EXPECT_NE(ls[0].find("Thread-1 (worker)"), std::string::npos);
  EXPECT_NE(ls[0].find("source"), std::string::npos);
  // Step 2 is the worker's: its cell sits in the second column, after MainThread's.
  const auto worker_col = ls[0].find("Thread-1 (worker)");
  EXPECT_EQ(ls[3].find("read proxy pool"), worker_col) << ls[3];
  EXPECT_NE(ls[3].find("model/programs.hpp:"), std::string::npos);
  EXPECT_NE(ls[4].find("✗ KeyError: 'GCCDianaramirez'"), std::string::npos) << ls[4];
  EXPECT_NE(text.find("✗ step 3 · Thread-1 (worker) · KeyError: 'GCCDianaramirez'"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("schedule 0.1x2.0x2"), std::string::npos);
}

TEST(Timeline, LongCellsAreCutWithAnEllipsis) {
  Execution e;
  e.trace.threads = {"MainThread"};
  Step s;
  s.kind = OpKind::read;
  s.object = "QUEUE_USER";
  s.detail = "a label far too long to fit in any column";
  s.value = "present";
  s.file = "buggy/registry.cpp";
  s.line = 41;
  e.trace.steps = {s};
  const std::string text = render_timeline(e);
  EXPECT_NE(text.find("read QUEUE_USER: a label far…"), std::string::npos) << text;
  EXPECT_EQ(text.find("far too long to fit"), std::string::npos);
}

TEST(Timeline, ViolationsAtTheEndAreListed) {
  Execution e;
  e.trace.threads = {"MainThread"};
  e.violations = {Violation{Outcome::deadlock, "deadlock", "", "deadlock: x", -1}};
  EXPECT_NE(render_timeline(e).find("✗ at the end · deadlock: x"), std::string::npos);
}

TEST(Names, StrategiesRoundTrip) {
  for (Strategy s : {Strategy::dpor, Strategy::dfs, Strategy::random, Strategy::pct,
                     Strategy::replay}) {
    EXPECT_EQ(parse_strategy(to_string(s)), s);
  }
  EXPECT_EQ(parse_strategy("bfs"), std::nullopt);
  EXPECT_EQ(to_string(Outcome::data_race), "data race");
}

}  // namespace
}  // namespace racelab::model::testing
