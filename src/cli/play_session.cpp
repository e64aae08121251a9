// The play session's loop: show every live thread's next step and source line, read a choice,
// run it, and finish with the outcome, the token and (for a level) the debrief.
#include "play_session.hpp"

#include <algorithm>
#include <stdexcept>

#include "play_session_impl.hpp"
#include "racelab/internal/text.hpp"
#include "racelab/model/schedule.hpp"
#include "racelab/scenarios/check.hpp"
#include "usage.hpp"

namespace racelab::cli {
namespace play_detail {
namespace {

std::string id_list(const std::vector<int>& ids) {
  if (ids.empty()) return "none";
  bool contiguous = ids.size() > 2;
  for (std::size_t i = 1; i < ids.size(); ++i) contiguous &= ids[i] == ids[i - 1] + 1;
  if (contiguous) return std::to_string(ids.front()) + "-" + std::to_string(ids.back());
  std::string out;
  for (int id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
  return out;
}

model::Execution as_execution(const model::Probe& p) {
  model::Execution e;
  e.trace = p.trace;
  e.violations = p.violations;
  e.schedule = p.schedule;
  return e;
}

}  // namespace

// The session holds its schedule as the token the engine printed; these edit it through the
// one schedule type (racelab/model/schedule.hpp).
std::string with_step(const std::string& token, int thread) {
  model::Schedule s = model::Schedule::parse(token);
  s.push(thread);
  return s.str();
}
std::string without_last(const std::string& token) {
  model::Schedule s = model::Schedule::parse(token);
  s.pop();
  return s.str();
}
std::size_t length(const std::string& token) { return model::Schedule::parse(token).size(); }

std::vector<int> enabled_threads(const model::Probe& p) {
  std::vector<int> ids;
  for (const auto& t : p.next) {
    if (t.enabled) ids.push_back(t.thread);
  }
  return ids;
}

std::string thread_name(const model::Probe& p, int id) {
  if (id >= 0 && static_cast<std::size_t>(id) < p.trace.threads.size()) {
    return p.trace.threads[static_cast<std::size_t>(id)];
  }
  for (const auto& t : p.next) {
    if (t.thread == id) return t.name;
  }
  return "Thread-" + std::to_string(id);
}

int Session::run() {
  token_ = setup_.start;
  try {
    current_ = probe_(token_);
  } catch (const std::invalid_argument& e) {
    const std::string game = setup_.command.substr(std::string("racelab play ").size());
    throw UsageError("--schedule: " + game + ": " + e.what() +
                     " (accepted: a prefix of a token printed for this " +
                     (setup_.level.empty() ? "scenario and implementation" : "level") + ")");
  }
  token_ = current_.schedule;
  intro();
  update_reach();
  for (;;) {
    if (goal_reached()) return finish_with_goal();
    if (current_.finished || enabled_threads(current_).empty()) return finish_without_goal();
    const auto enabled = enabled_threads(current_);
    if (enabled.size() == 1) {
      out_ << style_.dim("  " + fill(words_.only_can_run, {thread_name(current_, enabled[0])}))
           << '\n';
      advance(enabled.front());
      continue;
    }
    show_choices();
    out_ << fill(words_.prompt, {std::to_string(current_.trace.steps.size() + 1), id_list(enabled)})
         << std::flush;
    std::string line;
    if (!std::getline(in_, line)) {
      out_ << '\n';
      return stop(words_.input_ended);
    }
    if (setup_.echo_input) out_ << line << '\n';
    line.erase(0, line.find_first_not_of(" \t\r"));
    line.erase(line.find_last_not_of(" \t\r") + 1);
    if (line.empty()) continue;
    if (line == "q" || line == "quit") return stop(words_.you_stopped);
    if (line == "?" || line == "h" || line == "hint") {
      hint();
    } else if (line == "u" || line == "undo") {
      undo();
    } else if (line == "t" || line == "timeline") {
      out_ << render_timeline(as_execution(current_), style_);
    } else {
      pick(line, enabled);
    }
  }
}

bool Session::goal_reached() const {
  return setup_.goal_reached && setup_.goal_reached(current_.violations);
}

void Session::intro() {
  const auto& s = setup_.subject;
  out_ << style_.bold(setup_.command) << " — " << s.title << '\n';
  if (!setup_.level.empty()) out_ << style_.dim(setup_.level) << '\n';
  out_ << words_.goal << ": " << style_.bold(setup_.goal) << '\n';
  out_ << words_.you_are_the_scheduler << '\n';
  if (setup_.declared_safe) {
    out_ << style_.dim(s.impl == scenarios::kExercise ? std::string(words_.safe_exercise)
                                                      : fill(words_.safe_impl, {s.impl}))
         << '\n';
  }
  if (!token_.empty()) out_ << fill(words_.starting_from, {token_}) << '\n';
  out_ << '\n';
}

// The registry's state, then each live thread: what it does next and the line of code it runs
// (▶ marks the line; file:line alone when the source tree is not there).
void Session::show_choices() {
  out_ << '\n';
  if (!current_.state.empty()) out_ << current_.state << "\n\n";
  std::size_t name_width = 12;
  for (const auto& t : current_.next) name_width = std::max(name_width, display_width(t.name) + 2);
  for (const auto& t : current_.next) {
    const std::string id = "[" + std::to_string(t.thread) + "]";
    std::string line = "  " + pad_right(id, 5) + pad_right(t.name, name_width);
    const std::string src = source_of(t.op.file, t.op.line);
    if (t.enabled) {
      const std::string op = model::op_text(t.op);
      line += words_.next + (src.empty() ? op : pad_right(op, 40));
      out_ << line << (src.empty() ? "" : style_.dim(src)) << '\n';
    } else {
      out_ << style_.dim(line + words_.blocked +
                         (t.waits.empty() ? model::op_text(t.op) : t.waits) +
                         (src.empty() ? "" : "   " + src))
           << '\n';
    }
    const std::string text = source_.line_text(t.op.file, t.op.line);
    if (!text.empty()) {
      out_ << "       " << (t.enabled ? style_.accent("▶") : style_.dim("▷")) << " "
           << style_.dim(pad_right(std::to_string(t.op.line), 4) + "│ ") << text << '\n';
    }
  }
}

// Runs one step of `thread` and says what it did.
void Session::advance(int thread) {
  const std::size_t before = current_.violations.size();
  token_ = with_step(token_, thread);
  current_ = probe_(token_);
  token_ = current_.schedule;
  if (!current_.trace.steps.empty()) {
    const auto& st = current_.trace.steps.back();
    const std::string src = source_of(st.file, st.line);
    const std::string name = thread_name(current_, st.thread);
    out_ << "  " << pad_right(std::to_string(current_.trace.steps.size()), 4)
         << pad_right(name, std::max<std::size_t>(20, display_width(name) + 1)) << step_text(st)
         << (src.empty() ? "" : "   " + style_.dim(src)) << '\n';
  }
  for (std::size_t i = before; i < current_.violations.size(); ++i) {
    const auto& v = current_.violations[i];
    out_ << "      "
         << style_.bad("✗ " + (v.message.empty() ? v.id : v.message) +
                       (v.thread.empty() ? "" : fill(words_.in_thread, {v.thread})))
         << '\n';
  }
  if (!goal_reached() && !current_.finished) update_reach();
}

void Session::pick(const std::string& word, const std::vector<int>& enabled) {
  int id = -1;
  try {
    std::size_t used = 0;
    id = std::stoi(word, &used);
    if (used != word.size()) id = -1;
  } catch (const std::exception&) {
    id = -1;
  }
  if (std::find(enabled.begin(), enabled.end(), id) == enabled.end()) {
    const bool live = std::any_of(current_.next.begin(), current_.next.end(),
                                  [&](const auto& t) { return t.thread == id; });
    out_ << style_.warn("  " +
                        fill(words_.refused, {word, live ? words_.is_blocked : words_.not_a_thread,
                                              id_list(enabled)}))
         << '\n';
    return;
  }
  advance(id);
}

void Session::undo() {
  // Undo the student's last choice, and the forced steps that followed it. Steps that were all
  // forced since the start are no choice: the loop would run them again at once, so there is
  // nothing to undo (new-user trial 7: "undone: back at step 1", over and over).
  std::string token = token_;
  model::Probe at = current_;
  while (length(token) > length(setup_.start)) {
    token = without_last(token);
    at = probe_(token);
    if (enabled_threads(at).size() != 1) break;
  }
  if (token == token_ || enabled_threads(at).size() == 1) {
    out_ << style_.warn(std::string("  ") + words_.nothing_to_undo) << '\n';
    return;
  }
  token_ = std::move(token);
  current_ = std::move(at);
  out_ << style_.dim("  " + fill(words_.undone, {std::to_string(current_.trace.steps.size() + 1)}))
       << '\n';
  update_reach();
}

// After the goal: every thread runs on to its end (the one that ran last first), so the token
// is a whole execution that `racelab replay` runs to the same outcome.
void Session::run_to_end() {
  for (std::size_t i = 0; i < kMaxSteps && !current_.finished; ++i) {
    const auto enabled = enabled_threads(current_);
    if (enabled.empty()) break;
    const int last = current_.trace.steps.empty() ? -1 : current_.trace.steps.back().thread;
    const int next =
        std::find(enabled.begin(), enabled.end(), last) != enabled.end() ? last : enabled.front();
    token_ = with_step(token_, next);
    current_ = probe_(token_);
    token_ = current_.schedule;
  }
}

std::string Session::replay_line() const {
  return setup_.replay ? setup_.replay(token_) : replay_command(setup_.subject, token_);
}

int Session::finish_with_goal() {
  const std::size_t steps = current_.trace.steps.size();
  run_to_end();
  out_ << '\n' << style_.good(fill(words_.goal_reached, {std::to_string(steps)})) << '\n';
  if (current_.trace.steps.size() > steps) {
    out_ << style_.dim("  " +
                       fill(words_.then_ran_on, {std::to_string(current_.trace.steps.size())}))
         << '\n';
  }
  out_ << words_.outcome << scenarios::outcome_label(current_.violations) << '\n';
  out_ << words_.your_schedule << style_.bold(token_) << '\n';
  out_ << words_.replay_it << style_.accent(replay_line()) << '\n';
  if (!setup_.debrief.empty()) {
    out_ << '\n' << style_.bold(words_.learned) << '\n' << indent(setup_.debrief, "  ");
  }
  if (!setup_.level.empty()) {
    out_ << '\n'
         << (setup_.next.empty() ? std::string(words_.last_level)
                                 : words_.next_level + style_.accent(setup_.next))
         << '\n';
  }
  return kExitOk;
}

int Session::finish_without_goal() {
  out_ << '\n'
       << fill(words_.ended_without, {std::to_string(current_.trace.steps.size()),
                                      scenarios::outcome_label(current_.violations)})
       << '\n';
  out_ << words_.your_schedule << style_.bold(token_) << '\n';
  out_ << words_.replay_it << style_.accent(replay_line()) << '\n';
  out_ << words_.try_again << style_.accent(setup_.command) << '\n';
  return kExitViolation;
}

int Session::stop(const std::string& why) {
  out_ << fill(words_.stopped_at, {why, std::to_string(current_.trace.steps.size() + 1),
                                   style_.bold(token_.empty() ? words_.empty : token_)})
       << '\n';
  if (!token_.empty()) {
    out_ << words_.continue_with << style_.accent(setup_.command + " --schedule " + token_) << '\n';
  }
  return kExitViolation;
}

}  // namespace play_detail

int play_session(const PlaySetup& setup, const Prober& probe, std::istream& in, std::ostream& out,
                 const Style& style) {
  return play_detail::Session(setup, probe, in, out, style).run();
}

}  // namespace racelab::cli
