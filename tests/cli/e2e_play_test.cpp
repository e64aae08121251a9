// racelab play from piped input and from a terminal: a scripted student reaches the seed's goal,
// and the token the session prints replays to the same outcome.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "run_command.hpp"

namespace racelab::cli::testing {
namespace {

// The student's plan: let the request thread (Thread-1) register the user and start the
// workers, then run each worker in turn to its end. The first worker deletes the key; each of
// the other three finds it gone: KeyError ×3, the seed's log. A choice that cannot be made any
// more (the thread finished) is refused with a message and the next line is read, so each
// thread gets more lines than it needs.
std::string seed_log_script() {
  std::string script;
  for (int thread : {1, 2, 3, 4, 5}) {
    for (int i = 0; i < 12; ++i) script += std::to_string(thread) + "\n";
  }
  return script;
}

std::string token_after(const std::string& out, const std::string& label) {
  const auto at = out.find(label);
  if (at == std::string::npos) return "";
  const auto start = at + label.size();
  return out.substr(start, out.find_first_of("\r\n", start) - start);
}

int key_errors(const nlohmann::json& execution) {
  int n = 0;
  for (const auto& v : execution["violations"]) n += v["kind"] == "KeyError";
  return n;
}

TEST(Play, ScriptedStudentReachesTheGoalAndTheTokenReplaysIt) {
  const auto r = run_racelab({"play", "no-proxies", "--impl", "buggy"}, seed_log_script());
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("goal: "), std::string::npos);
  EXPECT_NE(r.out.find("✓ goal reached in "), std::string::npos) << r.out;
  const std::string token = token_after(r.out, "your schedule: ");
  ASSERT_FALSE(token.empty()) << r.out;

  const auto replayed = run_racelab(
      {"replay", "no-proxies", "--impl", "buggy", "--schedule", token, "--format", "json"});
  EXPECT_EQ(replayed.exit_code, 1) << replayed.err;
  const auto j = nlohmann::json::parse(replayed.out);
  EXPECT_EQ(j["schedule"], token);
  EXPECT_EQ(key_errors(j), 3);
  EXPECT_NE(r.out.find("KeyError ×3"), std::string::npos) << r.out;
}

TEST(Play, ShowsEveryThreadsNextOperationAndTheRegistry) {
  const auto r = run_racelab({"play", "no-proxies", "--impl", "buggy"}, "q\n");
  EXPECT_NE(r.out.find("QUEUE_USER"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("next: "), std::string::npos);
  EXPECT_NE(r.out.find("who runs next?"), std::string::npos);
}

TEST(Play, RefusesImpossibleChoicesAndUndoes) {
  const auto r = run_racelab({"play", "no-proxies", "--impl", "buggy"}, "99\nbanana\nu\nq\n");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("'99' is not a thread that can run"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("'banana' is not a thread that can run"), std::string::npos);
  EXPECT_NE(r.out.find("your schedule so far: "), std::string::npos);
}

TEST(Play, EndOfInputStopsWithTheTokenToContinueFrom) {
  const auto r = run_racelab({"play", "no-proxies", "--impl", "buggy"}, "1\n");
  EXPECT_EQ(r.exit_code, 1);
  const std::string token = token_after(r.out, "racelab play no-proxies --impl buggy --schedule ");
  ASSERT_FALSE(token.empty()) << r.out;
  // Continuing from the saved game and finishing the plan reaches the same goal.
  const auto more = run_racelab({"play", "no-proxies", "--impl", "buggy", "--schedule", token},
                                seed_log_script());
  EXPECT_EQ(more.exit_code, 0) << more.out;
}

TEST(Play, HintNamesAThreadThatCanReachTheGoal) {
  const auto r = run_racelab({"play", "no-proxies", "--impl", "buggy"}, "?\nq\n");
  EXPECT_NE(r.out.find("hint: run Thread-"), std::string::npos) << r.out;
}

TEST(Play, WorksOnATerminal) {
  RunSpec spec;
  spec.args = {"play", "no-proxies", "--impl", "buggy"};
  spec.input = seed_log_script();
  spec.terminal = true;
  spec.env = {"TERM=dumb"};
  const auto r = run_racelab(spec);
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("goal reached"), std::string::npos);
}

}  // namespace
}  // namespace racelab::cli::testing
