#include "play_session.hpp"

#include <algorithm>
#include <istream>
#include <ostream>
#include <random>
#include <stdexcept>

#include "racelab/internal/text.hpp"
#include "racelab/model/schedule.hpp"
#include "racelab/scenarios/check.hpp"
#include "usage.hpp"

namespace racelab::cli {

namespace {

constexpr int kHintPlayouts = 12;
constexpr std::size_t kMaxSteps = 20000;

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

std::string id_list(const std::vector<int>& ids) {
  if (ids.empty()) return "none";
  bool contiguous = ids.size() > 2;
  for (std::size_t i = 1; i < ids.size(); ++i) contiguous &= ids[i] == ids[i - 1] + 1;
  if (contiguous) return std::to_string(ids.front()) + "-" + std::to_string(ids.back());
  std::string out;
  for (int id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
  return out;
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

class Session {
 public:
  Session(const PlaySetup& setup, const Prober& probe, std::istream& in, std::ostream& out,
          const Style& style)
      : setup_(setup), probe_(probe), in_(in), out_(out), style_(style) {}

  int run() {
    token_ = setup_.start;
    try {
      current_ = probe_(token_);
    } catch (const std::invalid_argument& e) {
      throw UsageError("--schedule: " + setup_.subject.scenario + " --impl " + setup_.subject.impl +
                       ": " + e.what() +
                       " (accepted: a prefix of a token printed for this scenario and "
                       "implementation)");
    }
    token_ = current_.schedule;
    intro();
    update_reach();
    for (;;) {
      if (goal_reached()) return finish_with_goal();
      if (current_.finished || enabled_threads(current_).empty()) return finish_without_goal();
      const auto enabled = enabled_threads(current_);
      if (enabled.size() == 1) {
        out_ << style_.dim("  (only " + thread_name(current_, enabled.front()) + " can run)")
             << '\n';
        advance(enabled.front());
        continue;
      }
      show_choices();
      out_ << "step " << current_.trace.steps.size() + 1 << " · who runs next? ["
           << id_list(enabled) << ", ?=hint, u=undo, t=timeline, q=quit] > " << std::flush;
      std::string line;
      if (!std::getline(in_, line)) {
        out_ << '\n';
        return stop("input ended");
      }
      if (setup_.echo_input) out_ << line << '\n';
      line.erase(0, line.find_first_not_of(" \t\r"));
      line.erase(line.find_last_not_of(" \t\r") + 1);
      if (line.empty()) continue;
      if (line == "q" || line == "quit") return stop("you stopped");
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

 private:
  bool goal_reached() const {
    return setup_.goal_reached && setup_.goal_reached(current_.violations);
  }

  static model::Execution as_execution(const model::Probe& p) {
    model::Execution e;
    e.trace = p.trace;
    e.violations = p.violations;
    e.schedule = p.schedule;
    return e;
  }

  void intro() {
    const auto& s = setup_.subject;
    out_ << style_.bold("racelab play " + s.scenario + " --impl " + s.impl + s.size) << " — "
         << s.title << '\n';
    out_ << "goal: " << style_.bold(setup_.goal) << '\n';
    out_ << "you are the scheduler: at each step, pick the thread that runs next.\n";
    if (setup_.declared_safe) {
      out_ << style_.dim(s.impl == scenarios::kExercise
                             ? "(your exercise/ is meant to be safe here: once your fix is right, "
                               "no schedule reaches the goal. Try to break it.)"
                             : "(" + s.impl +
                                   " is declared safe here: no schedule should reach the goal. "
                                   "Try.)")
           << '\n';
    }
    if (!token_.empty()) out_ << "starting from schedule " << token_ << '\n';
    out_ << '\n';
  }

  void show_choices() {
    out_ << '\n';
    if (!current_.state.empty()) out_ << current_.state << "\n\n";
    std::size_t name_width = 12;
    for (const auto& t : current_.next)
      name_width = std::max(name_width, display_width(t.name) + 2);
    for (const auto& t : current_.next) {
      const std::string id = "[" + std::to_string(t.thread) + "]";
      std::string line = "  " + pad_right(id, 5) + pad_right(t.name, name_width);
      if (t.enabled) {
        line += "next: " + pad_right(model::op_text(t.op), 40);
        const std::string src = source_of(t.op.file, t.op.line);
        out_ << line << (src.empty() ? "" : style_.dim(src)) << '\n';
      } else {
        out_ << style_.dim(line + "blocked: " + (t.waits.empty() ? model::op_text(t.op) : t.waits))
             << '\n';
      }
    }
  }

  // Runs one step of `thread` and says what it did.
  void advance(int thread) {
    const std::size_t before = current_.violations.size();
    token_ = with_step(token_, thread);
    current_ = probe_(token_);
    token_ = current_.schedule;
    if (!current_.trace.steps.empty()) {
      const auto& st = current_.trace.steps.back();
      const std::string what = step_text(st);
      const std::string src = source_of(st.file, st.line);
      out_ << "  " << pad_right(std::to_string(current_.trace.steps.size()), 4)
           << pad_right(thread_name(current_, st.thread), 20) << what
           << (src.empty() ? "" : "   " + style_.dim(src)) << '\n';
    }
    for (std::size_t i = before; i < current_.violations.size(); ++i) {
      const auto& v = current_.violations[i];
      out_ << "      "
           << style_.bad("✗ " + (v.message.empty() ? v.id : v.message) +
                         (v.thread.empty() ? "" : " in " + v.thread))
           << '\n';
    }
    if (!goal_reached() && !current_.finished) update_reach();
  }

  // Where the goal stands from the current prefix: said when it changes, and only when every
  // continuation was explored (a guess is never presented as a fact).
  enum class Standing { unknown, open, unreachable, unavoidable };

  void update_reach() {
    if (!setup_.reach) return;
    const Reach r = setup_.reach(token_);
    Standing now = Standing::unknown;
    if (r.known) {
      now = r.reaching == 0                 ? Standing::unreachable
            : r.reaching == r.continuations ? Standing::unavoidable
                                            : Standing::open;
    }
    if (now == standing_ || now == Standing::unknown) return;
    const std::string n = std::to_string(r.continuations);
    if (now == Standing::unreachable) {
      out_ << style_.bad("  ✗ the goal is now unreachable: none of the " + n +
                         " ways this run can go on from here reaches it")
           << style_.dim(length(token_) > length(setup_.start) ? " — u undoes your last choice"
                                                               : "")
           << '\n';
    } else if (now == Standing::unavoidable) {
      out_ << style_.good("  ✓ the goal is now unavoidable: all " + n +
                          " ways this run can go on from here reach it")
           << '\n';
    } else if (standing_ == Standing::unreachable || standing_ == Standing::unavoidable) {
      out_ << style_.dim("  the goal is within reach again, not certain: " +
                         std::to_string(r.reaching) + " of " + n + " continuations reach it")
           << '\n';
    }
    standing_ = now;
  }

  void pick(const std::string& word, const std::vector<int>& enabled) {
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
      out_ << style_.warn("  '" + word + "' " +
                          (live ? "is blocked right now" : "is not a thread that can run") +
                          " (accepted: " + id_list(enabled) + ", ?, u, t or q)")
           << '\n';
      return;
    }
    advance(id);
  }

  void undo() {
    if (length(token_) <= length(setup_.start)) {
      out_ << style_.warn("  nothing to undo") << '\n';
      return;
    }
    // Undo the student's last choice, and the forced steps that followed it.
    do {
      token_ = without_last(token_);
      current_ = probe_(token_);
    } while (enabled_threads(current_).size() == 1 && length(token_) > length(setup_.start));
    out_ << style_.dim("  undone: back at step " + std::to_string(current_.trace.steps.size() + 1))
         << '\n';
    update_reach();
  }

  // With a Reacher whose answers are complete: for each choice, how many continuations from it
  // reach the goal, so the hint says why the advised choice matters (and which choices close
  // the goal off). Otherwise: random continuations from each choice; the most successful wins.
  void hint() {
    const auto enabled = enabled_threads(current_);
    if (setup_.reach && exact_hint(enabled)) return;
    std::mt19937_64 rng(length(token_));
    int best = -1, best_hits = -1;
    for (int t : enabled) {
      int hits = 0;
      for (int k = 0; k < kHintPlayouts; ++k) hits += playout(with_step(token_, t), rng);
      if (hits > best_hits) best = t, best_hits = hits;
    }
    if (best_hits <= 0) {
      out_ << style_.dim(
                  "  hint: no random continuation from here reaches the goal; "
                  "u undoes a step")
           << '\n';
      return;
    }
    out_ << style_.accent("  hint: run " + thread_name(current_, best) + " — from there " +
                          std::to_string(best_hits) + " of " + std::to_string(kHintPlayouts) +
                          " random continuations reach the goal")
         << '\n';
  }

  bool exact_hint(const std::vector<int>& enabled) {
    std::vector<std::pair<int, Reach>> by_choice;
    for (int t : enabled) {
      const Reach r = setup_.reach(with_step(token_, t));
      if (!r.known || r.continuations == 0) return false;
      by_choice.emplace_back(t, r);
    }
    const auto share = [](const Reach& r) {
      return static_cast<double>(r.reaching) / static_cast<double>(r.continuations);
    };
    const auto best = std::max_element(by_choice.begin(), by_choice.end(), [&](auto& a, auto& b) {
      return share(a.second) < share(b.second);
    });
    if (best->second.reaching == 0) {
      out_ << style_.dim("  hint: from here no choice reaches the goal any more; u undoes a step")
           << '\n';
      return true;
    }
    out_ << style_.accent("  hint: run " + thread_name(current_, best->first) + " — " +
                          std::to_string(best->second.reaching) + " of " +
                          std::to_string(best->second.continuations) +
                          " ways on from there reach the goal")
         << '\n';
    for (const auto& [t, r] : by_choice) {
      if (t == best->first) continue;
      const std::string what =
          r.reaching == 0 ? "closes the goal off: none of its " + std::to_string(r.continuations) +
                                " continuations reaches it"
                          : std::to_string(r.reaching) + " of " + std::to_string(r.continuations) +
                                " continuations reach it";
      out_ << style_.dim("        " + thread_name(current_, t) + " next (" +
                         model::op_text(next_op(t)) + ") " + what)
           << '\n';
    }
    return true;
  }

  model::Step next_op(int thread) const {
    for (const auto& t : current_.next) {
      if (t.thread == thread) return t.op;
    }
    return {};
  }

  bool playout(std::string token, std::mt19937_64& rng) const {
    for (std::size_t i = 0; i < kMaxSteps; ++i) {
      const auto p = probe_(token);
      if (setup_.goal_reached && setup_.goal_reached(p.violations)) return true;
      const auto enabled = enabled_threads(p);
      if (p.finished || enabled.empty()) return false;
      token = with_step(p.schedule, enabled[rng() % enabled.size()]);
    }
    return false;
  }

  // After the goal: every thread runs on to its end (the one that ran last first), so the token
  // is a whole execution that `racelab replay` runs to the same outcome.
  void run_to_end() {
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

  int finish_with_goal() {
    const std::size_t steps = current_.trace.steps.size();
    run_to_end();
    out_ << '\n' << style_.good("✓ goal reached in " + std::to_string(steps) + " steps") << '\n';
    if (current_.trace.steps.size() > steps) {
      out_ << style_.dim("  (then every thread ran on to its end: " +
                         std::to_string(current_.trace.steps.size()) + " steps in all)")
           << '\n';
    }
    out_ << "outcome: " << scenarios::outcome_label(current_.violations) << '\n';
    out_ << "your schedule: " << style_.bold(token_) << '\n';
    out_ << "replay it:  " << style_.accent(replay_command(setup_.subject, token_)) << '\n';
    return kExitOk;
  }

  int finish_without_goal() {
    out_ << '\n'
         << "the run ended after " << current_.trace.steps.size()
         << " steps without reaching the goal · outcome: "
         << scenarios::outcome_label(current_.violations) << '\n';
    out_ << "your schedule: " << style_.bold(token_) << '\n';
    out_ << "replay it:  " << style_.accent(replay_command(setup_.subject, token_)) << '\n';
    out_ << "try again:  "
         << style_.accent("racelab play " + setup_.subject.scenario + " --impl " +
                          setup_.subject.impl + setup_.subject.size)
         << '\n';
    return kExitViolation;
  }

  int stop(const std::string& why) {
    out_ << why << " at step " << current_.trace.steps.size() + 1
         << " · your schedule so far: " << style_.bold(token_.empty() ? "(empty)" : token_) << '\n';
    if (!token_.empty()) {
      out_ << "continue:  "
           << style_.accent("racelab play " + setup_.subject.scenario + " --impl " +
                            setup_.subject.impl + setup_.subject.size + " --schedule " + token_)
           << '\n';
    }
    return kExitViolation;
  }

  const PlaySetup& setup_;
  const Prober& probe_;
  std::istream& in_;
  std::ostream& out_;
  const Style& style_;
  std::string token_;
  model::Probe current_;
  Standing standing_ = Standing::unknown;
};

}  // namespace

int play_session(const PlaySetup& setup, const Prober& probe, std::istream& in, std::ostream& out,
                 const Style& style) {
  return Session(setup, probe, in, out, style).run();
}

}  // namespace racelab::cli
