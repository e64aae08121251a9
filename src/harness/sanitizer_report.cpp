// sanitizer_report.cpp — finding ThreadSanitizer's (and ASan's, UBSan's) reports in captured
// output. The sanitizers print to the child's stderr, which the harness captures; the report
// format is stable across LLVM releases:
//   WARNING: ThreadSanitizer: data race (pid=123)        ... SUMMARY: ThreadSanitizer: data race
//   ...
//   ==123==ERROR: AddressSanitizer: heap-use-after-free on address ...   ... SUMMARY: ...
//   file.cpp:12:3: runtime error: signed integer overflow ...
#include <sstream>

#include "racelab/harness/trial_result.hpp"

namespace racelab::harness {
namespace {

struct Opening {
  std::string tool;
  std::string kind;
};

// Recognises the first line of a report.
bool opening(const std::string& line, Opening& out) {
  static const char* const kTools[] = {"ThreadSanitizer", "AddressSanitizer", "LeakSanitizer",
                                       "MemorySanitizer"};
  for (const char* tool : kTools) {
    for (const char* lead : {"WARNING: ", "ERROR: "}) {
      const std::string marker = std::string(lead) + tool + ": ";
      const auto at = line.find(marker);
      if (at == std::string::npos) continue;
      std::string kind = line.substr(at + marker.size());
      // "data race (pid=1)", "heap-use-after-free on address 0x..", "SEGV on unknown address"
      for (const char* cut : {" (pid=", " on address", " on unknown address", " in thread"}) {
        const auto c = kind.find(cut);
        if (c != std::string::npos) kind.erase(c);
      }
      out = {tool, kind};
      return true;
    }
  }
  if (line.find(": runtime error: ") != std::string::npos) {
    out = {"UndefinedBehaviorSanitizer", "runtime error"};
    return true;
  }
  return false;
}

}  // namespace

std::vector<SanitizerReport> find_sanitizer_reports(const std::string& output) {
  std::vector<SanitizerReport> reports;
  std::istringstream in(output);
  std::string line;
  bool open = false;  // the last report is still collecting lines (UBSan's are one line)
  while (std::getline(in, line)) {
    Opening o;
    if (opening(line, o)) {
      reports.push_back({o.tool, o.kind, line + "\n"});
      open = o.tool != "UndefinedBehaviorSanitizer";
      continue;
    }
    if (!open) continue;
    reports.back().text += line + "\n";
    if (line.rfind("SUMMARY: ", 0) == 0) open = false;
  }
  return reports;
}

}  // namespace racelab::harness
