// racelab demo (and racelab with no arguments): the seed's story end to end, in a few seconds.
//   1. the buggy registry under the model: the triple KeyError, as a timeline, with its token
//   2. the seed's fix, proved safe over every interleaving of the same scenario
//   3. every scenario × implementation, measured against its declared verdict
//   4. real threads (fork-isolated trials) and ThreadSanitizer: what production would see
// Exit 0 when every verdict is as declared.
#include <iostream>
#include <map>

#include "commands.hpp"
#include "no_proxies.hpp"
#include "racelab/internal/text.hpp"
#include "racelab/scenarios/check.hpp"
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

// "✗ KeyError, data-race" or "✓ safe · exhaustive: all 24 traces", padded, then whether it is
// as declared.
std::string verdict_cell(const CheckResult& r, const Style& style, std::size_t width) {
  const bool safe = r.verdict() == scenarios::Verdict::safe;
  const std::string text =
      safe ? "✓ " + std::string(scenarios::to_string(r.verdict())) + " · " + scenarios::coverage(r)
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
  story(out, style);

  // Every scenario × implementation once; the story's rows are taken from the same table.
  std::map<std::pair<std::string, std::string>, CheckResult> rows;  // by (scenario, impl)
  bool all_as_declared = true;
  {
    Progress meter(progress, "measuring every scenario × implementation", "pairs",
                   scenarios::catalogue().size() * scenarios::implementations().size());
    for (const auto& s : scenarios::catalogue()) {
      for (const auto& impl : scenarios::implementations()) {
        const auto& r = rows.emplace(std::pair(s.id, impl), measure(s, impl)).first->second;
        all_as_declared &= r.as_declared();
        meter.update(rows.size());
      }
    }
  }

  const auto& seed = *scenarios::find_scenario(kSeedScenario);
  const Subject buggy = subject(seed, "buggy");
  out << style.bold("1. The buggy registry under the model — every interleaving") << '\n';
  out << "   racelab check " << seed.id << " --impl buggy\n";
  const auto& found = rows.at({seed.id, "buggy"});
  out << "   " << covered(found) << " · " << found.report.failing_schedules << " of "
      << found.report.schedules << " fail\n\n";
  if (const auto& f = found.report.failure) {
    out << render_violations(f->violations, style) << '\n';
    out << "The shortest failing interleaving (" << f->preemptions
        << (f->preemptions == 1 ? " preemption" : " preemptions")
        << (f->preemptions == 0 ? ": no unlucky timing needed" : "") << "):\n";
    out << render_timeline(*f, style) << '\n';
    out << "replay:  " << style.accent(replay_command(buggy, f->schedule)) << '\n';
    out << "review:  " << style.accent(replay_command(buggy, f->schedule, "markdown")) << "\n\n";
    // The seed's log again, this time printed by the C++ run: the seed's schedule replayed.
    const auto run = scenarios::model_run(seed, "buggy");
    const model::Execution seed_run =
        model::replay(scenarios::no_proxies::kSeedLogSchedule, run.body, run.end_check);
    out << "The seed's schedule replayed (" << seed_run.schedule
        << "): what the C++ run printed, as Python's threading printed it in production:\n\n"
        << indent(render_thread_output(seed_run), "    ") << '\n';
  } else {
    out << style.bad("   ✗ the model found no violation — not as declared") << "\n\n";
  }

  out << style.bold("2. The seed's fix (fixed/): one lock; `del` becomes `pop(user, None)`")
      << '\n';
  out << "   racelab check " << seed.id << " --impl fixed\n";
  const auto& fix = rows.at({seed.id, "fixed"});
  out << "   "
      << (fix.report.failure    ? style.bad("✗ a violation")
          : fix.report.complete ? style.good("✓ proved safe in every interleaving")
                                : style.good("✓ no violation in the schedules explored"))
      << " — " << covered(fix) << "\n\n";

  out << style.bold("3. Is the seed's fix the whole fix? Every scenario, every implementation")
      << '\n';
  for (const auto& s : scenarios::catalogue()) {
    for (const auto& impl : scenarios::implementations()) {
      out << "   " << pad_right(impl == scenarios::implementations().front() ? s.id : "", 25)
          << pad_right(impl, 10) << verdict_cell(rows.at({s.id, impl}), style, 50) << '\n';
    }
  }
  out << style.dim(
             "   (declared in scenarios/; safe pairs explored exhaustively, violations "
             "found within the first " +
             std::to_string(kViolationBudget) + " schedules)")
      << "\n\n";

  out << style.bold("4. Real threads — what production would see") << '\n';
  if (trials > 0) {
    out << "   racelab stress " << seed.id << " --impl <impl> --trials " << trials
        << "   (one child process per trial)\n";
    for (const char* impl : {"buggy", "fixed"}) {
      StressRun run;
      run.trials = trials;
      const auto h = run_real_trials(seed, impl, run, progress);
      out << "   " << pad_right(impl, 7) << histogram_line(h) << '\n';
      if (h.interrupted) {  // SIGINT/SIGTERM: the trials so far, then stop (stress.cpp)
        out << "   " << style.warn(interrupted_line(h, trials)) << '\n';
        return kExitInterrupted + stop_signal();
      }
      // Real threads can miss a race, so only a clean fix is a verdict here.
      if (seed.expected.at(impl).verdict == scenarios::Verdict::safe &&
          h.count_if([](const harness::TrialOutcome& oc) { return !oc.ok(); }) > 0) {
        all_as_declared = false;
        out << "   " << style.bad("✗ the fix failed on real threads — not as declared") << '\n';
      }
    }
  } else {
    out << "   skipped (--trials 0)\n";
  }
  out << "   ThreadSanitizer: "
      << (built_with_tsan() ? "this is a TSan build; the trials above include its reports."
                            : style.accent(tsan_command(buggy)))
      << "\n\n";

  out << (all_as_declared ? style.good("✓ every verdict as declared")
                          : style.bad("✗ some verdicts are not as declared (see ≠ above)"))
      << '\n';
  out << "next:  " << style.accent("racelab play no-proxies --impl buggy")
      << "       be the scheduler\n"
      << "       " << style.accent("racelab check stale-teardown --impl fixed")
      << "  where the seed's fix is not enough\n";
  return all_as_declared ? kExitOk : kExitViolation;
}

}  // namespace racelab::cli
