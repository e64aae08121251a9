// racelab demo (and racelab with no arguments): the seed's story end to end, in a few seconds.
//   1. the buggy registry under the model: the triple KeyError, as a timeline, with its token
//   2. the seed's fix, proved safe over every interleaving of the same scenario
//   3. every scenario × implementation, measured against its declared verdict
//   4. real threads (fork-isolated trials) and ThreadSanitizer: what production would see
// Exit 0 when every verdict is as declared.
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "scenarios/check.hpp"
#include "text_layout.hpp"
#include "usage.hpp"

namespace racelab::cli {

namespace {

constexpr const char* kSeedScenario = "no-proxies";
// A declared violation needs only to be found: the first schedules of dpor find every declared
// kind in each scenario (the exhaustive count is `racelab check`'s job). A declared-safe pair is
// explored exhaustively: that is the proof.
constexpr std::size_t kViolationBudget = 200;

using scenarios::CheckResult;

// Checks one pair under the demo's budget; a violation pair that does not show every declared
// finding within the budget is checked again exhaustively, so a verdict is never cut short.
CheckResult measure(const scenarios::Scenario& s, const std::string& impl) {
  if (s.expected.at(impl).verdict == scenarios::Verdict::violation) {
    model::Options budget = scenarios::every_trace();
    budget.max_schedules = kViolationBudget;
    auto r = scenarios::check(s, impl, budget);
    if (r.as_declared()) return r;
  }
  return scenarios::check(s, impl, scenarios::every_trace());
}

std::string covered(const CheckResult& r) {
  return scenarios::coverage(r, format_ms(r.report.elapsed_ms));
}

const CheckResult* find_row(const std::vector<CheckResult>& rows, const std::string& scenario,
                            const std::string& impl) {
  for (const auto& r : rows) {
    if (r.scenario->id == scenario && r.impl == impl) return &r;
  }
  return nullptr;
}

// "✗ KeyError, data-race" or "✓ safe · exhaustive: all 24 traces", padded, then whether it is
// as declared.
std::string verdict_cell(const CheckResult& r, const Style& style, std::size_t width) {
  const bool safe = r.verdict() == scenarios::Verdict::safe;
  const std::string text = safe ? "✓ " + std::string(scenarios::to_string(r.verdict())) + " · " +
                                      scenarios::coverage(r)
                                : "✗ " + join({r.found.begin(), r.found.end()});
  const std::string padded = pad_right(ellipsize(text, width), width);
  return (safe ? style.good(padded) : style.bad(padded)) + " " +
         (r.as_declared() ? style.good("✓ as declared") : style.bad("≠ NOT as declared"));
}

std::string histogram_line(const harness::Histogram& h) {
  std::string out;
  for (const auto& row : h.rows) {
    if (!out.empty()) out += " · ";
    out += row.outcome.label() + " in " + std::to_string(row.count);
  }
  return out + " (of " + std::to_string(h.trials) + ")";
}

void story(std::ostream& out, const Style& style) {
  out << style.bold("racelab demo — one production race: found, replayed, fixed and proved")
      << "\n\n"
      << "The seed (app/views.py, Django): addUserWithQueue() starts 4 worker threads per user.\n"
      << "A worker that finds no proxies runs `del QUEUE_USER[user]`: four threads, one key.\n"
      << "The production log:\n\n"
      << style.dim(
             "    Exception in thread Thread-3 (worker):\n"
             "    KeyError: 'GCCDianaramirez'\n"
             "    (and the same for Thread-4 and Thread-5)")
      << "\n\n";
}

}  // namespace

int run_demo(int trials) {
  const Style style = style_for(1);
  const bool progress = progress_wanted(false);
  std::ostream& out = std::cout;
  bool all_as_declared = true;

  story(out, style);

  // Every scenario × implementation once; the story's rows are taken from the same table.
  std::vector<CheckResult> rows;
  {
    Progress meter(progress, "measuring every scenario × implementation", "pairs",
                   scenarios::catalogue().size() * scenarios::implementations().size());
    for (const auto& s : scenarios::catalogue()) {
      for (const auto& impl : scenarios::implementations()) {
        if (s.expected.count(impl) == 0) continue;
        rows.push_back(measure(s, impl));
        meter.update(rows.size());
      }
    }
  }
  for (const auto& r : rows) all_as_declared &= r.as_declared();

  const auto& seed = *scenarios::find_scenario(kSeedScenario);
  const Subject buggy = subject(seed, "buggy");
  out << style.bold("1. The buggy registry under the model — every interleaving") << '\n';
  out << "   racelab check " << seed.id << " --impl buggy\n";
  if (const auto* r = find_row(rows, seed.id, "buggy")) {
    out << "   " << covered(*r) << " · " << r->report.failing_schedules << " of "
        << r->report.schedules << " fail\n\n";
    if (const auto& f = r->report.failure) {
      out << render_violations(f->violations, style) << '\n';
      out << "The shortest failing interleaving (" << f->preemptions
          << (f->preemptions == 1 ? " preemption" : " preemptions")
          << (f->preemptions == 0 ? ": no unlucky timing needed" : "") << "):\n";
      out << render_timeline(*f, style) << '\n';
      out << "replay:  " << style.accent(replay_command(buggy, f->schedule)) << '\n';
      out << "review:  " << style.accent(replay_command(buggy, f->schedule, "markdown"))
          << "\n\n";
    } else {
      out << style.bad("   ✗ the model found no violation — not as declared") << "\n\n";
    }
  }

  out << style.bold("2. The seed's fix (fixed/): one lock; `del` becomes `pop(user, None)`")
      << '\n';
  out << "   racelab check " << seed.id << " --impl fixed\n";
  if (const auto* r = find_row(rows, seed.id, "fixed")) {
    if (r->verdict() == scenarios::Verdict::safe) {
      out << "   "
          << style.good(r->report.complete ? "✓ proved safe in every interleaving"
                                           : "✓ no violation in the schedules explored")
          << " — " << covered(*r) << "\n\n";
    } else {
      out << "   " << style.bad("✗ violation") << " — " << covered(*r) << "\n\n";
    }
  }

  out << style.bold("3. Is the seed's fix the whole fix? Every scenario, every implementation")
      << '\n';
  constexpr std::size_t kScenarioWidth = 25;
  constexpr std::size_t kImplWidth = 10;
  constexpr std::size_t kVerdictWidth = 50;
  for (const auto& s : scenarios::catalogue()) {
    bool first = true;
    for (const auto& impl : scenarios::implementations()) {
      const auto* r = find_row(rows, s.id, impl);
      if (r == nullptr) continue;
      out << "   " << pad_right(first ? s.id : "", kScenarioWidth) << pad_right(impl, kImplWidth)
          << verdict_cell(*r, style, kVerdictWidth) << '\n';
      first = false;
    }
  }
  out << style.dim(
             "   (declared in scenarios/; safe pairs explored exhaustively, violations found "
             "within the first " +
             std::to_string(kViolationBudget) + " schedules)")
      << "\n\n";

  out << style.bold("4. Real threads — what production would see") << '\n';
  if (trials > 0) {
    out << "   racelab stress " << seed.id << " --impl <impl> --trials " << trials
        << "   (one child process per trial)\n";
    for (const char* impl : {"buggy", "fixed"}) {
      StressRun run;
      run.trials = trials;
      run.jobs = 2;
      const auto h = run_real_trials(seed, impl, run, progress);
      const int bad = h.count_if([](const harness::Outcome& oc) { return !oc.ok(); });
      out << "   " << pad_right(impl, 7) << histogram_line(h) << '\n';
      // Real threads can miss a race, so only a clean fix is a verdict here.
      if (seed.expected.at(impl).verdict == scenarios::Verdict::safe && bad > 0) {
        all_as_declared = false;
        out << "   " << style.bad("✗ the fix failed on real threads — not as declared") << '\n';
      }
    }
  } else {
    out << "   skipped (--trials 0)\n";
  }
  if (built_with_tsan()) {
    out << "   ThreadSanitizer: this is a TSan build; the trials above include its reports.\n";
  } else {
    out << "   ThreadSanitizer: " << style.accent(tsan_command(buggy))
        << '\n';
  }
  out << '\n';

  if (all_as_declared) {
    out << style.good("✓ every verdict as declared") << '\n';
  } else {
    out << style.bad("✗ some verdicts are not as declared (see ≠ above)") << '\n';
  }
  out << "next:  " << style.accent("racelab play no-proxies --impl buggy")
      << "       be the scheduler\n"
      << "       " << style.accent("racelab check stale-teardown --impl fixed")
      << "  where the seed's fix is not enough\n";
  return all_as_declared ? kExitOk : kExitViolation;
}

}  // namespace racelab::cli
