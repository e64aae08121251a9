#include "json.hpp"

#include <algorithm>
#include <string_view>

namespace racelab::cli {

using json = Json;

json violation_json(const model::Violation& v, const std::string& schedule) {
  json j = {{"kind", v.id}, {"message", v.message}};
  if (!v.thread.empty()) j["thread"] = v.thread;
  if (v.step >= 0) j["step"] = v.step + 1;  // 1-based, as the timelines number steps
  if (!v.related.empty()) {
    json related = json::array();
    for (int r : v.related) related.push_back(r + 1);
    j["related_steps"] = std::move(related);
  }
  j["schedule"] = schedule;
  return j;
}

json violation_json(const model::Violation& v, const model::Execution& e) {
  json j = violation_json(v, e.schedule);
  const auto& steps = e.trace.steps;
  auto held = [&](int step) {
    return step >= 0 && static_cast<std::size_t>(step) < steps.size()
               ? json(steps[static_cast<std::size_t>(step)].locks_held)
               : json::array();
  };
  if (v.step >= 0 && static_cast<std::size_t>(v.step) < steps.size())
    j["locks_held"] = held(v.step);
  if (!v.related.empty() && !steps.empty()) {
    json related = json::array();
    for (int r : v.related) related.push_back(held(r));
    j["related_locks_held"] = std::move(related);
  }
  return j;
}

json execution_json(const Subject& s, const model::Execution& e) {
  json steps = json::array();
  for (std::size_t i = 0; i < e.trace.steps.size(); ++i) {
    const auto& st = e.trace.steps[i];
    json j = {{"step", i + 1},
              {"thread", st.thread},
              {"op", model::op_text(st)},
              {"kind", model::to_string(st.kind)}};
    if (!st.object.empty()) j["object"] = st.object;
    if (!st.detail.empty()) j["detail"] = st.detail;
    if (!st.value.empty()) j["value"] = st.value;
    if (!st.raised.empty()) j["raised"] = st.raised;
    if (!st.file.empty()) {
      j["file"] = st.file;
      j["line"] = st.line;
    }
    j["locks_held"] = st.locks_held;
    j["preemption"] = st.preemption;
    j["flagged"] = model::violates_at(e, static_cast<int>(i));
    steps.push_back(std::move(j));
  }
  json violations = json::array();
  for (const auto& v : e.violations) violations.push_back(violation_json(v, e));
  json j = {{"scenario", s.scenario}, {"impl", s.impl}};
  add_size(j, s);
  j.update({{"schedule", e.schedule},
            {"preemptions", e.preemptions},
            {"verdict", scenarios::to_string(e.ok() ? scenarios::Verdict::safe
                                                    : scenarios::Verdict::violation)},
            {"threads", e.trace.threads},
            {"steps", std::move(steps)},
            {"violations", std::move(violations)}});
  return j;
}

void add_size(json& j, const Subject& s) {
  j["workers"] = s.workers;
  if (s.requests > 0) j["requests"] = s.requests;
}

json scenario_json(const scenarios::Scenario& s, const std::vector<std::string>& order) {
  json properties = json::array();
  for (const auto& p : s.properties) properties.push_back({{"id", p.id}, {"text", p.text}});
  json impls = json::array();
  json expected = json::object();
  json finds = json::object();
  auto add = [&](const std::string& impl, const scenarios::Expectation& exp) {
    impls.push_back(impl);
    expected[impl] = scenarios::to_string(exp.verdict);
    finds[impl] = exp.finds;
  };
  for (const auto& impl : order) {
    if (const auto it = s.expected.find(impl); it != s.expected.end()) add(impl, it->second);
  }
  for (const auto& [impl, exp] : s.expected) {
    if (std::find(order.begin(), order.end(), impl) == order.end()) add(impl, exp);
  }
  return {{"id", s.id},
          {"title", s.title},
          {"story", s.story},
          {"properties", std::move(properties)},
          {"implementations", std::move(impls)},
          {"expected", std::move(expected)},
          {"finds", std::move(finds)}};
}

std::string outcome_id(const std::string& label) {
  std::string out;
  for (std::size_t i = 0; i < label.size();) {
    constexpr std::string_view kTimes = " ×";  // a space and two UTF-8 bytes
    if (label.compare(i, kTimes.size(), kTimes) == 0) {
      out += '*';
      i += kTimes.size();
    } else if (label.compare(i, 3, " + ") == 0) {
      out += '+';
      i += 3;
    } else {
      out += label[i++];
    }
  }
  return out;
}

std::string dump(const json& j) { return j.dump(2) + "\n"; }

}  // namespace racelab::cli
