// The course's exercises, in order. The texts are in course/<id>/README.md (lessons.cpp); the
// checks in textbook_checks.cpp (textbook) and in the scenario catalogue (registry).
#include <cctype>
#include <cstdlib>
#include <string>

#include "racelab/course/course.hpp"

namespace racelab::course {
namespace {

const std::vector<std::string> kRegistryFiles = {"exercise/registry.hpp", "exercise/registry.cpp",
                                                 "exercise/worker.cpp"};

std::vector<Exercise> make_exercises() {
  std::vector<Exercise> all;
  all.push_back(Exercise{"01-lost-update",
                         "Lost update",
                         {"data race", "read-modify-write", "atomicity", "mutex"},
                         {"course/01-lost-update/page_counter.hpp"},
                         {},
                         false});
  all.push_back(Exercise{"02-lazy-init",
                         "Check-then-act: lazy initialisation",
                         {"check-then-act", "call_once", "double-checked locking"},
                         {"course/02-lazy-init/config_cache.hpp"},
                         {},
                         false});
  all.push_back(Exercise{"03-lock-order",
                         "Lock-order deadlock",
                         {"deadlock", "lock ordering", "scoped_lock"},
                         {"course/03-lock-order/bank.hpp"},
                         {},
                         false});
  all.push_back(Exercise{"04-lost-wakeup",
                         "Lost wake-up",
                         {"condition variable", "lost wake-up", "spurious wake-up", "predicate"},
                         {"course/04-lost-wakeup/mailbox.hpp"},
                         {},
                         false});
  all.push_back(Exercise{"05-seed",
                         "The seed: three KeyErrors",
                         {"check-then-act", "data race", "pop(key, None)", "the GIL"},
                         kRegistryFiles,
                         {"no-proxies"},
                         true});
  all.push_back(Exercise{"06-concurrent-add",
                         "Two requests at once",
                         {"check-then-create", "duplicate workers", "one lock, one decision"},
                         kRegistryFiles,
                         {"no-proxies", "concurrent-add"},
                         true});
  all.push_back(Exercise{"07-stale-teardown",
                         "Whose entry is it?",
                         {"ownership", "ABA", "what a lock does not prove"},
                         kRegistryFiles,
                         {"no-proxies", "concurrent-add", "stale-teardown"},
                         true});
  all.push_back(
      Exercise{"08-enqueue-during-teardown",
               "A task for a dying queue",
               {"the unlocked side", "closing a queue", "nothing silently lost"},
               kRegistryFiles,
               {"no-proxies", "concurrent-add", "stale-teardown", "enqueue-during-teardown"},
               true});
  return all;
}

bool starts_with_es(const char* value) {
  return value != nullptr && std::tolower(static_cast<unsigned char>(value[0])) == 'e' &&
         std::tolower(static_cast<unsigned char>(value[1])) == 's';
}

}  // namespace

const std::vector<Exercise>& exercises() {
  static const std::vector<Exercise> all = make_exercises();
  return all;
}

const Exercise* find_exercise(std::string_view id) {
  for (const Exercise& e : exercises()) {
    const std::string_view full = e.id;
    const std::string_view number = full.substr(0, 2);
    const std::string_view name = full.substr(3);
    const bool same_number =
        id == number || (id.size() == 1 && number[0] == '0' && id == number.substr(1));
    if (id == full || same_number || id == name) return &e;
  }
  return nullptr;
}

Language language_from_environment() {
  // POSIX precedence: LC_ALL, then LC_MESSAGES, then LANG; the first one set decides.
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(name);
    if (value != nullptr && value[0] != '\0') {
      return starts_with_es(value) ? Language::es : Language::en;
    }
  }
  return Language::en;
}

std::vector<std::string> confirm_commands(const Exercise& exercise) {
  if (exercise.registry) {
    std::vector<std::string> out = {
        "cmake --preset tsa && cmake --build --preset tsa --target racelab_exercise_real"};
    for (const std::string& s : exercise.scenarios) {
      out.push_back(
          "cmake --preset tsan && cmake --build --preset tsan --target racelab && "
          "build/tsan/bin/racelab stress " +
          s + " --impl exercise");
    }
    return out;
  }
  // Textbook exercises have no real-thread runner (yet): their model check is the proof, and
  // clang's analysis checks whatever RACELAB_GUARDED_BY annotations the student adds.
  return {"cmake --preset tsa && cmake --build --preset tsa --target racelab_course_student_model"};
}

}  // namespace racelab::course
