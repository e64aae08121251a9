// racelab/course/variants.hpp — the copies of the textbook exercises' code that the build
// compiles src/course/textbook_checks.cpp against (src/course/CMakeLists.txt):
//
//   racelab::course_student   course/<id>/               what `racelab grade` grades
//   racelab::course_start     tests/course/start/<id>/   the starting code, as shipped (tests)
//   racelab::course_solution  tests/course/solutions/    the reference solutions (tests)
//
// Link racelab::course_student_model, ::course_start_model or ::course_solution_model for each.
#pragma once

#include <string_view>
#include <vector>

#include "racelab/course/course.hpp"

namespace racelab::course_student::inline model {
std::vector<course::Check> textbook_checks(std::string_view exercise_id);
}
namespace racelab::course_start::inline model {
std::vector<course::Check> textbook_checks(std::string_view exercise_id);
}
namespace racelab::course_solution::inline model {
std::vector<course::Check> textbook_checks(std::string_view exercise_id);
}
