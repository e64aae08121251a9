// racelab verify: every scenario × implementation (or a selection) against the verdict
// scenarios/ declares for it, for CI. Exit 0 exactly when every verdict is as declared.
//
// Each pair is scenarios::check_declared(): a declared-safe pair explored exhaustively (the
// proof), a declared violation looked for in dpor's first schedules, then exhaustively if a
// declared kind is missing there, so a verdict is never cut short by the budget.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <optional>
#include <sstream>

#include "commands.hpp"
#include "racelab/internal/text.hpp"
#include "racelab/scenarios/check.hpp"
#include "report_file.hpp"
#include "usage.hpp"
#include "verify_report.hpp"

namespace racelab::cli {

namespace {

// RACELAB_TEST_DECLARE=SCENARIO:IMPL=safe|violation[:ID,ID...] replaces one declaration, for
// tests only (tests/cli/e2e_verify_test.cpp proves verify fails when a declaration is wrong).
// Not a user option: what is declared lives in scenarios/.
struct Override {
  std::string scenario, impl;
  scenarios::Expectation expectation;
};

std::optional<Override> test_override() {
  const char* env = std::getenv("RACELAB_TEST_DECLARE");
  if (env == nullptr || *env == '\0') return std::nullopt;
  const std::string text = env;
  const auto colon = text.find(':');
  const auto eq = text.find('=');
  const std::string accepted =
      " (accepted: SCENARIO:IMPL=safe or SCENARIO:IMPL=violation[:ID,ID...])";
  if (colon == std::string::npos || eq == std::string::npos || eq < colon) {
    throw UsageError("RACELAB_TEST_DECLARE '" + text + "' is malformed" + accepted);
  }
  Override o;
  o.scenario = text.substr(0, colon);
  o.impl = text.substr(colon + 1, eq - colon - 1);
  std::string verdict = text.substr(eq + 1);
  std::string finds;
  if (const auto c = verdict.find(':'); c != std::string::npos) {
    finds = verdict.substr(c + 1);
    verdict.resize(c);
  }
  if (verdict != "safe" && verdict != "violation") {
    throw UsageError("RACELAB_TEST_DECLARE verdict '" + verdict + "' is unknown" + accepted);
  }
  o.expectation.verdict =
      verdict == "safe" ? scenarios::Verdict::safe : scenarios::Verdict::violation;
  std::istringstream ids(finds);
  for (std::string id; std::getline(ids, id, ',');) {
    if (!id.empty()) o.expectation.finds.push_back(id);
  }
  return o;
}

PairOutcome outcome(const scenarios::CheckResult& r) {
  PairOutcome p;
  p.subject = subject(*r.scenario, r.impl);
  p.expected = scenarios::to_string(r.expected.verdict);
  p.declared_finds = r.expected.finds;
  p.verdict = scenarios::to_string(r.verdict());
  p.found.assign(r.found.begin(), r.found.end());
  p.as_declared = r.as_declared();
  p.exhaustive = r.report.complete;
  p.coverage = scenarios::coverage(r, format_ms(r.report.elapsed_ms));
  p.notes = model::notes(r.report);
  p.schedules = r.report.schedules;
  p.elapsed_ms = r.report.elapsed_ms;
  for (const auto& id : model::witness_order(r.report)) {
    p.witnesses.emplace_back(id, r.report.witnesses.at(id));
  }
  return p;
}

// "no-proxies  buggy  ✗ KeyError, data-race  ✓ as declared · 200 schedules in 90 ms", and
// under it the pair's notes (what the verdict does not cover).
std::string row(const PairOutcome& p, const Style& style) {
  const bool safe = p.verdict == "safe";
  const std::string what =
      safe ? (p.exhaustive ? "✓ proved safe" : "✓ no violation found") : "✗ " + join(p.found);
  std::string line = "  " + pad_right(p.subject.scenario, 25) + pad_right(p.subject.impl, 10) +
                     (safe ? style.good(pad_right(ellipsize(what, 40), 40))
                           : style.bad(pad_right(ellipsize(what, 40), 40))) +
                     " " +
                     (p.as_declared ? style.good("✓ as declared")
                                    : style.bad("≠ NOT as declared (" + p.expected + ")"));
  line += style.dim(" · " + p.coverage) + '\n';
  for (const auto& note : p.notes) line += style.dim("      note: " + note.text) + '\n';
  return line;
}

}  // namespace

int run_verify(const VerifySelection& sel, const VerifyOutputs& outputs, bool json) {
  const auto start = std::chrono::steady_clock::now();
  const auto replaced = test_override();
  std::vector<std::string> impls = sel.impls.empty() ? scenarios::implementations() : sel.impls;
  const auto selected = [&](const std::string& scenario, const std::string& impl) {
    return (sel.scenarios.empty() || std::find(sel.scenarios.begin(), sel.scenarios.end(),
                                               scenario) != sel.scenarios.end()) &&
           std::find(impls.begin(), impls.end(), impl) != impls.end();
  };
  if (replaced && (scenarios::find_scenario(replaced->scenario) == nullptr ||
                   !selected(replaced->scenario, replaced->impl))) {
    throw UsageError("RACELAB_TEST_DECLARE names " + replaced->scenario + ":" + replaced->impl +
                     ", which this run does not verify (accepted: a selected scenario and "
                     "implementation)");
  }
  ReportFile junit(outputs.junit), sarif(outputs.sarif), markdown(outputs.markdown);
  VerifyRun run;
  {
    Progress meter(progress_wanted(json), "verify", "pairs");
    for (const auto& s : scenarios::catalogue()) {
      for (const auto& impl : impls) {
        if (!selected(s.id, impl)) continue;
        scenarios::Expectation declared = s.expected.at(impl);
        if (replaced && replaced->scenario == s.id && replaced->impl == impl) {
          declared = replaced->expectation;
        }
        run.pairs.push_back(outcome(scenarios::check_declared(s, impl, declared)));
        meter.update(run.pairs.size());
      }
    }
  }
  run.elapsed_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();

  bool written = junit.write([&] { return junit_xml(run); });
  written &= sarif.write([&] { return dump(sarif_log(run)); });
  written &= markdown.write([&] { return markdown_summary(run); });
  // A report that did not reach its file is output not written: exit 3, as for stdout.
  const int exit = !written ? kExitInternal : all_as_declared(run) ? kExitOk : kExitViolation;
  if (json) {
    std::cout << dump(verify_json(run));
    return exit;
  }

  const Style style = style_for(1);
  std::size_t proved = 0, found = 0, sampled = 0, off = 0, noted = 0;
  std::ostringstream out;
  out << style.bold("racelab verify") << " — every scenario × implementation against its declared "
      << "verdict\n\n";
  for (const auto& p : run.pairs) {
    out << row(p, style);
    if (p.verdict == "safe") (p.exhaustive ? proved : sampled) += 1;
    if (p.verdict == "violation") ++found;
    if (!p.as_declared) ++off;
    if (!p.notes.empty()) ++noted;
  }
  out << '\n'
      << plural(run.pairs.size(), "pair") << " in " << format_ms(run.elapsed_ms) << ": " << proved
      << " proved safe (every interleaving explored), " << plural(found, "violation")
      << " found (each replays from its schedule)";
  if (sampled > 0) out << ", " << sampled << " safe in a sample only (not a proof)";
  if (noted > 0) out << "; " << noted << " with a note under its row (what it does not cover)";
  out << '\n';
  out << (off == 0 ? style.good("✓ every verdict as declared")
                   : style.bad("✗ " + plural(off, "verdict") + " NOT as declared"))
      << '\n';
  for (const auto& p : run.pairs) {
    if (p.as_declared) continue;
    for (const auto& [id, x] : p.witnesses) {
      out << "  " << p.subject.scenario << " " << p.subject.impl << " " << id << ":  "
          << style.accent(replay_command(p.subject, x.schedule)) << '\n';
    }
    if (p.witnesses.empty()) {
      out << "  " << p.subject.scenario << " " << p.subject.impl << ": declared " << p.expected
          << ", found none — " << p.coverage << '\n';
    }
  }
  std::cout << out.str();
  return exit;
}

}  // namespace racelab::cli
