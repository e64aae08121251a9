// The timeline (racelab/model/timeline.hpp).
#include "racelab/model/timeline.hpp"

#include <algorithm>
#include <map>
#include <sstream>

#include "racelab/internal/text.hpp"

namespace racelab::model {

namespace {

constexpr std::size_t kStepColumn = 6;  // "  step" / "    12"
// Past this many columns of thread names, the header switches to short names (T0, T1, ...)
// with a legend: a 16-thread scenario then fits a terminal instead of wrapping every row.
constexpr std::size_t kWideColumns = 100;

struct Columns {
  bool compact = false;
  std::size_t width = 10;
};

Columns columns_for(const Trace& t) {
  Columns c;
  for (const auto& name : t.threads) {
    const auto [head, role] = split_thread_name(name);
    c.width = std::max({c.width, display_width(head) + 2, display_width(role) + 4});
  }
  if (c.width * t.threads.size() > kWideColumns) {
    c.compact = true;
    c.width = std::to_string(t.threads.size()).size() + 3;  // "T15" and two spaces
  }
  return c;
}

std::string styled(const std::function<std::string(const std::string&)>& hook,
                   const std::string& text) {
  return hook ? hook(text) : text;
}

std::string violation_line(const Violation& v) { return v.message.empty() ? v.id : v.message; }

// Header rows are padded column by column; the last column's padding is not worth printing.
std::string trimmed(std::string s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

}  // namespace

std::string render_timeline(const Execution& e, const TimelineOptions& options) {
  const TimelineStyle& style = options.style;
  const auto& t = e.trace;
  // Threads the steps name, even if the trace's name list is shorter (hand-made traces).
  std::vector<std::string> names = t.threads;
  for (const Step& s : t.steps) {
    while (names.size() <= static_cast<std::size_t>(s.thread)) {
      names.push_back("Thread-" + std::to_string(names.size()));
    }
  }
  Trace named{names, {}};
  const Columns columns = columns_for(named);
  const std::size_t width = columns.width;
  const int n = static_cast<int>(t.steps.size());
  const int last = options.last < 0 || options.last > n ? n : options.last;
  const int first = std::clamp(options.first, 0, last);

  std::ostringstream out;
  std::string heads = pad_right("  step", kStepColumn + 2);
  std::string roles(kStepColumn + 2, ' ');
  if (columns.compact) {
    std::string legend;
    for (std::size_t i = 0; i < names.size(); ++i) {
      heads += pad_right("T" + std::to_string(i), width);
      legend += (i == 0       ? ""
                 : i % 4 == 0 ? ",\n  "
                              : ", ") +
                ("T" + std::to_string(i)) + " " + names[i];
    }
    out << styled(style.secondary, "  " + legend) << '\n'
        << styled(style.heading, trimmed(heads)) << '\n';
  } else {
    for (const auto& name : names) {
      const auto [head, role] = split_thread_name(name);
      heads += pad_right(head, width);
      roles += pad_right(role.empty() ? "" : "(" + role + ")", width);
    }
    out << styled(style.heading, trimmed(heads)) << '\n'
        << styled(style.secondary, trimmed(roles)) << '\n';
  }

  std::multimap<int, const Violation*> by_step;  // -1: at the end of the run
  for (const auto& v : e.violations) by_step.emplace(v.step, &v);
  auto indent = [&](int thread) {
    return std::string(kStepColumn + 2 + width * static_cast<std::size_t>(std::max(thread, 0)),
                       ' ');
  };
  if (first > 0) out << "     …\n";
  for (int i = first; i < last; ++i) {
    const Step& s = t.steps[static_cast<std::size_t>(i)];
    const std::string num = std::to_string(i + 1);
    std::string row = std::string(kStepColumn - std::min(kStepColumn, num.size()), ' ') + num;
    const bool violating = violates_at(e, i);
    std::string cell = (violating ? "✗ " : "") + op_text(s);
    if (!s.value.empty()) cell += " → " + s.value;
    row += indent(s.thread).substr(kStepColumn);
    row += violating ? styled(style.violation, cell) : cell;
    const std::string src = source_of(s.file, s.line);
    if (!src.empty()) row += "   " + styled(style.secondary, src);
    out << row << '\n';
    // The violation itself, under the step that caused it, in the same column; an escaped
    // exception is the step's own text already.
    const auto [lo, hi] = by_step.equal_range(i);
    for (auto it = lo; it != hi; ++it) {
      if (step_states(s, *it->second)) continue;
      out << indent(s.thread) << styled(style.violation, "✗ " + violation_line(*it->second))
          << '\n';
    }
  }
  if (last < n) out << "     …\n";
  const auto [lo, hi] = by_step.equal_range(-1);
  for (auto it = lo; it != hi; ++it) {
    out << "   end  " << styled(style.violation, "✗ " + violation_line(*it->second)) << '\n';
  }
  if (options.schedule_line && !e.schedule.empty()) out << "schedule " << e.schedule << '\n';
  return out.str();
}

}  // namespace racelab::model
