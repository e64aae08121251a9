#include "verdict_table.hpp"

#include <algorithm>
#include <sstream>

namespace racelab::verdicts {

bool Row::agrees() const {
  if (declared != measured) return false;
  return std::all_of(declared_finds.begin(), declared_finds.end(),
                     [&](const std::string& id) { return found.count(id) > 0; });
}

Row measure(const scenarios::Scenario& s, const std::string& impl, const Budget& budget) {
  Row row;
  row.scenario = s.id;
  row.impl = impl;
  const auto& expectation = s.expected.at(impl);
  row.declared = expectation.verdict;
  row.declared_finds = expectation.finds;

  const auto run = scenarios::model_run(s, impl);
  model::Options opts;
  opts.strategy = budget.strategy;
  opts.max_schedules = budget.max_schedules;
  opts.seed = budget.seed;
  opts.stop_on_first_violation = false;
  opts.on_execution = [&row](const model::Execution& e) {
    for (const auto& v : e.violations) row.found.insert(v.id);
  };
  const auto report = model::explore(opts, run.body, run.end_check);
  row.schedules = report.schedules;
  row.traces = report.traces;
  row.failing = report.failing_schedules;
  row.complete = report.complete;
  row.elapsed_ms = report.elapsed_ms;
  row.shortest = report.failure;
  row.measured = report.failure ? scenarios::Verdict::violation : scenarios::Verdict::safe;
  return row;
}

std::vector<Row> measure_all(const Budget& budget) {
  std::vector<Row> rows;
  for (const auto& s : scenarios::catalogue()) {
    for (const auto& impl : scenarios::implementations()) rows.push_back(measure(s, impl, budget));
  }
  return rows;
}

namespace {
std::string join(const std::set<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ", ") + id;
  return out.empty() ? "—" : out;
}
}  // namespace

std::string render_markdown(const std::vector<Row>& rows) {
  std::ostringstream md;
  md << "| scenario | impl | declared | measured | agrees | violations found | schedules | "
        "failing | coverage | time | shortest failing schedule |\n";
  md << "|---|---|---|---|---|---|---:|---:|---|---:|---|\n";
  for (const auto& r : rows) {
    md << "| `" << r.scenario << "` | " << r.impl << " | " << scenarios::to_string(r.declared)
       << " | " << scenarios::to_string(r.measured) << " | " << (r.agrees() ? "✓" : "✗ **no**")
       << " | " << join(r.found) << " | " << r.schedules << " | " << r.failing << " | "
       << (r.complete ? "exhaustive: all " + std::to_string(r.traces) + " traces"
                      : "sampled " + std::to_string(r.schedules))
       << " | ";
    md.setf(std::ios::fixed);
    md.precision(1);
    md << r.elapsed_ms << " ms | ";
    if (r.shortest) {
      md << "`" << r.shortest->schedule << "` (" << r.shortest->preemptions << " preemptions)";
    } else {
      md << "—";
    }
    md << " |\n";
  }
  return md.str();
}

}  // namespace racelab::verdicts
