// The terminal timeline. Each row holds one step, so a cell may run on into the empty columns to
// its right: that keeps columns narrow (a thread name wide) while operations stay whole.
#include <algorithm>
#include <map>
#include <sstream>

#include "render.hpp"
#include "racelab/internal/text.hpp"

namespace racelab::cli {

namespace {

constexpr std::size_t kStepColumn = 6;  // "  step" / "    12"
// Past this many columns of thread names, a timeline switches to short headers (T0, T1, ...)
// with a legend: a 16-thread scenario then fits a terminal instead of wrapping every row.
constexpr std::size_t kWideColumns = 100;

struct Columns {
  bool compact = false;
  std::size_t width = 10;
};

Columns columns_for(const model::Trace& t) {
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

// Violations by the step they happened at (-1: at the end of the run).
std::multimap<int, const model::Violation*> by_step(const std::vector<model::Violation>& vs) {
  std::multimap<int, const model::Violation*> out;
  for (const auto& v : vs) out.emplace(v.step, &v);
  return out;
}

std::string violation_line(const model::Violation& v) {
  return v.message.empty() ? v.id : v.message;
}

}  // namespace

std::string replay_command(const Subject& s, const std::string& token, const std::string& format) {
  std::string cmd = "racelab replay " + s.scenario + " --impl " + s.impl + " --schedule " + token;
  if (!format.empty()) cmd += " --format " + format;
  return cmd;
}

std::string render_timeline(const model::Execution& e, const Style& style, int first, int last) {
  const auto& t = e.trace;
  const Columns columns = columns_for(t);
  const std::size_t width = columns.width;
  const int n = static_cast<int>(t.steps.size());
  if (last < 0 || last > n) last = n;
  first = std::clamp(first, 0, last);

  std::ostringstream out;
  std::string heads = pad_right("  step", kStepColumn + 2);
  std::string roles(kStepColumn + 2, ' ');
  if (columns.compact) {
    std::string legend;
    for (std::size_t i = 0; i < t.threads.size(); ++i) {
      heads += pad_right("T" + std::to_string(i), width);
      legend += (i == 0       ? ""
                 : i % 4 == 0 ? ",\n  "
                              : ", ") +
                ("T" + std::to_string(i)) + " " + t.threads[i];
    }
    out << style.dim("  " + legend) << '\n' << style.bold(heads) << '\n';
  } else {
    for (const auto& name : t.threads) {
      const auto [head, role] = split_thread_name(name);
      heads += pad_right(head, width);
      roles += pad_right(role.empty() ? "" : "(" + role + ")", width);
    }
    out << style.bold(heads) << '\n' << style.dim(roles) << '\n';
  }

  const auto violations = by_step(e.violations);
  auto indent = [&](int thread) {
    return std::string(kStepColumn + 2 + width * static_cast<std::size_t>(std::max(thread, 0)),
                       ' ');
  };
  if (first > 0) out << pad_right("     …", kStepColumn + 2) << '\n';
  for (int i = first; i < last; ++i) {
    const auto& s = t.steps[static_cast<std::size_t>(i)];
    std::string num = std::to_string(i + 1);
    std::string row = std::string(kStepColumn - std::min(kStepColumn, num.size()), ' ') + num;
    const bool violating = model::violates_at(e, i);
    const std::string cell = (violating ? "✗ " : "") + step_text(s);
    row += indent(s.thread).substr(kStepColumn);
    row += violating ? style.bad(cell) : cell;
    const std::string src = source_of(s.file, s.line);
    if (!src.empty()) row += "   " + style.dim(src);
    out << row << '\n';
    // The violation itself, under the step that caused it, in the same column.
    const auto [lo, hi] = violations.equal_range(i);
    for (auto it = lo; it != hi; ++it) {
      if (step_shows(s, *it->second)) continue;
      out << indent(s.thread) << style.bad("✗ " + violation_line(*it->second)) << '\n';
    }
  }
  if (last < n) out << pad_right("     …", kStepColumn + 2) << '\n';
  const auto [lo, hi] = violations.equal_range(-1);
  for (auto it = lo; it != hi; ++it) {
    out << "   end  " << style.bad("✗ " + violation_line(*it->second)) << '\n';
  }
  return out.str();
}

std::string render_violations(const std::vector<model::Violation>& vs, const Style& style) {
  // Group equal (id, message) pairs, keeping first-seen order.
  struct Group {
    const model::Violation* first;
    std::vector<std::string> threads;
  };
  std::vector<Group> groups;
  for (const auto& v : vs) {
    auto it = std::find_if(groups.begin(), groups.end(), [&](const Group& g) {
      return g.first->id == v.id && g.first->message == v.message;
    });
    if (it == groups.end()) {
      groups.push_back({&v, {}});
      it = groups.end() - 1;
    }
    if (!v.thread.empty()) it->threads.push_back(v.thread);
  }
  std::ostringstream out;
  for (const auto& g : groups) {
    std::string line = "✗ violation: " + violation_line(*g.first);
    if (!g.threads.empty()) line += " in " + g.threads.front();
    out << style.bad(line);
    if (g.threads.size() > 1) {
      std::string more = "   [and " + std::to_string(g.threads.size() - 1) + " more: ";
      for (std::size_t i = 1; i < g.threads.size(); ++i) {
        more += (i > 1 ? ", " : "") + g.threads[i];
      }
      out << style.dim(more + "]");
    }
    out << '\n';
  }
  return out.str();
}

std::string render_replay_text(const Subject& s, const model::Execution& e, const Style& style) {
  std::ostringstream out;
  out << style.bold(s.scenario) << " — " << s.title << "  · impl " << s.impl << '\n';
  out << "schedule " << e.schedule << " · " << e.preemptions
      << (e.preemptions == 1 ? " preemption" : " preemptions") << " · " << e.trace.steps.size()
      << " steps\n\n";
  if (e.ok()) {
    out << style.good("✓ no violation in this interleaving") << "\n\n";
  } else {
    out << render_violations(e.violations, style) << '\n';
  }
  out << render_timeline(e, style) << '\n';
  out << "replay:  " << style.accent(replay_command(s, e.schedule)) << '\n';
  out << "review:  " << style.accent(replay_command(s, e.schedule, "markdown")) << '\n';
  return out.str();
}

}  // namespace racelab::cli
