// tests/course/stall_grade_demo.cpp — not a test by itself: grades exercise 01 on a student's
// answer that locks a std::mutex (stall/01-lost-update/page_counter.hpp), the way racelab grade
// does, for GradeStall.* to run as a process of its own: grading it stalls, and the stall
// watchdog ends the process (exit 3, one line on stderr). If grading ever returns, it prints the
// score and exits 0 or 1.
#include <cstdio>
#include <string_view>
#include <vector>

#include "racelab/course/course.hpp"

namespace racelab::course_stall::inline model {
std::vector<course::Check> textbook_checks(std::string_view exercise_id);
}

int main() {
  const racelab::course::Exercise* e = racelab::course::find_exercise("01");
  if (e == nullptr) return 2;
  std::printf("grading %s\n", e->id.c_str());
  const racelab::course::Grade g =
      racelab::course::grade(*e, &racelab::course_stall::textbook_checks, "exercise");
  std::printf("%zu/%zu\n", g.passed(), g.checks.size());
  return g.all_passed() ? 0 : 1;
}
