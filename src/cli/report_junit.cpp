// JUnit XML for `racelab verify --junit FILE` (verify_report.hpp): the format CI systems (GitLab,
// Jenkins, GitHub test-report actions) read. One test case per scenario × implementation; it
// fails when the verdict is not as declared.
#include <algorithm>
#include <cstdio>
#include <sstream>

#include "usage.hpp"
#include "verify_report.hpp"

namespace racelab::cli {

namespace {

// Text and attribute values: the five XML specials escaped; control characters XML 1.0 cannot
// carry become spaces.
std::string xml(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (const char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') ? ' ' : c;
    }
  }
  return out;
}

std::string seconds(double ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", ms / 1000.0);
  return buf;
}

std::string list_or_none(const std::vector<std::string>& ids) {
  return ids.empty() ? "none" : join(ids);
}

// Declared and found, what the verdict rests on and its notes, then every violation with its
// replay command.
std::string details(const PairOutcome& p) {
  std::ostringstream out;
  out << "declared: " << p.expected;
  if (!p.declared_finds.empty()) out << " (" << join(p.declared_finds) << ")";
  out << "\nfound:    " << p.verdict;
  if (!p.found.empty()) out << " (" << list_or_none(p.found) << ")";
  out << "\ncoverage: " << p.coverage << '\n';
  for (const auto& note : p.notes) out << "note:     " << note.text << '\n';
  for (const auto& [id, x] : p.witnesses) {
    const auto vs = violations_of(x, id);
    out << "\n" << id << ": " << (vs.empty() ? id : vs.front().message) << "\n";
    out << "  schedule: " << x.schedule << " (" << x.preemptions
        << (x.preemptions == 1 ? " preemption)" : " preemptions)") << '\n';
    out << "  replay:   " << replay_command(p.subject, x.schedule) << '\n';
  }
  return out.str();
}

std::string failure_message(const PairOutcome& p) {
  if (p.verdict != p.expected) {
    return p.expected == "safe" ? "declared safe, but the model found " + list_or_none(p.found)
                                : "declared violation (" + join(p.declared_finds) +
                                      "), but the model found none: " + p.coverage;
  }
  std::vector<std::string> missing;
  for (const auto& id : p.declared_finds) {
    if (std::find(p.found.begin(), p.found.end(), id) == p.found.end()) missing.push_back(id);
  }
  return "declared " + join(missing) + " not found: " + p.coverage;
}

}  // namespace

std::string junit_xml(const VerifyRun& run) {
  std::size_t failures = 0;
  for (const auto& p : run.pairs) failures += p.as_declared ? 0 : 1;
  std::ostringstream out;
  const std::string counts = " tests=\"" + std::to_string(run.pairs.size()) + "\" failures=\"" +
                             std::to_string(failures) + "\" errors=\"0\" skipped=\"0\" time=\"" +
                             seconds(run.elapsed_ms) + "\"";
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites name=\"racelab verify\"" << counts << ">\n";
  out << "  <testsuite name=\"racelab verify\"" << counts << ">\n";
  for (const auto& p : run.pairs) {
    out << "    <testcase classname=\"racelab." << xml(p.subject.scenario) << "\" name=\""
        << xml(p.subject.impl) << "\" time=\"" << seconds(p.elapsed_ms) << "\">\n";
    if (!p.as_declared) {
      out << "      <failure type=\"not-as-declared\" message=\"" << xml(failure_message(p))
          << "\">" << xml(details(p)) << "</failure>\n";
    } else {
      out << "      <system-out>" << xml(details(p)) << "</system-out>\n";
    }
    out << "    </testcase>\n";
  }
  out << "  </testsuite>\n</testsuites>\n";
  return out.str();
}

}  // namespace racelab::cli
