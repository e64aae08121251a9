// SARIF 2.1.0 for `racelab verify --sarif FILE` (verify_report.hpp): what GitHub code scanning
// reads to show a race as an annotation on the line of a pull request. One result per violation
// of each witness, located at the source of its culprit step; a data race's earlier access is a
// related location; the message carries the replay command. Checked against the OASIS schema in
// tests (tests/cli/data/sarif-schema-2.1.0.json).
#include <map>
#include <string>

#include "verify_report.hpp"

namespace racelab::cli {

namespace {

constexpr const char* kSchema = "https://json.schemastore.org/sarif-2.1.0.json";

Json physical(const std::string& file, int line) {
  return {{"physicalLocation",
           {{"artifactLocation", {{"uri", file}, {"uriBaseId", "%SRCROOT%"}}},
            {"region", {{"startLine", line > 0 ? line : 1}}}}}};
}

// The scenario's own file when no step can be named (an end-of-run property with no culprit):
// scenarios/stale_teardown.hpp declares the property that failed.
std::string scenario_file(const std::string& scenario) {
  std::string name = scenario;
  for (auto& c : name) c = c == '-' ? '_' : c;
  return "scenarios/" + name + ".hpp";
}

// "Thread-2 (worker) write "erase user" (step 13)": a related step in a few words.
std::string step_words(const model::Execution& e, int i) {
  const auto& s = e.trace.steps.at(static_cast<std::size_t>(i));
  const auto& who = e.trace.threads.at(static_cast<std::size_t>(s.thread));
  return who + ": " + step_text(s) + " (step " + std::to_string(i + 1) + ")";
}

}  // namespace

Json sarif_log(const VerifyRun& run) {
  Json rules = Json::array();
  std::map<std::string, std::size_t> rule_index;  // violation id → index in rules
  Json results = Json::array();
  for (const auto& p : run.pairs) {
    for (const auto& [id, x] : p.witnesses) {
      for (const auto& v : violations_of(x, id)) {
        if (rule_index.count(v.id) == 0) {
          rule_index[v.id] = rules.size();
          rules.push_back({{"id", v.id},
                           {"name", v.id},
                           {"shortDescription", {{"text", model::to_string(v.kind)}}}});
        }
        const SourcePoint at = source_point(x, v.step);
        // The violation's own step, as the timeline and the Markdown report number it; the
        // location may be an earlier step's (an exception's exit step has no line of its own).
        std::string text = v.message;
        if (v.step >= 0) text += " (step " + std::to_string(v.step + 1) + ")";
        text += ". Scenario " + p.subject.scenario + ", implementation " + p.subject.impl +
                (p.as_declared ? " (a declared, known bug)" : " (NOT as declared)") +
                ". Replay: " + replay_command(p.subject, x.schedule);
        Json r = {{"ruleId", v.id},
                  {"ruleIndex", rule_index[v.id]},
                  {"level", p.as_declared ? "note" : "error"},
                  {"message", {{"text", text}}},
                  {"locations",
                   Json::array({at.file.empty() ? physical(scenario_file(p.subject.scenario), 1)
                                                : physical(at.file, at.line)})}};
        Json related = Json::array();
        for (const int other : v.related) {
          const SourcePoint rel = source_point(x, other);
          if (rel.file.empty()) continue;
          Json loc = physical(rel.file, rel.line);
          loc["id"] = related.size() + 1;
          loc["message"] = {{"text", "racing access: " + step_words(x, other)}};
          related.push_back(std::move(loc));
        }
        if (!related.empty()) r["relatedLocations"] = std::move(related);
        r["properties"] = {{"scenario", p.subject.scenario},
                           {"impl", p.subject.impl},
                           {"schedule", x.schedule},
                           {"asDeclared", p.as_declared}};
        results.push_back(std::move(r));
      }
    }
  }
  Json sarif_run = {{"tool", {{"driver", {{"name", "racelab"}, {"rules", std::move(rules)}}}}},
                    {"results", std::move(results)}};
  // A pair's notes qualify its verdict, not a line of code: SARIF's notification objects in the
  // run's invocation, not results (code scanning wants a location for each result and shows it
  // as an annotation on that line).
  Json notifications = Json::array();
  for (const auto& p : run.pairs) {
    for (const auto& note : p.notes) {
      notifications.push_back(
          {{"level", "note"},
           {"message", {{"text", p.subject.scenario + " " + p.subject.impl + ": " + note.text}}},
           {"descriptor", {{"id", note.field}}}});
    }
  }
  if (!notifications.empty()) {
    sarif_run["invocations"] = Json::array(
        {{{"executionSuccessful", true}, {"toolExecutionNotifications", notifications}}});
  }
  return {{"$schema", kSchema}, {"version", "2.1.0"}, {"runs", Json::array({sarif_run})}};
}

}  // namespace racelab::cli
