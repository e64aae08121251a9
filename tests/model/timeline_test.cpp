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
  ASSERT_GE(ls.size(), 7u) << text;
  EXPECT_EQ(ls[0].rfind("  step  MainThread", 0), 0u) << ls[0];
  const auto worker_col = ls[0].find("Thread-1");
  ASSERT_NE(worker_col, std::string::npos);
  EXPECT_EQ(ls[1].find("(worker)"), worker_col) << ls[1];  // the role under the name
  // Step 2 is the worker's: its cell starts in the worker's column, with its source after it.
  EXPECT_EQ(ls[3].find("read proxy pool"), worker_col) << ls[3];
  EXPECT_NE(ls[3].find("model/programs.hpp:"), std::string::npos);
  // Step 3: the exception escapes the worker, marked where it happens and said once.
  EXPECT_EQ(ls[4].find("✗ KeyError: 'GCCDianaramirez'"), worker_col) << ls[4];
  EXPECT_EQ(text.find("KeyError", text.find("KeyError") + 1), std::string::npos) << text;
  EXPECT_EQ(ls.back(), "schedule 0.1x2.0x2");
}

TEST(Timeline, ARaceIsMarkedAtItsStepWithItsMessageBelow) {
  Execution e;
  e.trace.threads = {"MainThread", "Thread-1 (worker)"};
  Step read;
  read.thread = 1;
  read.kind = OpKind::read;
  read.object = "QUEUE_USER";
  read.detail = "a label far too long to fit in any column of the timeline";
  read.value = "present";
  read.file = "buggy/registry.cpp";
  read.line = 41;
  e.trace.steps = {read};
  e.violations = {
      Violation{Outcome::data_race, "data-race", "Thread-1 (worker)", "data race: x", 0, {}}};
  const auto ls = lines(render_timeline(e));
  ASSERT_EQ(ls.size(), 4u);
  // A row holds one step, so the cell runs on whole past its column.
  EXPECT_NE(ls[2].find("✗ read QUEUE_USER: a label far too long to fit in any column of the "
                       "timeline → present   buggy/registry.cpp:41"),
            std::string::npos)
      << ls[2];
  EXPECT_EQ(ls[3].find("✗ data race: x"), ls[2].find("✗ read"));
}

TEST(Timeline, ViolationsAtTheEndAreListed) {
  Execution e;
  e.trace.threads = {"MainThread"};
  e.violations = {Violation{Outcome::deadlock, "deadlock", "", "deadlock: x", -1, {}}};
  EXPECT_NE(render_timeline(e).find("   end  ✗ deadlock: x"), std::string::npos);
}

TEST(Timeline, StyleHooksDrawTheMarkedPartsAndARangeMarksWhatIsLeftOut) {
  const Execution e = replay("0.1x2.0x2", raises_key_error());
  TimelineOptions o;
  o.style.violation = [](const std::string& t) { return "<" + t + ">"; };
  o.style.heading = [](const std::string& t) { return "[" + t + "]"; };
  o.first = 1;
  o.last = 3;
  o.schedule_line = false;
  const std::string text = render_timeline(e, o);
  EXPECT_EQ(text.rfind("[  step  MainThread", 0), 0u) << text;
  EXPECT_NE(text.find("<✗ KeyError: 'GCCDianaramirez'>"), std::string::npos) << text;
  EXPECT_EQ(text.find("     1  "), std::string::npos) << text;    // step 1 left out ...
  EXPECT_NE(text.find("\n     …\n"), std::string::npos) << text;  // ... and marked
  EXPECT_NE(text.find("     3  "), std::string::npos) << text;
  EXPECT_EQ(text.find("     4  "), std::string::npos) << text;
  EXPECT_EQ(text.find("schedule"), std::string::npos) << text;
}

TEST(Names, StrategiesRoundTrip) {
  for (Strategy s :
       {Strategy::dpor, Strategy::dfs, Strategy::random, Strategy::pct, Strategy::replay}) {
    EXPECT_EQ(parse_strategy(to_string(s)), s);
  }
  EXPECT_EQ(parse_strategy("bfs"), std::nullopt);
  EXPECT_EQ(to_string(Outcome::data_race), "data race");
}

}  // namespace
}  // namespace racelab::model::testing
