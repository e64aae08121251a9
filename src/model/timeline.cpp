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

// Whether the step changed its object in a way another thread's later step can see or undo.
bool changes_object(const Step& s) {
  switch (s.kind) {
    case OpKind::write:
    case OpKind::put:
    case OpKind::get:
    case OpKind::close:
    case OpKind::unlock:
    case OpKind::store:
    case OpKind::rmw:
    case OpKind::release: return !s.object.empty();
    default: return false;
  }
}

}  // namespace

std::vector<bool> involved_threads(const Execution& e) {
  const auto& steps = e.trace.steps;
  std::size_t n = e.trace.threads.size();
  for (const Step& s : steps) n = std::max(n, static_cast<std::size_t>(s.thread) + 1);
  std::vector<bool> shown(n, false);
  bool any = false;
  auto mark = [&](int step) {
    if (step < 0 || step >= static_cast<int>(steps.size())) return;
    const Step& s = steps[static_cast<std::size_t>(step)];
    shown[static_cast<std::size_t>(s.thread)] = true;
    any = true;
    if (s.object.empty()) return;
    for (int j = step - 1; j >= 0; --j) {  // rule 2: whose change this step saw or undid
      const Step& before = steps[static_cast<std::size_t>(j)];
      if (before.thread != s.thread && before.object == s.object && changes_object(before)) {
        shown[static_cast<std::size_t>(before.thread)] = true;
        break;
      }
    }
  };
  for (const Violation& v : e.violations) {
    mark(v.step);
    for (int r : v.related) mark(r);
  }
  if (!any) return std::vector<bool>(n, true);
  for (const Violation& v : e.violations) {
    for (std::size_t t = 0; t < e.trace.threads.size(); ++t) {
      if (!v.thread.empty() && e.trace.threads[t] == v.thread) shown[t] = true;
    }
  }
  return shown;
}

std::string elided_text(const Trace& t, const std::vector<bool>& shown, int first, int last) {
  std::vector<bool> seen(shown.size(), false);
  int steps = 0, threads = 0;
  for (int i = std::max(first, 0); i < last && i < static_cast<int>(t.steps.size()); ++i) {
    const auto th = static_cast<std::size_t>(t.steps[static_cast<std::size_t>(i)].thread);
    if (th < shown.size() && shown[th]) continue;
    ++steps;
    if (th < seen.size() && !seen[th]) {
      seen[th] = true;
      ++threads;
    }
  }
  return std::to_string(steps) + (steps == 1 ? " step of " : " steps of ") +
         std::to_string(threads) + (threads == 1 ? " other thread" : " other threads");
}

std::string render_timeline(const Execution& e, const TimelineOptions& options) {
  const TimelineStyle& style = options.style;
  const auto& t = e.trace;
  // Threads the steps name, even if the trace's name list is shorter (hand-made traces).
  std::vector<std::string> names = t.threads;
  for (const Step& s : t.steps) {
    while (names.size() <= static_cast<std::size_t>(s.thread)) {
      names.push_back(thread_number_name(static_cast<int>(names.size())));
    }
  }
  // --focus: the columns of the threads shown, in id order; column[t] < 0 hides thread t.
  std::vector<bool> shown = options.threads;
  shown.resize(names.size(), options.threads.empty());
  std::vector<int> column(names.size(), -1);
  std::vector<std::string> shown_names;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (!shown[i]) continue;
    column[i] = static_cast<int>(shown_names.size());
    shown_names.push_back(names[i]);
  }
  Trace named{shown_names, {}};
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
    std::size_t k = 0;
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (!shown[i]) continue;
      heads += pad_right("T" + std::to_string(i), width);
      legend += (k == 0       ? ""
                 : k % 4 == 0 ? ",\n  "
                              : ", ") +
                ("T" + std::to_string(i)) + " " + names[i];
      ++k;
    }
    out << styled(style.secondary, "  " + legend) << '\n'
        << styled(style.heading, trimmed(heads)) << '\n';
  } else {
    for (const auto& name : shown_names) {
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
    const int col = thread >= 0 && static_cast<std::size_t>(thread) < column.size()
                        ? std::max(column[static_cast<std::size_t>(thread)], 0)
                        : 0;
    return std::string(kStepColumn + 2 + width * static_cast<std::size_t>(col), ' ');
  };
  if (first > 0) out << "     …\n";
  bool preempted = false;  // a ↯ was shown: the legend explains it
  int hidden_from = -1;    // the first of a run of steps of threads not shown
  auto close_hidden = [&](int i) {
    if (hidden_from < 0) return;
    out << styled(style.secondary, "     … " + elided_text(t, shown, hidden_from, i)) << '\n';
    hidden_from = -1;
  };
  for (int i = first; i < last; ++i) {
    const Step& s = t.steps[static_cast<std::size_t>(i)];
    if (!shown[static_cast<std::size_t>(s.thread)]) {
      if (hidden_from < 0) hidden_from = i;
      continue;
    }
    close_hidden(i);
    const std::string num = std::to_string(i + 1);
    std::string row = std::string(kStepColumn - std::min(kStepColumn, num.size()), ' ') + num;
    const bool violating = violates_at(e, i);
    std::string cell = (violating ? "✗ " : "") + op_text(s);
    if (!s.value.empty()) cell += " → " + s.value;
    if (s.preemption) {
      row += kPreemptionMark;
      row += indent(s.thread).substr(kStepColumn + 1);
      preempted = true;
    } else {
      row += indent(s.thread).substr(kStepColumn);
    }
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
  close_hidden(last);
  if (last < n) out << "     …\n";
  const auto [lo, hi] = by_step.equal_range(-1);
  for (auto it = lo; it != hi; ++it) {
    out << "   end  " << styled(style.violation, "✗ " + violation_line(*it->second)) << '\n';
  }
  if (preempted) out << styled(style.secondary, std::string("  ") + kPreemptionLegend) << '\n';
  if (options.schedule_line && !e.schedule.empty()) out << "schedule " << e.schedule << '\n';
  return out.str();
}

}  // namespace racelab::model
