// racelab stress: the scenario on real OS threads, each trial in its own child process (a crash
// or a hang is an outcome, not the end of the run), counted into a histogram and compared with
// the share of interleavings the model finds failing. Exit 0 when no trial violated anything,
// 1 when some did.
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "json.hpp"
#include "racelab/internal/text.hpp"
#include "racelab/scenarios/check.hpp"
#include "racelab/sync.hpp"
#include "usage.hpp"

namespace racelab::cli {

namespace {

std::string percent(double share) {
  char buf[32];
  std::snprintf(buf, sizeof buf, share > 0 && share < 0.001 ? "%.2f%%" : "%.1f%%", share * 100);
  return buf;
}

double share(int n, int of) { return of > 0 ? static_cast<double>(n) / of : 0.0; }

// The last `n` lines of a child's output: where a crash says what it was doing.
std::string tail_lines(const std::string& text, int n) {
  std::size_t pos = text.size();
  if (pos > 0 && text[pos - 1] == '\n') --pos;
  for (int i = 0; i < n && pos != std::string::npos && pos > 0; ++i) {
    pos = text.rfind('\n', pos - 1);
  }
  return pos == std::string::npos || pos == 0 ? text : text.substr(pos + 1);
}

std::string head_lines(const std::string& text, int n) {
  std::size_t pos = 0;
  for (int i = 0; i < n; ++i) {
    pos = text.find('\n', pos);
    if (pos == std::string::npos) return text;
    ++pos;
  }
  return text.substr(0, pos) + "…\n";
}

// "std::_Hashtable<...>::find(...) const" → "std::_Hashtable::find": a frame's function without
// template arguments and parameters, which in the standard library run to hundreds of characters.
std::string bare_function(std::string f) {
  // operator() is a name, not a parameter list: keep it through the stripping below.
  for (auto p = f.find("operator()"); p != std::string::npos; p = f.find("operator()", p)) {
    f.replace(p, 10, "operator\x01");
  }
  std::string out;
  int angle = 0, paren = 0;
  for (char c : f) {
    if (c == '<') ++angle;
    if (c == '(') ++paren;
    if (angle == 0 && paren == 0) out += c;
    if (c == '>' && angle > 0) --angle;
    if (c == ')' && paren > 0) --paren;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.size() >= 6 && out.compare(out.size() - 6, 6, " const") == 0) out.resize(out.size() - 6);
  const auto space = out.rfind(' ');  // a return type in front ("decltype void f")
  if (space != std::string::npos) out = out.substr(space + 1);
  for (auto p = out.find('\x01'); p != std::string::npos; p = out.find('\x01', p)) {
    out.replace(p, 1, "()");
  }
  return out;
}

// "/work/main/buggy/registry.cpp:17:50" → "buggy/registry.cpp:17".
std::string short_location(const std::string& loc) {
  std::string path = loc;
  if (const auto col = path.rfind(':'); col != std::string::npos) {
    const auto line = path.rfind(':', col - 1);
    if (line != std::string::npos) path = path.substr(0, col);
  }
  const auto last = path.rfind('/');
  if (last == std::string::npos || last == 0) return path;
  const auto before = path.rfind('/', last - 1);
  return before == std::string::npos ? path : path.substr(before + 1);
}

// A sanitizer report as a person reads it: its headline and access lines, and in each stack only
// the frames in racelab's own code (not the standard library), short.
std::string condensed_report(const std::string& text, int max_frames_per_stack = 3) {
  std::istringstream in(text);
  std::string line, out;
  int frames = 0;
  while (std::getline(in, line)) {
    const auto start = line.find_first_not_of(' ');
    if (start == std::string::npos) continue;
    if (line[start] != '#') {
      frames = 0;
      out += line + '\n';
      continue;
    }
    // "#4 FUNCTION /path/file.cpp:17:50 (module+0x1e4fd1) (BuildId: ...)"
    const auto func_start = line.find(' ', start);
    auto module = line.find(" (", func_start);
    while (module != std::string::npos && line.compare(module + 2, 1, "/") == 0) {
      module = line.find(" (", module + 2);  // a "(" inside the function's own text
    }
    const std::string body = line.substr(
        func_start + 1, module == std::string::npos ? std::string::npos : module - func_start - 1);
    const auto file_at = body.rfind(' ');
    if (file_at == std::string::npos) continue;
    const std::string file = body.substr(file_at + 1);
    if (file.rfind("/usr/", 0) == 0 || file.find(':') == std::string::npos) continue;
    if (++frames > max_frames_per_stack) continue;
    out += std::string(start + 2, ' ') + bare_function(body.substr(0, file_at)) + "  " +
           short_location(file) + '\n';
  }
  return out;
}

// What a stress run measured: real threads, and the same scenario under the model.
struct StressSummary {
  Subject subject;
  StressRun run;
  harness::Histogram histogram;  // real threads, one child per trial
  model::Report model;           // dpor, every outcome counted

