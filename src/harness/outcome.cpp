// outcome.cpp — classifying a trial, and naming the class for people and for machines.
#include <string.h>  // sigabbrev_np (glibc >= 2.32)

#include <algorithm>
#include <set>

#include "racelab/harness/trial_result.hpp"

namespace racelab::harness {
namespace {

// "ThreadSanitizer: data race" → "tsan:data-race", for ids without spaces.
std::string sanitizer_id(const std::string& tool_and_kind) {
  static const std::pair<const char*, const char*> kShort[] = {
      {"ThreadSanitizer", "tsan"},
      {"AddressSanitizer", "asan"},
      {"LeakSanitizer", "lsan"},
      {"UndefinedBehaviorSanitizer", "ubsan"},
      {"MemorySanitizer", "msan"}};
  std::string tool = tool_and_kind.substr(0, tool_and_kind.find(':'));
  std::string kind =
      tool_and_kind.size() > tool.size() + 2 ? tool_and_kind.substr(tool.size() + 2) : "";
  for (const auto& [longer, shorter] : kShort) {
    if (tool == longer) tool = shorter;
  }
  std::replace(kind.begin(), kind.end(), ' ', '-');
  return tool + ":" + kind;
}

std::string findings_text(const std::map<std::string, int>& findings, const char* times,
                          const char* sep) {
  std::string out;
  for (const auto& [id, n] : findings) {
    if (!out.empty()) out += sep;
    out += id;
    if (n > 1) out += times + std::to_string(n);
  }
  return out;
}

}  // namespace

const char* to_string(Ending e) {
  switch (e) {
    case Ending::completed: return "completed";
    case Ending::crashed: return "crashed";
    case Ending::timed_out: return "timeout";
    case Ending::exited: return "exited";
  }
  return "?";
}

std::string signal_name(int signal) {
  if (const char* abbrev = ::sigabbrev_np(signal)) return std::string("SIG") + abbrev;
  return "signal " + std::to_string(signal);
}

int TrialOutcome::key_errors() const {
  const auto it = findings.find("KeyError");
  return it == findings.end() ? 0 : it->second;
}

bool TrialOutcome::has_tsan_report() const {
  return std::any_of(sanitizers.begin(), sanitizers.end(),
                     [](const std::string& s) { return s.rfind("ThreadSanitizer", 0) == 0; });
}

std::string TrialOutcome::label() const {
  std::string out;
  switch (ending) {
    case Ending::completed:
      out = findings.empty() ? "ok" : findings_text(findings, " ×", ", ");
      break;
    case Ending::crashed: out = "crashed: " + signal_name(signal); break;
    case Ending::timed_out: out = "timeout"; break;
    case Ending::exited: out = "exited " + std::to_string(exit_code) + " without a report"; break;
  }
  for (const auto& s : sanitizers) out += " + " + s;
  return out;
}

std::string TrialOutcome::id() const {
  std::string out;
  switch (ending) {
    case Ending::completed:
      out = findings.empty() ? "ok" : findings_text(findings, "*", "+");
      break;
    case Ending::crashed: out = "signal:" + signal_name(signal); break;
    case Ending::timed_out: out = "timeout"; break;
    case Ending::exited: out = "exit:" + std::to_string(exit_code); break;
  }
  for (const auto& s : sanitizers) out += "+" + sanitizer_id(s);
  return out;
}

TrialOutcome TrialResult::outcome() const {
  TrialOutcome o;
  o.ending = ending;
  if (ending == Ending::crashed) o.signal = signal;
  if (ending == Ending::exited) o.exit_code = exit_code;
  if (report) {
    // An exception counts by its Python type ("KeyError").
    for (const auto& e : report->exceptions) ++o.findings[e.type];
    for (const auto& v : report->violations) ++o.findings[v.id];
  }
  std::set<std::string> kinds;
  for (const auto& r : sanitizer_reports) kinds.insert(r.tool + ": " + r.kind);
  o.sanitizers.assign(kinds.begin(), kinds.end());
  return o;
}

}  // namespace racelab::harness
