// racelab demo (and racelab with no arguments): the seed's story end to end, in a few seconds.
//   1. the buggy registry under the model: the triple KeyError, as a timeline, with its token
//   2. the seed's fix, proved safe over every interleaving of the same scenario
//   3. every scenario × implementation, measured against its declared verdict
//   4. real threads (fork-isolated trials) and ThreadSanitizer: what production would see
// Exit 0 when every verdict is as declared.
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "render.hpp"
#include "scenario_args.hpp"
#include "stress_summary.hpp"
#include "terminal.hpp"
#include "text_layout.hpp"
#include "usage.hpp"
#include "verdict_table.hpp"

namespace racelab::cli {

namespace {

constexpr const char* kSeedScenario = "no-proxies";
// A declared violation needs only to be found: the first schedules of dpor find every declared
// kind in each scenario (the exhaustive count is `racelab check`'s job). A declared-safe pair is
// explored exhaustively: that is the proof.
constexpr std::size_t kViolationBudget = 200;

// Measures one pair under the demo's budget; a violation pair that does not show every declared
// finding within the budget is measured again exhaustively, so a verdict is never cut short.
verdicts::Row measure(const scenarios::Scenario& s, const std::string& impl) {
  if (s.expected.at(impl).verdict == scenarios::Verdict::violation) {
    verdicts::Budget budget;
    budget.max_schedules = kViolationBudget;
    auto row = verdicts::measure(s, impl, budget);
    if (row.agrees()) return row;
  }
  return verdicts::measure(s, impl);
}

std::string count_of(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string coverage(const verdicts::Row& r) {
  std::string out = r.complete
                        ? "exhaustive: all " + count_of(r.traces, "trace", "traces") +
                              " explored (" + count_of(r.schedules, "schedule", "schedules") + ")"
                        : "sampled " + count_of(r.schedules, "schedule", "schedules");
  return out + " in " + format_ms(r.elapsed_ms);
}

const verdicts::Row* find_row(const std::vector<verdicts::Row>& rows, const std::string& scenario,
                              const std::string& impl) {
  for (const auto& r : rows) {
    if (r.scenario == scenario && r.impl == impl) return &r;
  }
  return nullptr;
}

// "✗ KeyError, data-race" or "✓ safe in all 24 traces", padded, then whether it is as declared.
std::string verdict_cell(const verdicts::Row& r, const Style& style, std::size_t width) {
  std::string text;
  if (r.measured == scenarios::Verdict::safe) {
    text = r.complete ? "✓ safe in all " + count_of(r.traces, "trace", "traces")
                      : "✓ safe in " + count_of(r.schedules, "schedule", "schedules");
  } else {
    text = "✗ ";
    std::size_t i = 0;
    for (const auto& id : r.found) text += (i++ ? ", " : "") + id;
  }
  const std::string padded = pad_right(ellipsize(text, width), width);
  return (r.measured == scenarios::Verdict::safe ? style.good(padded) : style.bad(padded)) + " " +
         (r.agrees() ? style.good("✓ as declared") : style.bad("≠ NOT as declared"));
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

int run_demo(const DemoOptions& o) {
  const int trials = static_cast<int>(parse_number("--trials", o.trials, 0, 100'000));
  const Style style = style_for(1);
  const bool progress = progress_wanted(false);
  std::ostream& out = std::cout;
  bool all_as_declared = true;

  story(out, style);

  // Every scenario × implementation once; the story's rows are taken from the same table.
  std::vector<verdicts::Row> rows;
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
  for (const auto& r : rows) all_as_declared &= r.agrees();

  const auto& seed = require_scenario(kSeedScenario);
  const Subject buggy{seed.id, seed.title, "buggy"};
  out << style.bold("1. The buggy registry under the model — every interleaving") << '\n';
  out << "   racelab check " << seed.id << " --impl buggy\n";
  if (const auto* r = find_row(rows, seed.id, "buggy")) {
    out << "   " << coverage(*r) << " · " << r->failing << " of " << r->schedules << " fail\n\n";
    if (r->shortest) {
      out << render_violations(r->shortest->violations, style) << '\n';
      out << "The shortest failing interleaving (" << r->shortest->preemptions
          << (r->shortest->preemptions == 1 ? " preemption" : " preemptions")
          << (r->shortest->preemptions == 0 ? ": no unlucky timing needed" : "") << "):\n";
      out << render_timeline(*r->shortest, style) << '\n';
      out << "replay:  " << style.accent(replay_command(buggy, r->shortest->schedule)) << '\n';
      out << "review:  " << style.accent(replay_command(buggy, r->shortest->schedule, "markdown"))
          << "\n\n";
    } else {
      out << style.bad("   ✗ the model found no violation — not as declared") << "\n\n";
    }
  }

  out << style.bold("2. The seed's fix (fixed/): one lock; `del` becomes `pop(user, None)`")
      << '\n';
  out << "   racelab check " << seed.id << " --impl fixed\n";
  if (const auto* r = find_row(rows, seed.id, "fixed")) {
    if (r->measured == scenarios::Verdict::safe) {
      out << "   "
          << style.good(r->complete ? "✓ proved safe in every interleaving"
                                    : "✓ no violation in the schedules explored")
          << " — " << coverage(*r) << "\n\n";
    } else {
      out << "   " << style.bad("✗ violation") << " — " << coverage(*r) << "\n\n";
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
    out << "   ThreadSanitizer: " << style.accent(tsan_command({seed.id, seed.title, "buggy"}))
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
