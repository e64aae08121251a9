// The terminal's words for an execution: its violations grouped, the replay heading and commands;
// the timeline itself is the library's (racelab/model/timeline.hpp), drawn in the terminal's style.
#include <algorithm>
#include <sstream>

#include "racelab/internal/text.hpp"
#include "render.hpp"
#include "usage.hpp"

namespace racelab::cli {

namespace {

std::string violation_line(const model::Violation& v) {
  return v.message.empty() ? v.id : v.message;
}

}  // namespace

std::string replay_command(const Subject& s, const std::string& token, const std::string& format) {
  std::string cmd =
      "racelab replay " + s.scenario + " --impl " + s.impl + s.size + " --schedule " + token;
  if (!format.empty()) cmd += " --format " + format;
  return cmd;
}

std::vector<bool> shown_threads(const Subject& s, const model::Execution& e) {
  if (!s.focus) return {};
  return model::involved_threads(e);
}

std::string render_timeline(const model::Execution& e, const Style& style, int first, int last,
                            const std::vector<bool>& threads) {
  model::TimelineOptions o;
  o.style.heading = [&style](const std::string& t) { return style.bold(t); };
  o.style.secondary = [&style](const std::string& t) { return style.dim(t); };
  o.style.violation = [&style](const std::string& t) { return style.bad(t); };
  o.first = first;
  o.last = last;
  o.threads = threads;
  o.schedule_line = false;  // the command prints the token with its replay command
  return model::render_timeline(e, o);
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
    // Which thread, when the message does not say (three workers' KeyError read the same); a
    // race names its threads itself, and "… held none in Thread-3" would read as Thread-3's.
    const bool named =
        !g.threads.empty() && g.first->message.find(g.threads.front()) != std::string::npos;
    if (!g.threads.empty() && !named) line += " in " + g.threads.front();
    out << style.bad(line);
    if (g.threads.size() > 1 && !named) {
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

std::string render_thread_output(const model::Execution& e) {
  std::string out;
  for (const model::Step& step : e.trace.steps) {
    if (step.kind != model::OpKind::exit || step.raised.empty()) continue;
    const auto t = static_cast<std::size_t>(step.thread);
    const std::string name =
        t < e.trace.threads.size() ? e.trace.threads[t] : "Thread-" + std::to_string(t);
    out += "Exception in thread " + name + ":\n" + step.raised + "\n";
  }
  return out;
}

std::string render_replay_text(const Subject& s, const model::Execution& e, const Style& style) {
  std::ostringstream out;
  out << style.bold(s.scenario) << " — " << s.title << "  · impl " << s.impl << '\n';
  out << "schedule " << e.schedule << " · "
      << plural(static_cast<std::size_t>(e.preemptions), "preemption") << " · "
      << plural(e.trace.steps.size(), "step") << "\n\n";
  if (e.ok()) {
    out << style.good("✓ no violation in this interleaving") << "\n\n";
  } else {
    out << render_violations(e.violations, style) << '\n';
  }
  out << render_timeline(e, style, 0, -1, shown_threads(s, e)) << '\n';
  if (!s.state_note.empty()) out << style.dim(s.state_note) << "\n\n";
  if (const std::string printed = render_thread_output(e); !printed.empty()) {
    out << style.bold("what the run printed") << " (Python's threading prints the same):\n"
        << indent(printed, "    ") << '\n';
  }
  out << "replay:  " << style.accent(replay_command(s, e.schedule)) << '\n';
  out << "review:  " << style.accent(replay_command(s, e.schedule, "markdown")) << '\n';
  return out.str();
}

}  // namespace racelab::cli
