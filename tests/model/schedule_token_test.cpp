// The replay token's grammar, <thread>[x<steps>] runs joined by dots, and the Schedule value.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "racelab/model/schedule.hpp"

namespace racelab::model {
namespace {

std::vector<int> parse_schedule(const std::string& token) { return Schedule::parse(token).steps(); }
std::string format_schedule(std::vector<int> steps) { return Schedule(std::move(steps)).str(); }

TEST(ScheduleToken, ParsesRuns) {
  EXPECT_EQ(parse_schedule("0x4.1x3.2x3"), (std::vector<int>{0, 0, 0, 0, 1, 1, 1, 2, 2, 2}));
  EXPECT_EQ(parse_schedule("0x2.2.1x2"), (std::vector<int>{0, 0, 2, 1, 1}));
  EXPECT_EQ(parse_schedule("12"), (std::vector<int>{12}));
  EXPECT_TRUE(parse_schedule("").empty());
}

TEST(ScheduleToken, FormatsCanonically) {
  EXPECT_EQ(format_schedule(std::vector<int>{0, 0, 0, 0, 1, 1, 1, 2, 2, 2}), "0x4.1x3.2x3");
  EXPECT_EQ(format_schedule(std::vector<int>{0, 0, 2, 1, 1}), "0x2.2.1x2");
  EXPECT_EQ(format_schedule(std::vector<int>{}), "");
  // Non-canonical input (split runs) parses to the same steps as its canonical form.
  EXPECT_EQ(format_schedule(parse_schedule("0x2.0x2.1")), "0x4.1");
}

TEST(Schedule, GrowsAndShrinksAndComparesAsAValue) {
  Schedule s;
  EXPECT_TRUE(s.empty());
  s.push(0);
  EXPECT_EQ(s.str(), "0");
  s.push(0);
  EXPECT_EQ(s.str(), "0x2");
  s.push(1);
  EXPECT_EQ(s.str(), "0x2.1");
  EXPECT_EQ(s.size(), 3u);
  EXPECT_EQ(s, Schedule::parse("0.0x1.1"));  // equal values, whatever the spelling
  EXPECT_NE(s, Schedule::parse("0x2"));
  s.pop();
  EXPECT_EQ(s.str(), "0x2");
  s.pop();
  s.pop();
  s.pop();  // nothing left to take back: stays empty
  EXPECT_EQ(s.str(), "");
  EXPECT_EQ(Schedule::parse("0.1x3.0").steps(), (std::vector<int>{0, 1, 1, 1, 0}));
  EXPECT_THROW(Schedule::parse("0x"), std::invalid_argument);
}

std::string error_of(const std::string& token) {
  try {
    parse_schedule(token);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "(accepted)";
}

// A token as it is pasted from a terminal or a document: a stray blank or newline around it, or
// the quotes of the command it was shown in (new-user trial 10: `"5x3 " is not <thread>…`).
TEST(ScheduleToken, ReadsATokenAsPasted) {
  const std::vector<int> steps = Schedule::parse("0x2.1").steps();
  for (const char* pasted :
       {" 0x2.1", "0x2.1 ", "\t0x2.1\n", "'0x2.1'", "\"0x2.1\"", "`0x2.1`", " '0x2.1' "}) {
    EXPECT_EQ(Schedule::parse(pasted).steps(), steps) << pasted;
  }
  EXPECT_TRUE(Schedule::parse("''").empty());
  EXPECT_TRUE(Schedule::parse("  ").empty());
}

TEST(ScheduleToken, RejectsMalformedTokensNamingTheBadPart) {
  EXPECT_EQ(error_of("0x4.zz"),
            "bad schedule token \"0x4.zz\": \"zz\" is not <thread>[x<steps>]; expected e.g. "
            "0x4.1x3.2x3");
  EXPECT_EQ(error_of("1x0"),
            "bad schedule token \"1x0\": \"1x0\": a run needs at least 1 step; expected e.g. "
            "0x4.1x3.2x3");
  EXPECT_EQ(error_of("0x4..1"),
            "bad schedule token \"0x4..1\": empty part between dots at character 5; expected e.g. "
            "0x4.1x3.2x3");
  EXPECT_NE(error_of(".1").find("it starts with a dot"), std::string::npos);
  EXPECT_NE(error_of("1.").find("it ends with a dot"), std::string::npos);
  EXPECT_NE(error_of("-1").find("\"-1\" is not <thread>[x<steps>]"), std::string::npos);
  EXPECT_NE(error_of("0xx2").find("\"0xx2\" is not"), std::string::npos);
  EXPECT_NE(error_of("0x").find("\"0x\" is not"), std::string::npos);
  EXPECT_NE(error_of("0x2 .1").find("\"0x2 \" is not"), std::string::npos);  // inside: wrong
  EXPECT_NE(error_of("'0x2\"").find("is not <thread>[x<steps>]"), std::string::npos);  // unmatched
  EXPECT_NE(error_of("0x99999999").find("more than 10000000 steps"), std::string::npos);
}

}  // namespace
}  // namespace racelab::model
