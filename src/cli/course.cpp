// racelab exercises [ID [--hint N]] [--json] and racelab grade ID [--json] [--junit FILE]:
// the course (course/README.md). Grading is exhaustive under the model; the exit code is 0 only
// when every check of the exercise passes.
#include <cstdio>
#include <fstream>
#include <iostream>

#include "course_commands.hpp"
#include "json.hpp"
#include "racelab/course/course.hpp"
#include "racelab/course/variants.hpp"
#include "racelab/internal/text.hpp"
#include "render.hpp"
#include "report_file.hpp"
#include "terminal.hpp"
#include "usage.hpp"

namespace racelab::cli {
namespace {

using course::Language;

// The few sentences of the course's CLI, in both languages.
struct Words {
  const char* goal;
  const char* files;
  const char* graded_on;
  const char* hints;
  const char* grading;
  const char* score;
  const char* passed;
  const char* not_yet;
  const char* learned;
  const char* confirm;
  const char* found;
  const char* hint_of;
  const char* list_header;
};
const Words kEnglishWords{
    "Goal",
    "Your files",
    "Graded on",
    "Hints: racelab exercises %s --hint 1 (then 2, 3)",
    "grading",
    "score",
    "passed",
    "not yet",
    "What you learned",
    "Confirm it outside the model",
    "found",
    "hint %d of %d",
    "exercises, in order · show one: racelab exercises <id> · grade it: racelab "
    "grade <id>"};
const Words kSpanishWords{"Objetivo",
                          "Tus ficheros",
                          "Se califica con",
                          "Pistas: racelab exercises %s --hint 1 (luego 2, 3)",
                          "calificando",
                          "puntuación",
                          "aprobado",
                          "todavía no",
                          "Lo que aprendiste",
                          "Confírmalo fuera del modelo",
                          "encontrado",
                          "pista %d de %d",
                          "ejercicios, en orden · ver uno: racelab exercises <id> · calificarlo: "
                          "racelab grade <id>"};

const Words& words(Language l) { return l == Language::es ? kSpanishWords : kEnglishWords; }

std::string format1(const char* pattern, const std::string& a) {
  std::string out = pattern;
  out.replace(out.find("%s"), 2, a);
  return out;
}
std::string format2(const char* pattern, int a, int b) {
  std::string out = pattern;
  out.replace(out.find("%d"), 2, std::to_string(a));
  out.replace(out.find("%d"), 2, std::to_string(b));
  return out;
}

Language language_of(const CourseCommands& c) {
  if (c.lang.empty()) return course::language_from_environment();
  return c.lang == "es" ? Language::es : Language::en;
}

const course::Exercise& exercise_of(const std::string& id) {
  const course::Exercise* e = course::find_exercise(id);
  if (e != nullptr) return *e;
  std::vector<std::string> ids;
  for (const auto& x : course::exercises()) ids.push_back(x.id);
  throw UsageError("unknown exercise '" + ellipsize(id, 60) + "' (accepted: " + one_of(ids) +
                   ", or their numbers; see 'racelab exercises')");
}

std::vector<std::string> graded_on(const course::Exercise& e) {
  if (!e.registry) return {"the checks of src/course/textbook_checks.cpp"};
  std::vector<std::string> out = e.scenarios;
  out.push_back("happy-path");
  return out;
}

Json exercise_json(const course::Exercise& e, Language l) {
  const course::Lesson lesson = course::lesson(e, l);
  Json j;
  j["id"] = e.id;
  j["title"] = e.title;
  j["kind"] = e.registry ? "registry" : "textbook";
  j["concepts"] = e.concepts;
  j["files"] = e.files;
  j["scenarios"] = e.registry ? graded_on(e) : std::vector<std::string>{};
  j["goal"] = lesson.goal;
  j["hints"] = lesson.hints.size();
  return j;
}

int list_exercises(const CourseCommands& c) {
  const Language l = language_of(c);
  if (c.json) {
    Json j = Json::array();
    for (const auto& e : course::exercises()) j.push_back(exercise_json(e, l));
    std::cout << dump(j);
    return kExitOk;
  }
  const Style style = style_for(1);
  std::cout << course::exercises().size() << " " << words(l).list_header << "\n\n";
  for (const auto& e : course::exercises()) {
    const course::Lesson lesson = course::lesson(e, l);
    std::cout << style.bold(pad_right(e.id, 30)) << lesson.title.substr(lesson.title.find("· ") + 3)
              << "\n    " << style.dim(join(e.concepts)) << "\n";
  }
  return kExitOk;
}

int show_exercise(const CourseCommands& c) {
  const Language l = language_of(c);
  const course::Exercise& e = exercise_of(c.id);
  const course::Lesson lesson = course::lesson(e, l);
  if (c.json && c.hint == 0) {
    Json j = exercise_json(e, l);
    j["intro"] = lesson.intro;
    std::cout << dump(j);
    return kExitOk;
  }
  if (c.hint > 0) {
    const int count = static_cast<int>(lesson.hints.size());
    if (c.hint > count) {
      throw UsageError("--hint " + std::to_string(c.hint) + " is out of range for " + e.id +
                       " (accepted: 1.." + std::to_string(count) + ")");
    }
    const std::string& text = lesson.hints[static_cast<std::size_t>(c.hint - 1)];
    if (c.json) {
      std::cout << dump(Json{{"id", e.id}, {"hint", c.hint}, {"of", count}, {"text", text}});
      return kExitOk;
    }
    const Style style = style_for(1);
    std::cout << style.bold(e.id + " · " + format2(words(l).hint_of, c.hint, count)) << "\n\n"
              << text << "\n";
    return kExitOk;
  }
  const Style style = style_for(1);
  std::cout << style.bold(lesson.title) << "\n\n" << lesson.intro << "\n\n";
  std::cout << style.bold(words(l).goal) << "\n" << indent(lesson.goal, "  ") << "\n";
  std::cout << style.bold(words(l).files) << ": " << join(e.files) << "\n";
  std::cout << style.bold(words(l).graded_on) << ": " << join(graded_on(e)) << "\n";
  std::cout << style.dim(format1(words(l).hints, e.id)) << "\n";
  std::cout << style.accent("racelab grade " + e.id) << "\n";
  return kExitOk;
}

// The execution that shows a failing check best: the witness of its strongest violation.
const model::Execution* witness_of(const course::CheckResult& r) {
  const auto order = model::witness_order(r.report);
  if (!order.empty()) return &r.report.witnesses.at(order.front());
  return r.report.failure ? &*r.report.failure : nullptr;
}

std::string coverage_of(const course::CheckResult& r) {
  if (r.passed) {
    if (r.exhaustive && r.report.traces == 1) return "exhaustive: the only trace";
    return r.exhaustive ? "exhaustive: all " + std::to_string(r.report.traces) + " traces"
                        : "not exhaustive: " + plural(r.report.schedules, "schedule");
  }
  return "first failure at schedule " + std::to_string(r.report.first_seen.empty()
                                                           ? r.report.schedules
                                                           : r.report.first_seen.begin()->second);
}

Json grade_json(const course::Grade& g) {
  Json checks = Json::array();
  for (const auto& r : g.checks) {
    Json c;
    c["name"] = r.name;
    c["must_hold"] = r.must_hold;
    c["passed"] = r.passed;
    c["exhaustive"] = r.exhaustive;
    c["schedules"] = r.report.schedules;
    c["traces"] = r.report.traces;
    c["found"] = std::vector<std::string>(r.found.begin(), r.found.end());
    const model::Execution* w = witness_of(r);
    c["schedule"] = w != nullptr ? Json(w->schedule) : Json(nullptr);
    c["replay"] = r.replay.empty() ? Json(nullptr) : Json(r.replay);
    checks.push_back(c);
  }
  Json j;
  j["exercise"] = g.exercise->id;
  j["graded"] = g.graded;
  j["passed"] = g.all_passed();
  j["score"] = {{"passed", g.passed()}, {"total", g.checks.size()}};
  j["elapsed_ms"] = g.elapsed_ms;
  j["checks"] = checks;
  j["confirm"] = course::confirm_commands(*g.exercise);
  return j;
}

std::string xml_escaped(const std::string& s) {
  std::string out;
  for (const char ch : s) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default:
        // XML 1.0 forbids most control characters even escaped: show them as '?'.
        out += (static_cast<unsigned char>(ch) < 0x20 && ch != '\n' && ch != '\t') ? '?' : ch;
    }
  }
  return out;
}

