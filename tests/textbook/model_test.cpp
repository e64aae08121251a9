// The textbook programs under racelab's model: every execution explored (dpor), and the set of
// violation ids found is exactly the declared one — a buggy version finds what it declares and
// nothing else, a correct one is safe and complete. The same table runs on real threads, under
// ThreadSanitizer and under Relacy (this folder's other tests), so the verdicts are comparable.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include "programs.hpp"
#include "racelab/model/explore.hpp"

namespace racelab::textbook {
namespace {

class ModelVerdict : public ::testing::TestWithParam<Textbook> {};

TEST_P(ModelVerdict, FindsExactlyTheDeclaredIds) {
  const Textbook& t = GetParam();
  model::Options o;
  o.strategy = model::Strategy::dpor;
  o.stop_on_first_violation = false;  // every execution, so "exactly" means something
  std::set<std::string> found;
  o.on_execution = [&](const model::Execution& e) {
    for (const Violation& v : e.violations) found.insert(v.id);
  };
  const model::Report r = model::explore(o, t.body);
  EXPECT_TRUE(r.complete) << r.schedules << " schedules";
  std::set<std::string> declared;
  for (const auto& id : t.expected.ids)
    if (!id.empty()) declared.insert(std::string(id));
  EXPECT_EQ(found, declared);
}

TEST_P(ModelVerdict, TheDefaultReportHasAWitnessPerDeclaredId) {
  const Textbook& t = GetParam();
  const model::Report r = model::explore(model::Options{}, t.body);
  std::set<std::string> witnessed;
  for (const auto& entry : r.witnesses) {
    const std::string& id = entry.first;  // not a structured binding: clang 14 cannot capture one
    const model::Execution& e = entry.second;
    witnessed.insert(id);
    // Each witness replays to its own bug.
    const model::Execution again = model::replay(e.schedule, t.body);
    EXPECT_TRUE(std::any_of(again.violations.begin(), again.violations.end(),
                            [&](const Violation& v) { return v.id == id; }))
        << id << " " << e.schedule;
  }
  std::set<std::string> declared;
  for (const auto& id : t.expected.ids)
    if (!id.empty()) declared.insert(std::string(id));
  EXPECT_EQ(witnessed, declared);
}

std::string row_name(const ::testing::TestParamInfo<Textbook>& i) {
  std::string n = std::string(i.param.name) + "_" + i.param.version;
  std::replace(n.begin(), n.end(), '-', '_');
  return n;
}

INSTANTIATE_TEST_SUITE_P(Textbook, ModelVerdict, ::testing::ValuesIn(kPrograms), row_name);

}  // namespace
}  // namespace racelab::textbook
