// racelab stress: the scenario on real OS threads, each trial in its own child process (a crash
// or a hang is an outcome, not the end of the run), counted into a histogram and compared with
// the share of interleavings the model finds failing. The exit code says how the trials compare
// with the declared verdict (StressExit, commands.hpp).
//
// Containment: while trials run, SIGINT and SIGTERM stop the run instead of killing the parent
// alone — the running trials are killed and reaped, the summary of the trials that ended is
// printed, and the exit code is 128 + the signal (130, 143). The children also die by
// themselves if the parent is killed outright (run_trials.hpp).
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "json.hpp"
#include "racelab/internal/text.hpp"
#include "racelab/scenarios/check.hpp"
#include "racelab/sync.hpp"
#include "sanitizer_excerpt.hpp"
#include "usage.hpp"

namespace racelab::cli {

namespace {

// The signal that asked the running trials to stop, or 0 (set by the handler below).
volatile std::sig_atomic_t g_stop_signal = 0;
extern "C" void on_stop_signal(int sig) { g_stop_signal = sig; }

// SIGINT and SIGTERM set g_stop_signal while trials run; the previous handlers come back after.
class StopSignals {
 public:
  StopSignals() {
    g_stop_signal = 0;
    struct sigaction sa {};
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;  // no SA_RESTART: poll() returns at once
    ::sigaction(SIGINT, &sa, &old_int_);
    ::sigaction(SIGTERM, &sa, &old_term_);
  }
  ~StopSignals() {
    ::sigaction(SIGINT, &old_int_, nullptr);
    ::sigaction(SIGTERM, &old_term_, nullptr);
  }
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

// Test-only (tests/cli/e2e_signals_test.cpp): with RACELAB_TEST_HANG_TRIALS=DIR, the first trial
// to start runs normally and every later one writes its PID to DIR/<pid> and hangs, so a test
// can interrupt a run whose trials hang, knowing their PIDs. Never set by racelab itself.
void hang_if_testing() {
  const char* dir = std::getenv("RACELAB_TEST_HANG_TRIALS");
  if (dir == nullptr || *dir == '\0') return;
  const std::string first = std::string(dir) + "/first";
  const int once = ::open(first.c_str(), O_CREAT | O_EXCL | O_WRONLY, 0644);
  if (once >= 0) {
    ::close(once);
    return;
  }
  const std::string pid = std::to_string(::getpid());
  const std::string tmp = std::string(dir) + "/." + pid;
  const int fd = ::open(tmp.c_str(), O_CREAT | O_WRONLY | O_TRUNC, 0644);
  if (fd >= 0) {
    (void)!::write(fd, pid.data(), pid.size());
    ::close(fd);
    ::rename(tmp.c_str(), (std::string(dir) + "/" + pid).c_str());  // appears whole
  }
  for (;;) ::pause();
}

// Test-only: with RACELAB_TEST_SKIP_TRIALS=1 every trial reports clean without running, so a
// test can see a declared violation missed by real threads (exit 4). Never set by racelab.
bool skip_if_testing() {
  const char* skip = std::getenv("RACELAB_TEST_SKIP_TRIALS");
  return skip != nullptr && std::string(skip) == "1";
}

std::string percent(double share) {
  char buf[32];
  std::snprintf(buf, sizeof buf, share > 0 && share < 0.001 ? "%.2f%%" : "%.1f%%", share * 100);
  return buf;
}

double share(int n, int of) { return of > 0 ? static_cast<double>(n) / of : 0.0; }

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
  // How the trials compare with the declared verdict.
  enum class Result { clean, found, missed, unexpected };
  scenarios::Verdict declared = scenarios::Verdict::safe;
  Result result() const {
    const bool bad = violating_trials() > 0;
    if (declared == scenarios::Verdict::violation) return bad ? Result::found : Result::missed;
    return bad ? Result::unexpected : Result::clean;
  }
  // The model's failing share of what it explored, in [0, 1].
  double model_hit_rate() const {
    return model.schedules > 0
               ? static_cast<double>(model.failing_schedules) / static_cast<double>(model.schedules)
               : 0.0;
  }
};

using Result = StressSummary::Result;

// "clean", "found", "missed", "unexpected": the JSON's "result".
const char* to_string(Result r) {
  switch (r) {
    case Result::clean: return "clean";
    case Result::found: return "found";
    case Result::missed: return "missed";
    case Result::unexpected: return "unexpected";
  }
  return "?";
}

// The exit code of each result (usage.hpp; `racelab stress --help` lists them).
int stress_exit(Result r) {
  switch (r) {
    case Result::clean: return kExitOk;
    case Result::found: return kExitViolation;
    case Result::missed: return kExitMissed;
    case Result::unexpected: return kExitUnexpected;
  }
  return kExitInternal;
}

// One line: the declared verdict and what the trials did about it.
std::string result_line(const StressSummary& s, const Style& style) {
  const std::string declared = "declared " + std::string(scenarios::to_string(s.declared)) + " — ";
  switch (s.result()) {
    case Result::clean: return declared + style.good("as declared: every trial clean (exit 0)");
    case Result::found:
      return declared + style.good("real threads found the declared failure (exit 1)");
    case Result::missed:
      return declared + style.warn("real threads missed the declared failure (exit 4)");
    case Result::unexpected:
      return declared + style.bad("NOT as declared: trials went wrong (exit 5)");
  }
  return declared;
}

// The trials counted by outcome, one row each.
std::string histogram_table(const harness::Histogram& h, const Style& style) {
  std::ostringstream out;
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
  return out.str();
}

// The histogram as a table, the hit rates side by side, and the first crash or TSan report.
std::string render_stress_text(const StressSummary& s, const Style& style) {
  const auto& h = s.histogram;
  std::ostringstream out;
  out << style.bold(s.subject.scenario) << " — " << s.subject.title << "  · impl " << s.subject.impl
      << '\n';
  out << "real threads" << (built_with_tsan() ? " under ThreadSanitizer" : "") << " · "
      << plural(static_cast<std::size_t>(h.trials), "trial") << ", " << s.run.jobs
      << " at a time, one child process each";
  if (s.run.noise_percent > 0) out << " · noise " << s.run.noise_percent << "%";
  out << " · " << format_ms(static_cast<double>(h.elapsed.count())) << "\n\n";

  out << histogram_table(h, style) << '\n';

  // The two hit rates side by side: how often real threads show it, how much of the model fails.
  const int bad = s.violating_trials();
  const std::string real_line = "real threads: " + std::to_string(bad) + " of " +
                                plural(static_cast<std::size_t>(h.trials), "trial") +
                                " went wrong (" + percent(share(bad, h.trials)) + ")";
  out << (bad > 0 ? style.bad("✗ " + real_line) : style.good("✓ " + real_line)) << '\n';
  const auto& m = s.model;
  out << "  model:        " << m.failing_schedules << " of "
      << plural(static_cast<std::size_t>(m.schedules), "interleaving")
      << (m.failing_schedules == 1 ? " fails (" : " fail (") << percent(s.model_hit_rate())
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

  out << result_line(s, style) << '\n';

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
  // "declared" and "result" (clean, found, missed, unexpected) say what the exit code says.
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
          {"declared", scenarios::to_string(s.declared)},
          {"result", to_string(s.result())},
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
  const StopSignals stop_signals;
  options.cancel = &g_stop_signal;
  Progress meter(progress, s.id + " · " + impl + " · real threads", "trials",
                 static_cast<std::size_t>(run.trials));
  int done = 0;
  options.on_trial = [&](const harness::TrialResult&) {
    meter.update(static_cast<std::size_t>(++done));
  };
  const auto* scenario = &s;
  return harness::run_trials(options, [scenario, impl, noise = run.noise_percent]() {
    hang_if_testing();
    if (skip_if_testing()) return harness::TrialReport{{}, {}};
    // In the child, before its threads start: noise at every facade operation, if asked.
    sync::set_noise(noise);
    return harness::to_trial_report(scenarios::real_run(*scenario, impl));
  });
}

int stop_signal() { return g_stop_signal; }

std::string interrupted_line(const harness::Histogram& h, int of) {
  return std::string("interrupted by ") + (stop_signal() == SIGTERM ? "SIGTERM" : "SIGINT") +
         " after " + std::to_string(h.trials) + " of " +
         plural(static_cast<std::size_t>(of), "trial") +
         "; the running trials were stopped and are not counted";
}

// g++ 12 at -O3 warns that the empty model::Report's std::map "may be used uninitialized" when
// the summary is built and later assigned: a false positive (the map is value-initialized here).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
int run_stress(const scenarios::Scenario& s, const std::string& impl, const StressRun& run,
               bool json) {
  const bool progress = progress_wanted(json);
  StressSummary summary{subject(s, impl),
                        run,
                        run_real_trials(s, impl, run, progress),
                        {},
                        s.expected.at(impl).verdict};
  if (summary.histogram.interrupted) {
    // The partial summary: what the trials that ended showed. No model column (not run).
    const auto& h = summary.histogram;
    if (json) {
      std::cout << dump({{"scenario", s.id},
                         {"impl", impl},
                         {"interrupted", stop_signal() == SIGTERM ? "SIGTERM" : "SIGINT"},
                         {"trials", h.trials},
                         {"trials_asked", run.trials},
                         {"violating_trials", summary.violating_trials()},
                         {"summary", h.summary()}});
    } else {
      const Style style = style_for(1);
      std::cout << style.bold(s.id) << " — " << s.title << "  · impl " << impl << '\n'
                << style.warn(interrupted_line(h, run.trials)) << "\n\n"
                << histogram_table(h, style) << h.summary() << '\n';
    }
    return kExitInterrupted + stop_signal();
  }
  // The model's share of failing interleavings, over every trace when that stays small.
  model::Options every = scenarios::every_trace();
  every.max_schedules = 100'000;
  Progress meter(progress, s.id + " · " + impl, "schedules");
  summary.model = scenarios::check(s, impl, every, [&](std::size_t n) { meter.update(n); }).report;
  meter.finish();
  std::cout << (json ? dump(stress_json(summary)) : render_stress_text(summary, style_for(1)));
  return stress_exit(summary.result());
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

}  // namespace racelab::cli