// JUnit XML: one <testcase> per check, the failing schedule's timeline in the failure's text.
std::string grade_junit(const course::Grade& g) {
  const std::size_t failures = g.checks.size() - g.passed();
  std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  x += "<testsuites tests=\"" + std::to_string(g.checks.size()) + "\" failures=\"" +
       std::to_string(failures) + "\">\n";
  x += "  <testsuite name=\"racelab grade " + xml_escaped(g.exercise->id) + "\" tests=\"" +
       std::to_string(g.checks.size()) + "\" failures=\"" + std::to_string(failures) +
       "\" time=\"" + std::to_string(g.elapsed_ms / 1000) + "\">\n";
  for (const auto& r : g.checks) {
    x += "    <testcase classname=\"" + xml_escaped(g.exercise->id) + "\" name=\"" +
         xml_escaped(r.name) + "\">\n";
    if (!r.passed) {
      const model::Execution* w = witness_of(r);
      const std::string found = join(std::vector<std::string>(r.found.begin(), r.found.end()));
      std::string text = r.must_hold + "\nfound: " + found + "\n";
      if (w != nullptr) text += "schedule: " + w->schedule + "\n" + render_timeline(*w, Style{});
      if (!r.replay.empty()) text += "replay: " + r.replay + "\n";
      // The message is what a CI page shows in its list of failures: what broke, not only which
      // check (new-user trial 7).
      x += "      <failure message=\"" + xml_escaped(r.must_hold + " — found: " + found) + "\">" +
           xml_escaped(text) + "</failure>\n";
    }
    x += "    </testcase>\n";
  }
  x += "  </testsuite>\n</testsuites>\n";
  return x;
}

