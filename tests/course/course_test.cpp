// The course keeps its promises: every exercise fails on its starting code and passes on its
// reference solution, every check of a textbook exercise is exercised by some starting code,
// and every exercise has its goal, hints and debrief in English and Spanish.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include "racelab/course/course.hpp"
#include "racelab/course/variants.hpp"

namespace racelab::course {
namespace {

std::string summary(const Grade& g) {
  std::string out;
  for (const auto& c : g.checks) {
    out += "\n  " + std::string(c.passed ? "pass " : "FAIL ") + c.name + " found:";
    for (const auto& id : c.found) out += " " + id;
  }
  return out;
}

class EveryExercise : public ::testing::TestWithParam<std::string> {
 protected:
  const Exercise& exercise() const { return *find_exercise(GetParam()); }
};

std::vector<std::string> exercise_ids() {
  std::vector<std::string> ids;
  for (const auto& e : exercises()) ids.push_back(e.id);
  return ids;
}

TEST_P(EveryExercise, FailsOnTheStartingCode) {
  const Grade g = grade(exercise(), &course_start::textbook_checks, "buggy");
  ASSERT_FALSE(g.checks.empty());
  EXPECT_FALSE(g.all_passed()) << GetParam() << summary(g);
}

TEST_P(EveryExercise, PassesOnTheReferenceSolution) {
  const Grade g = grade(exercise(), &course_solution::textbook_checks, "complete");
  ASSERT_FALSE(g.checks.empty());
  EXPECT_TRUE(g.all_passed()) << GetParam() << summary(g);
  for (const auto& c : g.checks) EXPECT_TRUE(c.exhaustive) << c.name << ": a pass is a proof";
}

TEST_P(EveryExercise, HasItsTextsInBothLanguages) {
  for (const Language l : {Language::en, Language::es}) {
    const Lesson lesson = course::lesson(exercise(), l);
    EXPECT_FALSE(lesson.title.empty());
    EXPECT_FALSE(lesson.intro.empty());
    EXPECT_FALSE(lesson.goal.empty());
    EXPECT_EQ(lesson.hints.size(), 3U) << "three staged hints";
    EXPECT_FALSE(lesson.debrief.empty());
  }
}

INSTANTIATE_TEST_SUITE_P(Course, EveryExercise, ::testing::ValuesIn(exercise_ids()),
                         [](const auto& info) {
                           std::string name = info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

TEST(Course, AtLeastEightExercisesInOrder) {
  ASSERT_GE(exercises().size(), 8U);
  for (std::size_t i = 0; i < exercises().size(); ++i) {
    const std::string number = (i + 1 < 10 ? "0" : "") + std::to_string(i + 1);
    EXPECT_EQ(exercises()[i].id.substr(0, 2), number) << "ids are numbered in course order";
  }
}

// The textbook starting code breaks what each exercise teaches, not only something.
TEST(Course, StartingCodeShowsEachTextbookBug) {
  const std::map<std::string, std::set<std::string>> teaches = {
      {"01-lost-update", {"data-race", "assertion"}},
      {"02-lazy-init", {"data-race", "assertion"}},
      {"03-lock-order", {"deadlock"}},
      {"04-lost-wakeup", {"deadlock", "data-race"}},
  };
  for (const auto& [id, ids] : teaches) {
    const Grade g = grade(*find_exercise(id), &course_start::textbook_checks, "buggy");
    std::set<std::string> found;
    for (const auto& c : g.checks) found.insert(c.found.begin(), c.found.end());
    for (const auto& want : ids) EXPECT_TRUE(found.count(want) > 0) << id << " shows " << want;
  }
}

TEST(Course, RegistryExercisesAlsoGradeHappyPath) {
  for (const auto& e : exercises()) {
    if (!e.registry) continue;
    const Grade g = grade(e, nullptr, "complete");
    EXPECT_EQ(g.checks.back().name, "happy-path") << e.id;
    EXPECT_EQ(g.checks.size(), e.scenarios.size() + 1) << e.id;
  }
}

TEST(Course, FindsExercisesByIdNumberOrName) {
  EXPECT_EQ(find_exercise("01-lost-update"), &exercises()[0]);
  EXPECT_EQ(find_exercise("01"), &exercises()[0]);
  EXPECT_EQ(find_exercise("1"), &exercises()[0]);
  EXPECT_EQ(find_exercise("lost-update"), &exercises()[0]);
  EXPECT_EQ(find_exercise("seed"), &exercises()[4]);
  EXPECT_EQ(find_exercise("99"), nullptr);
  EXPECT_EQ(find_exercise(""), nullptr);
  EXPECT_EQ(find_exercise("lost"), nullptr);
}

}  // namespace
}  // namespace racelab::course
