#include "verdict_table.hpp"

#include <sstream>

namespace racelab::verdicts {

std::vector<scenarios::CheckResult> check_all() {
  std::vector<scenarios::CheckResult> rows;
  for (const auto& s : scenarios::catalogue()) {
    for (const auto& impl : scenarios::implementations()) {
      rows.push_back(scenarios::check(s, impl, scenarios::every_trace()));
    }
  }
  return rows;
}

std::string render_markdown(const std::vector<scenarios::CheckResult>& rows) {
  std::ostringstream md;
  md << "| scenario | impl | declared | measured | agrees | violations found | schedules | "
        "failing | coverage | time | shortest failing schedule |\n";
  md << "|---|---|---|---|---|---|---:|---:|---|---:|---|\n";
  md.setf(std::ios::fixed);
  md.precision(1);
  for (const auto& r : rows) {
    std::string found;
    for (const auto& id : r.found) found += (found.empty() ? "" : ", ") + id;
    md << "| `" << r.scenario->id << "` | " << r.impl << " | "
       << scenarios::to_string(r.expected.verdict) << " | " << scenarios::to_string(r.verdict())
       << " | " << (r.as_declared() ? "✓" : "✗ **no**") << " | " << (found.empty() ? "—" : found)
       << " | " << r.report.schedules << " | " << r.report.failing_schedules << " | "
       << scenarios::coverage(r) << " | " << r.report.elapsed_ms << " ms | ";
    if (const auto& f = r.report.failure) {
      md << "`" << f->schedule << "` (" << f->preemptions << " preemptions)";
    } else {
      md << "—";
    }
    md << " |\n";
  }
  return md.str();
}

}  // namespace racelab::verdicts