int grade_exercise(const CourseCommands& c) {
  const Language l = language_of(c);
  const course::Exercise& e = exercise_of(c.id);
  if (!e.registry && c.impl != scenarios::kExercise) {
    throw UsageError("--impl applies to the registry exercises (05-08) only; " + e.id +
                     " grades course/" + e.id + "/");
  }
  ReportFile junit(c.junit);  // a path that cannot be written: exit 2 before grading
  const Style style = style_for(1);
  const Words& w = words(l);
  if (!c.json) {
    std::cout << style.bold(course::lesson(e, l).title) << " — " << w.grading << " "
              << (e.registry ? c.impl + "/" : join(e.files)) << " (dpor)\n\n";
    std::cout.flush();
  }
  const course::Grade g = course::grade(e, &racelab::course_student::textbook_checks, c.impl);
  if (!junit.write([&] { return grade_junit(g); })) {
    std::cout.flush();
    return kExitInternal;
  }
  const int code = g.all_passed() ? kExitOk : kExitViolation;
  if (c.json) {
    std::cout << dump(grade_json(g));
    return code;
  }
  std::size_t width = 0;
  for (const auto& r : g.checks) width = std::max(width, r.name.size() + 2);
  for (const auto& r : g.checks) {
    std::cout << "  " << (r.passed ? style.good("✓") : style.bad("✗")) << " "
              << style.bold(pad_right(r.name, width)) << r.must_hold << "\n";
    std::cout << "      " << style.dim(coverage_of(r)) << "\n";
    if (r.passed) continue;
    std::cout << "      "
              << style.bad(std::string(w.found) + ": " +
                           join(std::vector<std::string>(r.found.begin(), r.found.end())))
              << "\n";
    if (const model::Execution* x = witness_of(r)) {
      std::cout << indent(render_violations(x->violations, style), "      ");
      std::cout << indent(render_timeline(*x, style), "      ");
    }
    if (!r.replay.empty()) std::cout << "      " << style.accent(r.replay) << "\n";
    std::cout << "\n";
  }
  std::cout << "\n"
            << style.bold(std::string(w.score) + ": " + std::to_string(g.passed()) + "/" +
                          std::to_string(g.checks.size()))
            << " — " << (g.all_passed() ? style.good(w.passed) : style.bad(w.not_yet)) << "\n";
  if (!g.all_passed()) {
    std::cout << style.dim(format1(w.hints, e.id)) << "\n";
    return code;
  }
  std::cout << "\n"
            << style.bold(w.learned) << "\n"
            << indent(course::lesson(e, l).debrief, "  ") << "\n\n"
            << style.bold(w.confirm) << "\n";
  for (const auto& cmd : course::confirm_commands(e))
    std::cout << "  " << style.accent(cmd) << "\n";
  return code;
}

}  // namespace

