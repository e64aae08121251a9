// racelab play --level N: the course's exercises as games, played from piped input. Each move
// sequence below is a known schedule of the level's starting code (the token it ends with is
// checked too), so a change in the engine's step order shows up here first.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "run_command.hpp"

namespace racelab::cli::testing {
namespace {

CommandResult level(int n, const std::string& moves, const std::vector<std::string>& extra = {},
                    const std::vector<std::string>& env = {}) {
  RunSpec spec;
  spec.args = {"play", "--level", std::to_string(n)};
  spec.args.insert(spec.args.end(), extra.begin(), extra.end());
  spec.input = moves;
  spec.env = {"LANG=C.UTF-8"};  // English unless a test asks otherwise (later ones win)
  spec.env.insert(spec.env.end(), env.begin(), env.end());
  spec.unset = {"LC_ALL", "LC_MESSAGES"};
  return run_racelab(spec);
}

// Level 1, lost update: Thread-1 reads 0, Thread-2 starts and reads 0, both write 1; then each
// thread exits and MainThread's check finds total() == 1.
const char* kLostUpdate = "1\n0\n2\n1\n2\n1\n2\n";

TEST(PlayLevels, WinningLevelOnePrintsTheDebriefAndTheNextLevel) {
  const auto r = level(1, kLostUpdate);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("level 1 of 8 · 01-lost-update"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("goal: make two hits count as one"), std::string::npos);
  EXPECT_NE(r.out.find("✗ total() == 2 after two hits"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("✓ goal reached in 11 steps"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("your schedule: 0.1.0.2.1.2.1.2.0x4"), std::string::npos) << r.out;
  const auto learned = r.out.find("What you learned");
  ASSERT_NE(learned, std::string::npos) << r.out;
  // The debrief is the exercise's (course/01-lost-update/README.md, embedded by src/course).
  EXPECT_GT(r.out.find("You met the **lost update**"), learned);
  EXPECT_NE(r.out.find("next level: racelab play --level 2"), std::string::npos);
}

TEST(PlayLevels, AMoveThatClosesTheGoalOffIsSaid) {
  // Thread-1 reads and writes back before Thread-2 even starts: no update can be lost any more.
  const auto r = level(1, "1\n1\nq\n");
  EXPECT_EQ(r.exit_code, 1);
  const auto unreachable = r.out.find("✗ the goal is now unreachable");
  ASSERT_NE(unreachable, std::string::npos) << r.out;
  EXPECT_GT(unreachable, r.out.find("write visits: write → 1"));
  EXPECT_NE(r.out.find("u undoes your last choice"), std::string::npos);
  EXPECT_EQ(r.out.find("goal is now unavoidable"), std::string::npos);
}

TEST(PlayLevels, AMoveThatMakesTheGoalCertainIsSaid) {
  const auto r = level(1, "1\n0\n2\nq\n");
  const auto unavoidable = r.out.find("✓ the goal is now unavoidable");
  ASSERT_NE(unavoidable, std::string::npos) << r.out;
  EXPECT_GT(unavoidable, r.out.rfind("read visits: read → 0")) << "said after Thread-2's read";
  EXPECT_EQ(r.out.find("unreachable"), std::string::npos) << r.out;
}

TEST(PlayLevels, TheHintNamesTheLostUpdate) {
  // Both requests started, Thread-1 has read visits: the hint explains why Thread-2's read
  // matters, from the dependence of the two threads' next steps, and what Thread-1's write would
  // do instead.
  const auto r = level(1, "1\n0\n?\nq\n");
  EXPECT_NE(r.out.find("hint: run Thread-2 (request) — it reads visits while Thread-1 (request) "
                       "has read visits and not written it back yet: both will write a value "
                       "decided from the same old one, and one write will overwrite the other — "
                       "one update is lost"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("from there the goal is certain"), std::string::npos);
  EXPECT_NE(r.out.find("Thread-1 (request) instead: it changes visits (write visits: write) "
                       "before Thread-2 (request) reads it"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("that choice closes the goal off"), std::string::npos);
  EXPECT_NE(r.out.find("level tip: visits_ = visits_ + 1 is a read, then a write"),
            std::string::npos);
}

TEST(PlayLevels, TheSourcePanelShowsTheLineEachThreadRunsNext) {
  const auto r = level(1, "1\nq\n");
  EXPECT_NE(r.out.find("next: write visits: write"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("01-lost-update/page_counter.hpp:16"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("▶ 16  │ void hit() { visits_ = visits_ + 1; }"), std::string::npos)
      << r.out;
}

TEST(PlayLevels, LevelsTwoToFourAreWonByTheirBug) {
  // 02: both callers read config == nullptr, both load. 03: each transfer takes its first lock.
  // 04: the waiter reads has_letter == false; the poster posts, notifies nobody and ends; the
  // waiter waits for a notify that already happened.
  const auto lazy = level(2, "1\n0\n2\n1\n1\n2\n2\n1\n2\n");
  EXPECT_EQ(lazy.exit_code, 0) << lazy.out;
  EXPECT_NE(lazy.out.find("the configuration is loaded exactly once"), std::string::npos);
  const auto deadlock = level(3, "0\n1\n2\n");
  EXPECT_EQ(deadlock.exit_code, 0) << deadlock.out;
  EXPECT_NE(deadlock.out.find("outcome: deadlock"), std::string::npos) << deadlock.out;
  const auto wakeup = level(4, "0\n1\n1\n2\n2\n2\n2\n1\n");
  EXPECT_EQ(wakeup.exit_code, 0) << wakeup.out;
  EXPECT_NE(wakeup.out.find("your schedule: 0x2.1x2.2x4.1x2"), std::string::npos) << wakeup.out;
}

TEST(PlayLevels, SpanishWithLangOrLANG) {
  const auto r = level(1, "1\n1\n?\nq\n", {"--lang", "es"});
  EXPECT_NE(r.out.find("objetivo: haz que dos visitas cuenten como una"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("✗ el objetivo ya es inalcanzable"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("u deshace tu última elección"), std::string::npos);
  EXPECT_NE(r.out.find("pista: desde aquí ninguna elección alcanza ya el objetivo"),
            std::string::npos);
  EXPECT_NE(r.out.find("consejo del nivel: visits_ = visits_ + 1 es una lectura"),
            std::string::npos);

  const auto won = level(1, kLostUpdate, {}, {"LANG=es_ES.UTF-8"});
  EXPECT_EQ(won.exit_code, 0) << won.out;
  EXPECT_NE(won.out.find("✓ objetivo alcanzado en 11 pasos"), std::string::npos) << won.out;
  EXPECT_NE(won.out.find("Lo que aprendiste"), std::string::npos);
  EXPECT_NE(won.out.find("siguiente nivel: racelab play --level 2"), std::string::npos);
  EXPECT_EQ(won.out.find("What you learned"), std::string::npos);

  const auto hint = level(1, "1\n0\n?\nq\n", {"--lang", "es"});
  EXPECT_NE(hint.out.find("pista: ejecuta Thread-2 (request) — lee visits mientras Thread-1 "
                          "(request) ya ha leído visits"),
            std::string::npos)
      << hint.out;
  EXPECT_NE(hint.out.find("se pierde una actualización"), std::string::npos);
}

TEST(PlayLevels, ScenarioGoalsInSpanishToo) {
  const auto r = run_racelab(
      {"play", "no-proxies", "--impl", "buggy", "--workers", "2", "--lang", "es"}, "q\n");
  EXPECT_NE(r.out.find("objetivo: haz que 1 worker lance KeyError"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("¿quién se ejecuta ahora?"), std::string::npos);
}

TEST(PlayLevels, ListsTheLevelsInOrder) {
  const auto text = run_racelab({"play", "--levels", "--lang", "en"});
  EXPECT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("8 levels, in order"), std::string::npos) << text.out;
  EXPECT_LT(text.out.find("racelab play --level 1"), text.out.find("racelab play --level 8"));
  EXPECT_NE(text.out.find("progress is not saved"), std::string::npos);

  const auto json = run_racelab({"play", "--levels", "--json", "--lang", "en"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto j = nlohmann::json::parse(json.out);
  ASSERT_EQ(j.size(), 8u);
  const char* exercises[] = {
      "01-lost-update", "02-lazy-init",      "03-lock-order",     "04-lost-wakeup",
      "05-seed",        "06-concurrent-add", "07-stale-teardown", "08-enqueue-during-teardown"};
  for (std::size_t i = 0; i < 8; ++i) EXPECT_EQ(j[i]["exercise"], exercises[i]) << i;
  EXPECT_EQ(j[0]["kind"], "textbook");
  EXPECT_EQ(j[4]["scenario"], "no-proxies");
  EXPECT_EQ(j[7]["command"], "racelab play --level 8");
}

TEST(PlayLevels, BadLevelInputIsOneLineAndExitTwo) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"play", "--level", "9"}, "--level 9 is out of range (accepted: 1..8)"},
      {{"play", "--level", "0"}, "--level 0 is out of range (accepted: 1..8)"},
      {{"play", "--level", "x"}, "--level expects a whole number from 1 to 8, got 'x'"},
      {{"play", "--level", "1", "no-proxies"}, "--level N plays a level of the course"},
      {{"play", "--levels", "--level", "1"}, "--levels takes no SCENARIO"},
      {{"play", "--json"}, "--json applies to --levels only"},
      {{"play"}, "play needs SCENARIO --impl IMPL, or --level N"},
      {{"play", "no-proxies"}, "--impl is required"},
      {{"play", "--level", "1", "--lang", "fr"}, "unknown language 'fr' (accepted: en or es)"},
      {{"play", "--level", "1", "--schedule", "x.x"}, "--schedule: --level 1: bad schedule"},
  };
  for (const auto& [args, message] : cases) {
    const auto r = run_racelab(args);
    EXPECT_EQ(r.exit_code, 2) << args.back() << ": " << r.out << r.err;
    EXPECT_EQ(lines_of(r.err).size(), 1u) << r.err;
    EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
  }
}

}  // namespace
}  // namespace racelab::cli::testing
