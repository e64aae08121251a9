// racelab exercises and racelab grade, run as a student or a CI job would. The student's copy
// (course/, exercise/) is whatever the tree holds, so these tests grade the reference
// implementations through --impl where they need a known answer, and otherwise assert only what
// holds for any student code (the shape of the output, exit codes, bad input).
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "run_command.hpp"

namespace racelab::cli::testing {
namespace {

using Json = nlohmann::json;

TEST(Exercises, ListsAtLeastEightInOrderAsJson) {
  const auto r = run_racelab({"exercises", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json j = Json::parse(r.out);
  ASSERT_GE(j.size(), 8U);
  EXPECT_EQ(j[0]["id"], "01-lost-update");
  for (const auto& e : j) {
    EXPECT_FALSE(e["title"].get<std::string>().empty());
    EXPECT_FALSE(e["concepts"].empty());
    EXPECT_EQ(e["hints"], 3);
    if (e["kind"] == "registry") {
      EXPECT_EQ(e["scenarios"].back(), "happy-path") << e["id"];
    }
  }
}

TEST(Exercises, ShowsOneWithItsGoalAndAHintInSpanish) {
  const auto shown = run_racelab({"exercises", "04", "--lang", "es"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_NE(shown.out.find("Objetivo"), std::string::npos) << shown.out;
  const auto hint = run_racelab({"exercises", "lost-wakeup", "--hint", "2"});
  ASSERT_EQ(hint.exit_code, 0) << hint.err;
  EXPECT_NE(hint.out.find("hint 2 of 3"), std::string::npos) << hint.out;
  RunSpec spanish;
  spanish.args = {"exercises", "04", "--hint", "2"};
  spanish.env = {"LANG=es_ES.UTF-8"};
  spanish.unset = {"LC_ALL", "LC_MESSAGES"};
  EXPECT_NE(run_racelab(spanish).out.find("pista 2 de 3"), std::string::npos);
}

TEST(Grade, RegistryStartingCodeFailsAndTheSolutionPasses) {
  const auto start = run_racelab({"grade", "05-seed", "--impl", "buggy"});
  EXPECT_EQ(start.exit_code, 1) << start.out << start.err;
  EXPECT_NE(start.out.find("racelab replay no-proxies --impl buggy --schedule"), std::string::npos)
      << start.out;
  const auto solution = run_racelab({"grade", "08", "--impl", "complete"});
  EXPECT_EQ(solution.exit_code, 0) << solution.out << solution.err;
  EXPECT_NE(solution.out.find("5/5"), std::string::npos) << solution.out;
  EXPECT_NE(solution.out.find("racelab stress enqueue-during-teardown --impl exercise"),
            std::string::npos)
      << "a passing grade says how to confirm it on real threads";
}

TEST(Grade, JsonAndJUnitAgree) {
  const std::string junit = ::testing::TempDir() + "racelab-grade-junit.xml";
  const auto r = run_racelab({"grade", "07", "--impl", "fixed", "--json", "--junit", junit});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const Json j = Json::parse(r.out);
  EXPECT_EQ(j["exercise"], "07-stale-teardown");
  EXPECT_EQ(j["passed"], false);
  EXPECT_EQ(j["score"]["total"], 4);
  std::size_t failing = 0;
  for (const auto& c : j["checks"]) {
    if (c["passed"] == false) {
      ++failing;
      EXPECT_FALSE(c["found"].empty());
      EXPECT_TRUE(c["replay"].is_string());
    }
  }
  EXPECT_EQ(j["checks"][2]["name"], "stale-teardown");
  EXPECT_EQ(j["checks"][2]["passed"], false) << "the seed's fix misses stale-teardown";
  std::ifstream in(junit);
  std::stringstream xml;
  xml << in.rdbuf();
  EXPECT_NE(xml.str().find("failures=\"" + std::to_string(failing) + "\""), std::string::npos)
      << xml.str();
  EXPECT_NE(xml.str().find("<testcase classname=\"07-stale-teardown\" name=\"stale-teardown\">"),
            std::string::npos);
  // The failure's message names what was found, not only the check (a CI page lists messages).
  const std::string found = j["checks"][2]["found"][0];
  EXPECT_NE(xml.str().find(" — found: " + found), std::string::npos) << xml.str();
  std::remove(junit.c_str());
}

TEST(Grade, BadInputIsOneLineAndExitTwo) {
  for (const std::vector<std::string>& args : {std::vector<std::string>{"grade", "nope"},
                                               {"grade"},
                                               {"grade", "01", "--impl", "complete"},
                                               {"grade", "05", "--impl", "frob"},
                                               {"grade", "05", "--lang", "fr"},
                                               {"exercises", "01", "--hint", "4"},
                                               {"exercises", "--hint", "1"},
                                               {"exercises", "01", "--hint", "x"}}) {
    const auto r = run_racelab(args);
    EXPECT_EQ(r.exit_code, 2) << args[1];
    EXPECT_EQ(lines_of(r.err).size(), 1U) << r.err;
    EXPECT_EQ(r.err.rfind("racelab: error: ", 0), 0U) << r.err;
  }
}

// New-user trial 7: an unwritable --junit path was found only after grading (exit 3, a full
// grade printed). It is bad input: refused before anything runs; /dev/full (opens, cannot be
// written) still fails after, with exit 3.
TEST(Grade, UnwritableJUnitPathIsRefusedBeforeGrading) {
  const auto r = run_racelab({"grade", "01", "--junit", "/nonexistent/x.xml"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "racelab: error: cannot write '/nonexistent/x.xml' (accepted: a writable file path)\n");
  EXPECT_EQ(r.out, "");
  const auto full = run_racelab({"grade", "01", "--junit", "/dev/full"});
  EXPECT_EQ(full.exit_code, 3) << full.err;
  EXPECT_EQ(full.err, "racelab: error: the report could not be written to '/dev/full'\n");
}

}  // namespace
}  // namespace racelab::cli::testing
