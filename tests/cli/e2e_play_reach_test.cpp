// racelab play tells the player when the goal becomes unreachable and when it becomes
// unavoidable, from an exhaustive search of every continuation (piped input, so the session is
// a script). no-proxies with 2 workers: the goal is one KeyError.
#include <gtest/gtest.h>

#include "run_command.hpp"

namespace racelab::cli::testing {
namespace {

CommandResult play(const std::string& moves) {
  return run_racelab({"play", "no-proxies", "--impl", "buggy", "--workers", "2"}, moves);
}

TEST(PlayReach, SaysWhenTheGoalBecomesUnavoidable) {
  // Thread-2 reads the pool, finds the user and erases it before Thread-3 even starts: Thread-3
  // can only find the entry gone, so its KeyError is certain.
  const auto r = play("2\n2\n2\nq\n");
  const auto unavoidable = r.out.find("the goal is now unavoidable");
  ASSERT_NE(unavoidable, std::string::npos) << r.out;
  EXPECT_GT(unavoidable, r.out.find("write QUEUE_USER: erase user")) << "said after the erase";
  EXPECT_EQ(r.out.find("unreachable"), std::string::npos) << r.out;
}

TEST(PlayReach, SaysWhenTheGoalBecomesUnreachableAndUndoReopensIt) {
  // Both workers find the user before either erases: both erase, neither raises.
  const auto r = play("2\n2\n1\n3\n3\n?\nu\nq\n");
  const auto unreachable = r.out.find("the goal is now unreachable");
  ASSERT_NE(unreachable, std::string::npos) << r.out;
  EXPECT_GT(unreachable, r.out.rfind("find user → true")) << "said after the second find";
  EXPECT_NE(r.out.find("u undoes your last choice"), std::string::npos);
  EXPECT_NE(r.out.find("hint: from here no choice reaches the goal any more"), std::string::npos)
      << r.out;
  EXPECT_GT(r.out.find("the goal is within reach again"), unreachable)
      << "undo takes back the move that closed the goal off";
  EXPECT_NE(r.out.find("the goal is within reach again"), std::string::npos) << r.out;
}

TEST(PlayReach, HintsSayWhatEachChoiceDoesToTheGoalInWordsNotCounts) {
  const auto r = play("2\n2\n?\nq\n");
  EXPECT_NE(r.out.find("hint: run Thread-2 (worker) — its next step (write QUEUE_USER: erase "
                       "user)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("from there the goal is certain, whatever runs next"), std::string::npos);
  EXPECT_NE(r.out.find("Thread-1 (request) instead: it starts Thread-3 (worker): one more thread "
                       "joins the race; from there the goal is still possible"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("ways on from there"), std::string::npos) << "no counts in an exact hint";
}

// Undo takes back the player's own choices only: the steps before the first choice were forced
// (only MainThread could run), so undoing past it would replay them at once. New-user trial 7:
// "undone: back at step 1", again at every u.
TEST(PlayUndo, TakesBackChoicesAndSaysWhenNoneIsLeft) {
  const auto r = run_racelab({"play", "--level", "1"}, "0\nu\nu\nu\nq\n");
  EXPECT_EQ(r.err, "");
  std::size_t undone = 0, nothing = 0;
  for (auto at = r.out.find("undone: back at step"); at != std::string::npos;
       at = r.out.find("undone: back at step", at + 1))
    ++undone;
  for (auto at = r.out.find("nothing to undo"); at != std::string::npos;
       at = r.out.find("nothing to undo", at + 1))
    ++nothing;
  EXPECT_EQ(undone, 1U) << r.out;
  EXPECT_EQ(nothing, 2U) << r.out;
}

}  // namespace
}  // namespace racelab::cli::testing
