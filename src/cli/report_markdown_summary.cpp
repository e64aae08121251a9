// The Markdown summary of `racelab verify --markdown FILE` (verify_report.hpp): a pull-request
// comment (GitHub, GitLab). The result first, then one table row per pair, then the commands
// that replay and review each violation — a reviewer copies one line, not a log.
#include <sstream>

#include "racelab/internal/text.hpp"
#include "usage.hpp"
#include "verify_report.hpp"

namespace racelab::cli {

namespace {

// A table cell: a `|` would end the cell, a newline the row.
std::string cell(std::string s) {
  std::string out;
  for (const char c : s) {
    if (c == '|') {
      out += "\\|";
    } else {
      out += c == '\n' ? ' ' : c;
    }
  }
  return out;
}

std::string declared(const PairOutcome& p) {
  return p.declared_finds.empty() ? p.expected : p.expected + " (" + join(p.declared_finds) + ")";
}

std::string result(const PairOutcome& p) {
  return p.verdict == "safe" ? (p.exhaustive ? "✓ safe, proved" : "✓ none found")
                             : "✗ " + join(p.found);
}

}  // namespace

std::string markdown_summary(const VerifyRun& run) {
  std::size_t proved = 0, violations = 0, off = 0;
  for (const auto& p : run.pairs) {
    proved += (p.verdict == "safe" && p.exhaustive) ? 1 : 0;
    violations += p.verdict == "violation" ? 1 : 0;
    off += p.as_declared ? 0 : 1;
  }
  std::ostringstream out;
  out << "## racelab verify: "
      << (off == 0 ? "✓ every verdict as declared"
                   : "✗ " + std::to_string(off) + " of " + std::to_string(run.pairs.size()) +
                         " verdicts NOT as declared")
      << "\n\n";
  out << run.pairs.size() << " scenario × implementation pairs in " << format_ms(run.elapsed_ms)
      << ": " << proved << " proved safe over every interleaving, " << violations
      << " with a violation found (each with a schedule that replays it).\n\n";
  out << "| scenario | impl | declared | found | covered | |\n";
  out << "| --- | --- | --- | --- | --- | --- |\n";
  for (const auto& p : run.pairs) {
    out << "| `" << p.subject.scenario << "` | " << p.subject.impl << " | " << cell(declared(p))
        << " | " << cell(result(p)) << " | " << cell(p.coverage) << " | "
        << (p.as_declared ? "✓ as declared" : "**✗ NOT as declared**") << " |\n";
  }
  bool noted = false;
  for (const auto& p : run.pairs) {
    for (const auto& note : p.notes) {
      if (!noted) out << "\n**Notes** — what a verdict above does not cover:\n\n";
      noted = true;
      out << "- `" << p.subject.scenario << "` " << p.subject.impl << ": " << cell(note.text)
          << "\n";
    }
  }
  bool heading = false;
  for (const auto& p : run.pairs) {
    for (const auto& [id, x] : p.witnesses) {
      if (!heading) {
        out << "\n<details><summary>Replay each violation</summary>\n\n";
        heading = true;
      }
      const auto vs = violations_of(x, id);
      out << "- `" << p.subject.scenario << "` " << p.subject.impl << " — `" << id << "`"
          << (vs.empty() ? "" : ": " + cell(vs.front().message));
      if (!vs.empty() && vs.front().step >= 0) {
        out << " (step " << vs.front().step + 1 << ")";
      }
      out << (p.as_declared ? "" : " **(not declared)**") << "\n  `"
          << replay_command(p.subject, x.schedule, "markdown") << "`\n";
    }
  }
  if (heading) out << "\n</details>\n";
  return out.str();
}

}  // namespace racelab::cli