  // Trials that did not end ok: an exception, a broken property, a crash, a hang, a report.
  int violating_trials() const {
    return histogram.count_if([](const harness::TrialOutcome& o) { return !o.ok(); });
  }
  // The model's failing share of what it explored, in [0, 1].
  double model_hit_rate() const {
    return model.schedules > 0
               ? static_cast<double>(model.failing_schedules) / static_cast<double>(model.schedules)
               : 0.0;
  }
};

// The histogram as a table, the hit rates side by side, and the first crash or TSan report.
std::string render_stress_text(const StressSummary& s, const Style& style) {
  const auto& h = s.histogram;
  std::ostringstream out;
  out << style.bold(s.subject.scenario) << " — " << s.subject.title << "  · impl " << s.subject.impl
      << '\n';
  out << "real threads" << (built_with_tsan() ? " under ThreadSanitizer" : "") << " · " << h.trials
      << " trials, " << s.run.jobs << " at a time, one child process each";
  if (s.run.noise_percent > 0) out << " · noise " << s.run.noise_percent << "%";
  out << " · " << format_ms(static_cast<double>(h.elapsed.count())) << "\n\n";

  std::size_t width = 8;
  for (const auto& row : h.rows) width = std::max(width, display_width(row.outcome.label()) + 2);
  out << "  " << style.bold(pad_right("outcome", width) + "  trials    share") << '\n';
  for (const auto& row : h.rows) {
    const std::string label = pad_right(row.outcome.label(), width);
    char nums[64];
    std::snprintf(nums, sizeof nums, "%8d  %7s", row.count,
                  percent(share(row.count, h.trials)).c_str());
    out << "  " << (row.outcome.ok() ? style.good(label) : style.bad(label)) << nums << '\n';
  }
  out << '\n';

  // The two hit rates side by side: how often real threads show it, how much of the model fails.
  const int bad = s.violating_trials();
  const std::string real_line = "real threads: " + std::to_string(bad) + " of " +
                                std::to_string(h.trials) + " trials went wrong (" +
                                percent(share(bad, h.trials)) + ")";
  out << (bad > 0 ? style.bad("✗ " + real_line) : style.good("✓ " + real_line)) << '\n';
  const auto& m = s.model;
  out << "  model:        " << m.failing_schedules << " of " << m.schedules
      << " interleavings fail (" << percent(s.model_hit_rate())
      << (m.complete ? "; every interleaving explored, dpor)" : "; the first explored, dpor)")
      << '\n';
  if (bad == 0 && m.failing_schedules > 0) {
    out << style.warn(std::string("  real threads never hit what the model finds: a clean stress "
                                  "run proves nothing. Try --noise 50, or replay the model's "
                                  "schedule:"))
        << '\n';
    if (m.failure)
      out << "  " << style.accent(replay_command(s.subject, m.failure->schedule)) << '\n';
  } else if (m.failure) {
    out << "  the model's failing schedule replays the same way every time: "
        << style.accent(replay_command(s.subject, m.failure->schedule)) << '\n';
  }

  // What a crash or a sanitizer said, from the first trial that ended that way.
  if (const auto* crash = h.first_where([](const harness::TrialOutcome& o) {
        return o.ending == harness::Ending::crashed || o.ending == harness::Ending::timed_out;
      })) {
    out << '\n'
        << style.bold("first " +
                      std::string(crash->ending == harness::Ending::crashed ? "crash" : "hang") +
                      " (trial " + std::to_string(crash->index + 1) +
                      "), last lines of its output:")
        << '\n'
        << indent(crash->output.empty() ? "(no output)" : tail_lines(crash->output, 6), "  | ");
  }
  if (const auto* tsan =
          h.first_where([](const harness::TrialOutcome& o) { return o.has_tsan_report(); })) {
    for (const auto& r : tsan->sanitizer_reports) {
      if (r.tool != "ThreadSanitizer") continue;
      out << '\n'
          << style.bold("first ThreadSanitizer report (trial " + std::to_string(tsan->index + 1) +
                        "):")
          << '\n'
          << indent(head_lines(condensed_report(r.text), 16), "  | ");
      break;
    }
  }
  if (!built_with_tsan()) {
    out << '\n'
        << style.dim("not a ThreadSanitizer build; for TSan's view of the same trials:") << '\n'
        << "  " << style.accent(tsan_command(s.subject)) << '\n';
  }
  return out.str();
}

// racelab stress --json (docs/json.md).
Json stress_json(const StressSummary& s) {
  using json = Json;
  const auto& h = s.histogram;
  json outcomes = json::array();
  for (const auto& row : h.rows) {
    outcomes.push_back({{"outcome", row.outcome.id()},
                        {"label", row.outcome.label()},
                        {"ok", row.outcome.ok()},
                        {"count", row.count},
                        {"share", share(row.count, h.trials)}});
  }
  json model = {{"strategy", model::to_string(s.model.strategy)},
                {"schedules", s.model.schedules},
                {"failing_schedules", s.model.failing_schedules},
                {"complete", s.model.complete},
                {"hit_rate", s.model_hit_rate()}};
  if (s.model.traces > 0) model["traces"] = s.model.traces;
  if (s.model.failure) model["schedule"] = s.model.failure->schedule;
  const int bad = s.violating_trials();
  return {{"scenario", s.subject.scenario},
          {"impl", s.subject.impl},
          {"workers", s.subject.workers},
          {"backend", built_with_tsan() ? "tsan" : "real"},
          {"trials", h.trials},
          {"jobs", s.run.jobs},
          {"noise_percent", s.run.noise_percent},
          {"timeout_ms", s.run.timeout_ms},
          {"elapsed_ms", h.elapsed.count()},
          {"verdict", scenarios::to_string(bad > 0 ? scenarios::Verdict::violation
                                                   : scenarios::Verdict::safe)},
          {"violating_trials", bad},
          {"hit_rate", share(bad, h.trials)},
          {"outcomes", std::move(outcomes)},
          {"model", std::move(model)}};
}

}  // namespace

std::string tsan_command(const Subject& s) {
  return "cmake --preset tsan && cmake --build --preset tsan --target racelab && "
         "build/tsan/bin/racelab stress " +
         s.scenario + " --impl " + s.impl + s.size;
}

bool built_with_tsan() {
#if defined(__SANITIZE_THREAD__)
  return true;
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
  return true;
#else
  return false;
#endif
#else
  return false;
#endif
}

harness::Histogram run_real_trials(const scenarios::Scenario& s, const std::string& impl,
                                   const StressRun& run, bool progress) {
  harness::RunOptions options;
  options.trials = run.trials;
  options.jobs = run.jobs;
  options.timeout = std::chrono::milliseconds(run.timeout_ms);
  Progress meter(progress, s.id + " · " + impl + " · real threads", "trials",
                 static_cast<std::size_t>(run.trials));
  int done = 0;
  options.on_trial = [&](const harness::TrialResult&) {
    meter.update(static_cast<std::size_t>(++done));
  };
  const auto* scenario = &s;
  return harness::run_trials(options, [scenario, impl, noise = run.noise_percent]() {
    // In the child, before its threads start: noise at every facade operation, if asked.
    sync::set_noise(noise);
    return harness::to_trial_report(scenarios::real_run(*scenario, impl));
  });
}

int run_stress(const scenarios::Scenario& s, const std::string& impl, const StressRun& run,
               bool json) {
  const bool progress = progress_wanted(json);
  StressSummary summary{subject(s, impl), run, run_real_trials(s, impl, run, progress), {}};
  // The model's share of failing interleavings, over every trace when that stays small.
  model::Options every = scenarios::every_trace();
  every.max_schedules = 100'000;
  Progress meter(progress, s.id + " · " + impl, "schedules");
  summary.model = scenarios::check(s, impl, every, [&](std::size_t n) { meter.update(n); }).report;
  meter.finish();
  std::cout << (json ? dump(stress_json(summary)) : render_stress_text(summary, style_for(1)));
  return summary.violating_trials() > 0 ? kExitViolation : kExitOk;
}

}  // namespace racelab::cli
