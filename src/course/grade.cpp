// Grading: every check of one exercise, explored exhaustively under the model.
#include <chrono>
#include <stdexcept>

#include "model/stall_watch.hpp"
#include "racelab/course/course.hpp"
#include "racelab/scenarios/check.hpp"

namespace racelab::course {
namespace {

// dpor, exhaustive; stop at a check's first violation but keep one witness per id found.
model::Options grading_options() {
  model::Options o;
  o.strategy = model::Strategy::dpor;
  o.stop_on_first_violation = true;
  o.every_witness = true;
  return o;
}

CheckResult result_of(std::string name, std::string must_hold, model::Report report) {
  CheckResult r;
  r.name = std::move(name);
  r.must_hold = std::move(must_hold);
  for (const auto& [id, execution] : report.witnesses) r.found.insert(id);
  r.passed = !report.failure;
  r.exhaustive = report.complete;
  r.report = std::move(report);
  return r;
}

// Registry exercises are graded on their scenarios and on happy-path, where nothing tears down
// and a healthy registry must serve every task (scenarios/properties.cpp: refused-task).
std::vector<std::string> registry_scenarios(const Exercise& e) {
  std::vector<std::string> ids = e.scenarios;
  ids.push_back("happy-path");
  return ids;
}

}  // namespace

std::size_t Grade::passed() const {
  std::size_t n = 0;
  for (const CheckResult& c : checks) n += c.passed ? 1 : 0;
  return n;
}

Grade grade(const Exercise& exercise, TextbookChecks checks, const std::string& impl) {
  const auto start = std::chrono::steady_clock::now();
  // Graded code that blocks the OS thread (a std::mutex held across a racelab::sync operation)
  // would hang the grade for good: end it after a minute without a step (course.hpp).
  const model::detail::StallExitDefault stall_exit(kGradeStallExitSeconds);
  Grade g;
  g.exercise = &exercise;
  if (exercise.registry) {
    g.graded = impl + "/";
    for (const std::string& id : registry_scenarios(exercise)) {
      const scenarios::Scenario* s = scenarios::find_scenario(id);
      if (s == nullptr) throw std::logic_error("course: unknown scenario '" + id + "'");
      scenarios::CheckResult checked = scenarios::check(*s, impl, grading_options());
      CheckResult r = result_of(s->id, s->title, std::move(checked.report));
      if (r.report.failure) {
        r.replay = "racelab replay " + s->id + " --impl " + impl + " --schedule " +
                   r.report.failure->schedule;
      }
      g.checks.push_back(std::move(r));
    }
  } else {
    if (checks == nullptr) throw std::logic_error("course: no checks given for " + exercise.id);
    g.graded = exercise.files.empty() ? exercise.id : exercise.files.front();
    for (Check& c : checks(exercise.id)) {
      model::Report report = model::explore(grading_options(), c.body);
      g.checks.push_back(result_of(c.name, c.must_hold, std::move(report)));
    }
  }
  g.elapsed_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return g;
}

}  // namespace racelab::course
