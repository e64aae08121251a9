// Every example of docs/model-library.md, explored with DPOR: a failing example finds exactly the
// violation ids the doc names (each with its own witness), a fixed one is safe in every
// interleaving (report.complete). check_doc_examples.cmake keeps the doc's text equal to these.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <ostream>
#include <span>
#include <string>
#include <vector>

#include "atomics.hpp"
#include "call_once.hpp"
#include "condition_variable.hpp"
#include "data.hpp"
#include "fairness.hpp"
#include "mutexes.hpp"
#include "phases.hpp"
#include "semaphore.hpp"
#include "threads.hpp"

namespace racelab::docs_examples {

// gtest prints a parameter by its name (found by ADL, so outside the anonymous namespace).
void PrintTo(const Example& ex, std::ostream* os);
void PrintTo(const Example& ex, std::ostream* os) { *os << ex.name; }

namespace {

std::vector<Example> all_examples() {
  std::vector<Example> all;
  for (std::span<const Example> family :
       {std::span<const Example>(mutex_examples),
        std::span<const Example>(condition_variable_examples),
        std::span<const Example>(atomic_examples), std::span<const Example>(semaphore_examples),
        std::span<const Example>(call_once_examples), std::span<const Example>(thread_examples),
        std::span<const Example>(data_examples), std::span<const Example>(fairness_examples),
        std::span<const Example>(phase_examples)})
    all.insert(all.end(), family.begin(), family.end());
  return all;
}

// RACELAB_DOCS_DUMP=1: print what explore reports for each example, to write the doc from.
void dump(const Example& ex, const model::Report& report) {
  std::printf("=== %s: %zu schedules, complete %d\n", ex.name, report.schedules,
              static_cast<int>(report.complete));
  for (const std::string& id : model::witness_order(report)) {
    const model::Execution& w = report.witnesses.at(id);
    std::printf("--- witness %s, schedule %s\n", id.c_str(), w.schedule.c_str());
    for (const Violation& v : w.violations)
      std::printf("    %s: %s\n", v.id.c_str(), v.message.c_str());
    std::printf("%s", model::render_timeline(w).c_str());
  }
}

class DocExample : public ::testing::TestWithParam<Example> {};

TEST_P(DocExample, ExploresToTheDeclaredOutcome) {
  const Example& ex = GetParam();
  model::Options opts;  // the defaults the doc describes: dpor, every witness
  opts.spurious_wakeups = ex.spurious_wakeups;
  const model::Report report = model::explore(opts, ex.body);
  if (std::getenv("RACELAB_DOCS_DUMP") != nullptr) dump(ex, report);
  std::vector<std::string> ids;
  for (const auto& [id, witness] : report.witnesses) ids.push_back(id);  // std::map: sorted
  std::vector<std::string> expected = ex.ids;
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(ids, expected) << ex.name << ": " << report.schedules << " schedules";
  if (ex.ids.empty()) {
    EXPECT_FALSE(report.failure) << report.failure->violations.front().message;
    EXPECT_TRUE(report.complete) << ex.name;
  } else {
    ASSERT_TRUE(report.failure) << ex.name;
    for (const auto& [id, witness] : report.witnesses)
      EXPECT_FALSE(witness.schedule.empty()) << ex.name << ": " << id;
  }
}

std::string test_name(const ::testing::TestParamInfo<Example>& info) {
  std::string name;
  bool upper = true;
  for (const char c : std::string(info.param.name)) {
    if (c == '-') {
      upper = true;
      continue;
    }
    name += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return name + (info.param.spurious_wakeups == 1 ? "" : "_NoSpuriousWakeups");
}

INSTANTIATE_TEST_SUITE_P(ModelLibrary, DocExample, ::testing::ValuesIn(all_examples()), test_name);

}  // namespace
}  // namespace racelab::docs_examples
