// An execution as a review comment (racelab/model/review.hpp).
#include "racelab/model/review.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "racelab/internal/text.hpp"
#include "racelab/model/timeline.hpp"

namespace racelab::model {

namespace {

// Mermaid message and note text ends at a newline and treats ';' and '#' specially; '<' and '>'
// would be read as HTML. Entity codes (#59; …) are Mermaid's own escape.
std::string mermaid_text(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case ';': out += "#59;"; break;
      case '#': out += "#35;"; break;
      case '<': out += "#lt;"; break;
      case '>': out += "#gt;"; break;
      case '\n':
      case '\r': out += ' '; break;
      default: out += c;
    }
  }
  return out;
}

// Mermaid does not wrap notes: a long one would make the diagram as wide as the sentence. Breaks
// the (already escaped) text at spaces into lines of about `width` characters.
std::string wrap_note(const std::string& text, std::size_t width = 64) {
  std::string out;
  for (const std::string& line : wrap(text, width)) out += (out.empty() ? "" : "<br/>") + line;
  return out;
}

// Participant ids must be plain identifiers; the label carries the real name.
std::string object_id(std::size_t index) { return "O" + std::to_string(index); }
std::string thread_id(int thread) { return "T" + std::to_string(thread); }

}  // namespace

// Prose outside the diagram: '<' would open an HTML tag and hide the rest of the line.
std::string review_prose(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else {
      out += c;
    }
  }
  return out;
}

std::string review_code(std::string_view s) {
  // A backtick inside would end the span; the messages racelab makes have none, but be safe.
  std::string out(s);
  std::replace(out.begin(), out.end(), '`', '\'');
  return "`" + out + "`";
}

namespace {

// Thread ids that appear in the trace, in id order: a diagram does not draw idle participants.
std::set<int> threads_used(const Execution& e) {
  std::set<int> used;
  for (const auto& s : e.trace.steps) used.insert(s.thread);
  for (const auto& v : e.violations) {
    for (std::size_t t = 0; t < e.trace.threads.size(); ++t) {
      if (e.trace.threads[t] == v.thread) used.insert(static_cast<int>(t));
    }
  }
  return used;
}

std::string thread_name(const Execution& e, int t) {
  if (t >= 0 && static_cast<std::size_t>(t) < e.trace.threads.size()) {
    return e.trace.threads[static_cast<std::size_t>(t)];
  }
  return thread_number_name(t);
}

// Steps that act on a shared object (a cell, a mutex, a queue) are arrows to that object.
bool on_object(const Step& s) {
  switch (s.kind) {
    case OpKind::read:
    case OpKind::write:
    case OpKind::lock:
    case OpKind::unlock:
    case OpKind::put:
    case OpKind::get:
    case OpKind::close:
    // A user's own class: atomics, condition variables, semaphores, latches and barriers.
    case OpKind::load:
    case OpKind::store:
    case OpKind::rmw:
    case OpKind::wait:
    case OpKind::wake:
    case OpKind::notify:
    case OpKind::acquire:
    case OpKind::release: return !s.object.empty();
    default: return false;
  }
}

// An arrow's label: the object is the arrow's target, so the label says only what was done.
std::string arrow_label(const Step& s) {
  switch (s.kind) {
    case OpKind::read:
    case OpKind::write: return std::string(to_string(s.kind)) + " " + s.detail;
    case OpKind::load:
    case OpKind::store:
    case OpKind::rmw:
    case OpKind::notify:
    case OpKind::acquire:
    case OpKind::release:  // "rmw fetch_add, relaxed", "notify all", "acquire try"
      return std::string(to_string(s.kind)) + (s.detail.empty() ? "" : " " + s.detail);
    case OpKind::lock: return s.detail == "try" ? "try_lock" : "lock";
    case OpKind::spawn: return "start";
    case OpKind::yield:
    case OpKind::exit:
    case OpKind::start: return op_text(s);
    default: return to_string(s.kind);
  }
}

// What failed, before the diagram; the subject says what ran.
void write_summary(std::ostringstream& out, const Execution& e, const std::string& subject) {
  if (e.ok()) {
    out << "**racelab**: " << subject << " runs this interleaving without a violation.\n\n";
    return;
  }
  out << "**racelab** found a race in " << subject << ". In the interleaving below ("
      << e.preemptions << (e.preemptions == 1 ? " preemption" : " preemptions") << "):\n\n";
  for (const auto& v : e.violations) {
    out << "- " << review_code(v.id) << " — " << review_prose(v.message.empty() ? v.id : v.message);
    // The thread when the message does not name it (a race names both of its own).
    if (!v.thread.empty() && v.message.find(v.thread) == std::string::npos)
      out << " in " << review_prose(v.thread);
    if (v.step >= 0) out << " (step " << v.step + 1 << ")";
    out << '\n';
  }
  out << '\n';
}

}  // namespace