void add_language_option(CLI::App* sub, std::string& into) {
  const auto lang_check = CLI::Validator(
      [](std::string& text) -> std::string {
        return text == "en" || text == "es"
                   ? ""
                   : "unknown language '" + ellipsize(text, 60) + "' (accepted: en or es)";
      },
      "");
  sub->add_option("--lang", into, "en or es (default: from LC_ALL / LC_MESSAGES / LANG)")
      ->type_name("LANG")
      ->check(lang_check);
}

void add_course_commands(CLI::App& app, CourseCommands& c) {
  c.exercises = app.add_subcommand("exercises", "The course: graded exercises, in order");
  c.exercises->add_option("EXERCISE", c.id, "Show one exercise: its goal, files and hints")
      ->type_name("");
  c.exercises->add_option("--hint", c.hint, "Show hint N of the exercise (1, 2, 3)")
      ->type_name("N")
      ->check(CLI::Validator(
          [](std::string& text) -> std::string {
            return text.size() == 1 && text[0] >= '1' && text[0] <= '9'
                       ? ""
                       : "--hint expects a hint number, 1 or more (each exercise's 'Hints:' "
                         "line says how many it has), got '" +
                             ellipsize(text, 60) + "'";
          },
          ""));
  c.exercises->add_flag("--json", c.json, "JSON, for tools");
  add_language_option(c.exercises, c.lang);

  c.grade = app.add_subcommand(
      "grade", "Check your code for one exercise, exhaustively; exit 0 when every check passes");
  c.grade->add_option("EXERCISE", c.id, "Exercise id or number (see 'racelab exercises')")
      ->required()
      ->type_name("");
  c.grade->add_flag("--json", c.json, "JSON, for tools");
  c.grade->add_option("--junit", c.junit, "Also write a JUnit XML report to FILE")
      ->type_name("FILE");
  add_language_option(c.grade, c.lang);
  c.grade
      ->add_option("--impl", c.impl,
                   "Registry exercises: grade another implementation (buggy = the starting "
                   "code, complete = the reference solution)")
      ->type_name("IMPL")
      ->capture_default_str()
      ->check(CLI::Validator(
          [](std::string& text) -> std::string {
            return scenarios::is_implementation(text)
                       ? ""
                       : "unknown implementation '" + ellipsize(text, 60) +
                             "' (accepted: exercise, buggy, fixed or complete)";
          },
          ""));
}

int run_course_command(const CourseCommands& c) {
  if (c.exercises != nullptr && c.exercises->parsed()) {
    if (c.id.empty()) {
      if (c.hint > 0) throw UsageError("--hint needs an exercise: racelab exercises <id> --hint N");
      return list_exercises(c);
    }
    return show_exercise(c);
  }
  if (c.grade != nullptr && c.grade->parsed()) return grade_exercise(c);
  return -1;
}

}  // namespace racelab::cli
