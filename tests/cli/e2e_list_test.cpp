// racelab list: every scenario for a person, and the JSON contract for a script; colour only on a
// terminal and never with NO_COLOR.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "run_command.hpp"

namespace racelab::cli::testing {
namespace {

TEST(List, ShowsEveryScenarioWithItsDeclaredVerdicts) {
  const auto r = run_racelab({"list"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.err, "");
  for (const char* id :
       {"no-proxies", "concurrent-add", "stale-teardown", "enqueue-during-teardown"}) {
    EXPECT_NE(r.out.find(id), std::string::npos) << id;
  }
  EXPECT_NE(r.out.find("declared buggy ✗"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find('\033'), std::string::npos) << "colour on a pipe";
}

TEST(List, JsonIsAnArrayOfTheContractsObjects) {
  const auto r = run_racelab({"list", "--json"});
  ASSERT_EQ(r.exit_code, 0);
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_TRUE(j.is_array());
  ASSERT_GE(j.size(), 4u);
  for (const auto& s : j) {
    EXPECT_TRUE(s["id"].is_string());
    EXPECT_TRUE(s["title"].is_string());
    ASSERT_TRUE(s["implementations"].is_array());
    EXPECT_EQ(s["implementations"][0], "buggy");
    for (const auto& impl : s["implementations"]) {
      const auto verdict = s["expected"][impl.get<std::string>()];
      EXPECT_TRUE(verdict == "safe" || verdict == "violation") << verdict;
    }
  }
  EXPECT_EQ(j[0]["id"], "no-proxies");
  EXPECT_EQ(j[0]["expected"]["buggy"], "violation");
  EXPECT_EQ(j[0]["expected"]["fixed"], "safe");
}

TEST(Colour, OnATerminalUnlessNoColor) {
  RunSpec spec;
  spec.args = {"list"};
  spec.terminal = true;
  spec.unset = {"NO_COLOR"};
  spec.env = {"TERM=xterm"};
  EXPECT_NE(run_racelab(spec).out.find("\033["), std::string::npos);
  spec.env = {"TERM=xterm", "NO_COLOR=1"};
  const auto plain = run_racelab(spec);
  EXPECT_EQ(plain.exit_code, 0);
  EXPECT_NE(plain.out.find("no-proxies"), std::string::npos);
  EXPECT_EQ(plain.out.find('\033'), std::string::npos);
}

}  // namespace
}  // namespace racelab::cli::testing