std::string review_markdown(const Execution& e, const ReviewOptions& options) {
  std::ostringstream out;
  write_summary(out, e, options.subject);
  // --focus: participants and arrows of the involved threads only; a note for each run of the
  // other threads' steps.
  const std::vector<bool>& shown = options.threads;
  auto is_shown = [&](int t) {
    return shown.empty() || (t >= 0 && static_cast<std::size_t>(t) < shown.size() &&
                             shown[static_cast<std::size_t>(t)]);
  };
  if (!options.state.empty()) {
    for (const std::string& line : options.state) out << "- " << review_code(line) << '\n';
    out << '\n';
  }

  // Objects in the order the trace first touches them.
  std::vector<std::string> objects;
  for (const auto& st : e.trace.steps) {
    if (on_object(st) && is_shown(st.thread) &&
        std::find(objects.begin(), objects.end(), st.object) == objects.end()) {
      objects.push_back(st.object);
    }
  }
  auto object_index = [&](const std::string& name) {
    return static_cast<std::size_t>(std::find(objects.begin(), objects.end(), name) -
                                    objects.begin());
  };
  auto thread_by_name = [&](const std::string& name) -> int {
    for (std::size_t t = 0; t < e.trace.threads.size(); ++t) {
      const auto& full = e.trace.threads[t];
      if (full == name || split_thread_name(full).first == name) return static_cast<int>(t);
    }
    return -1;
  };

  out << "```mermaid\nsequenceDiagram\n";
  std::set<int> used;
  for (int t : threads_used(e)) {
    if (is_shown(t)) used.insert(t);
  }
  for (int t : used) {
    out << "    participant " << thread_id(t) << " as " << mermaid_text(thread_name(e, t)) << '\n';
  }
  for (std::size_t i = 0; i < objects.size(); ++i) {
    out << "    participant " << object_id(i) << " as " << mermaid_text(objects[i]) << '\n';
  }

  std::multimap<int, const Violation*> by_step;
  for (const auto& v : e.violations) by_step.emplace(v.step, &v);

  int hidden_from = -1;  // the first of a run of steps of threads not shown
  auto close_hidden = [&](std::size_t i) {
    if (hidden_from < 0) return;
    const int first = used.empty() ? 0 : *used.begin();
    const int last = used.empty() ? 0 : *used.rbegin();
    out << "    Note over " << thread_id(first) << (last != first ? "," + thread_id(last) : "")
        << ": … " << mermaid_text(elided_text(e.trace, shown, hidden_from, static_cast<int>(i)))
        << '\n';
    hidden_from = -1;
  };
  for (std::size_t i = 0; i < e.trace.steps.size(); ++i) {
    const auto& st = e.trace.steps[i];
    if (!is_shown(st.thread)) {
      if (hidden_from < 0) hidden_from = static_cast<int>(i);
      continue;
    }
    close_hidden(i);
    const std::string who = thread_id(st.thread);
    // An escaped exception is stated by its step (no separate note), so the step carries the mark.
    // ↯: the scheduler preempted another thread to run this step.
    const bool on_thread = st.kind == OpKind::spawn || st.kind == OpKind::join;
    int other = on_thread ? thread_by_name(st.object) : -1;
    if (!is_shown(other)) other = -1;
    // A start or join of a thread without a participant (--focus) names it in the note.
    const std::string what = on_thread && other < 0 ? op_text(st) : arrow_label(st);
    std::string label = std::to_string(i + 1) + (st.preemption ? kPreemptionMark : "") + ". " +
                        (st.raised.empty() ? "" : "✗ ") + what;
    if (!st.value.empty()) label += " → " + st.value;
    const auto [lo, hi] = by_step.equal_range(static_cast<int>(i));
    const bool failing = lo != hi;
    if (failing) out << "    rect rgb(255, 215, 215)\n";
    if (on_object(st)) {
      out << "    " << who << "->>" << object_id(object_index(st.object)) << ": "
          << mermaid_text(label) << '\n';
    } else if (other >= 0 && other != st.thread) {
      out << "    " << who << "->>" << thread_id(other) << ": " << mermaid_text(label) << '\n';
    } else {
      out << "    Note over " << who << ": " << mermaid_text(label) << '\n';
    }
    for (auto it = lo; it != hi; ++it) {
      const auto& v = *it->second;
      if (step_states(st, v)) continue;
      int vt = v.thread.empty() ? st.thread : thread_by_name(v.thread);
      if (!is_shown(vt)) vt = st.thread;
      out << "    Note over " << thread_id(vt >= 0 ? vt : st.thread) << ": "
          << wrap_note("✗ " + mermaid_text(v.message.empty() ? v.id : v.message)) << '\n';
    }
    if (failing) out << "    end\n";
  }
  close_hidden(e.trace.steps.size());
  // Violations found at the end of the run (properties) are not tied to a step.
  const auto [lo, hi] = by_step.equal_range(-1);
  for (auto it = lo; it != hi; ++it) {
    const int first = used.empty() ? 0 : *used.begin();
    const int last = used.empty() ? 0 : *used.rbegin();
    out << "    Note over " << thread_id(first);
    if (last != first) out << "," << thread_id(last);
    out << ": "
        << wrap_note("✗ end of run: " + mermaid_text(it->second->message.empty()
                                                         ? it->second->id
                                                         : it->second->message))
        << '\n';
  }
  out << "```\n\n";
  if (std::any_of(e.trace.steps.begin(), e.trace.steps.end(),
                  [&](const Step& st) { return st.preemption && is_shown(st.thread); }))
    out << kPreemptionLegend << ".\n\n";
  if (!options.replay.empty()) out << "Replay it: " << review_code(options.replay) << "\n";
  return out.str();
}

}  // namespace racelab::model
