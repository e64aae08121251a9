// racelab/course/course.hpp — the course: graded exercises in order, their texts, and grading.
//
// An exercise is a folder under course/ with the code a student edits (for the registry
// exercises, that code is exercise/), a README.md (and README.es.md) with the goal, staged hints
// and a debrief, and checks that racelab runs exhaustively under the model. `racelab exercises`
// lists them; `racelab grade <id>` runs every check of one and passes only when all hold.
//
// Two kinds of exercise:
//   textbook  a small class in course/<id>/ (a counter, a lazy cache, two accounts, a mailbox),
//             checked by racelab-owned workloads (src/course/textbook_checks.cpp) compiled
//             against whichever copy of the code is being graded: the student's, the starting
//             code or the reference solution (tests/course/).
//   registry  the seed's registry in exercise/, checked on catalogue scenarios (each must be
//             safe), always together with happy-path, where a healthy registry must serve every
//             task: a "fix" that refuses all work does not pass.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "racelab/model/explore.hpp"

namespace racelab::course {

enum class Language { en, es };
// "es" for --lang es, or, without --lang, when LANG / LC_ALL / LC_MESSAGES start with "es";
// else "en". nullopt-free: an unknown --lang is rejected by the CLI before this is called.
Language language_from_environment();

struct Exercise {
  std::string id;     // "01-lost-update": the folder's name, the order in its number
  std::string title;  // "Lost update"
  std::vector<std::string> concepts;   // "read-modify-write", "atomicity", ...
  std::vector<std::string> files;      // what the student edits, from the repository's top
  std::vector<std::string> scenarios;  // registry exercises: catalogue scenarios to grade on
  bool registry = false;
};

// Every exercise, in course order.
const std::vector<Exercise>& exercises();
// By full id ("01-lost-update"), number ("01", "1") or name ("lost-update"); nullptr if none.
const Exercise* find_exercise(std::string_view id);

// One check of a textbook exercise: a model::explore body (it starts threads on the graded code
// and sync::check()s what must hold) and the sentence a student reads.
struct Check {
  std::string name;       // "two-hits"
  std::string must_hold;  // "two hits, then total() == 2 — and no data race"
  model::Body body;
};
// The checks of one textbook exercise, compiled against one copy of its code (a variant).
using TextbookChecks = std::vector<Check> (*)(std::string_view exercise_id);

struct CheckResult {
  std::string name;       // check name, or the scenario id for registry exercises
  std::string must_hold;  // the sentence, or the scenario's title
  bool passed = false;    // no violation, over every trace (exhaustive)
  bool exhaustive = false;
  std::set<std::string> found;  // violation ids found (empty when passed)
  model::Report report;         // the exploration (witnesses replay each id)
  std::string replay;           // registry checks: the `racelab replay` command of the witness
};

struct Grade {
  const Exercise* exercise = nullptr;
  std::string graded;  // what was graded: "course/01-lost-update", "exercise/", "complete/"…
  std::vector<CheckResult> checks;
  double elapsed_ms = 0;

  std::size_t passed() const;
  bool all_passed() const { return passed() == checks.size(); }
};

// Grades one exercise. Textbook exercises run `checks` (the variant to grade); registry
// exercises run their scenarios on implementation `impl` ("exercise" for the student's,
// "buggy" = the starting code, "complete" = the reference solution). Exploration is dpor,
// exhaustive, stopping at each check's first violation (and its witnesses).
//
// A check that stops making steps — the graded code blocked the one OS thread every thread of a
// check runs on, typically a std::mutex held across a racelab::sync operation — ends the process
// after kGradeStallExitSeconds without a step (RACELAB_STALL_EXIT_SECONDS=N overrides, 0 never):
// one line on stderr, "racelab::model: no verdict: no step for 60 s — …", naming the last step
// when the engine records it, and exit code 3. Exercise code never computes that long between
// two steps; 10 s in, a paragraph on stderr already says what is going on.
inline constexpr long kGradeStallExitSeconds = 60;
Grade grade(const Exercise& exercise, TextbookChecks checks, const std::string& impl);

// The texts of course/<id>/README.md (en) or README.es.md (es), embedded at build time.
struct Lesson {
  std::string title;  // the page's first heading
  std::string intro;  // the paragraphs before the first section
  std::string goal;
  std::vector<std::string> hints;  // in order: each teaches one more step
  std::string debrief;             // what you learned, where it shows up in real code
};
Lesson lesson(const Exercise& exercise, Language language);

// The commands that confirm a passing grade outside the model: on real threads under
// ThreadSanitizer and at compile time with clang's thread-safety analysis. One per line.
std::vector<std::string> confirm_commands(const Exercise& exercise);

}  // namespace racelab::course
