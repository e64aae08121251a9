#include "step_ops.hpp"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

namespace racelab::cli {

namespace {

struct Verb {
  std::string_view word;
  Effect effect;
};

// The engine's verbs. A cell access always names what it did after a colon
// ("read QUEUE_USER: find user"), which is how it differs from a label that happens to start
// with the same word ("read proxy pool").
constexpr std::array kVerbs = {
    Verb{"read", Effect::read},     Verb{"write", Effect::write},   Verb{"lock", Effect::sync},
    Verb{"try_lock", Effect::sync}, Verb{"try-lock", Effect::sync}, Verb{"unlock", Effect::sync},
    Verb{"put", Effect::sync},      Verb{"get", Effect::sync},      Verb{"close", Effect::sync},
    Verb{"spawn", Effect::thread},  Verb{"start", Effect::thread},  Verb{"join", Effect::thread},
};

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(' ');
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(' ');
  return std::string(s.substr(b, e - b + 1));
}

}  // namespace

StepTarget classify(const model::Step& s) {
  const std::string_view op = s.op;
  const auto space = op.find(' ');
  if (space == std::string_view::npos) return {Effect::none, "", "", std::string(op)};
  const std::string_view word = op.substr(0, space);
  const auto verb =
      std::find_if(kVerbs.begin(), kVerbs.end(), [&](const Verb& v) { return v.word == word; });
  if (verb == kVerbs.end()) return {Effect::none, "", "", std::string(op)};

  std::string_view rest = op.substr(space + 1);
  std::string detail;
  if (const auto colon = rest.find(':'); colon != std::string_view::npos) {
    detail = trim(rest.substr(colon + 1));
    rest = rest.substr(0, colon);
  } else if (verb->effect == Effect::read || verb->effect == Effect::write) {
    return {Effect::none, "", "", std::string(op)};  // a label such as "read proxy pool"
  }
  return {verb->effect, std::string(verb->word), trim(rest), std::move(detail)};
}

bool step_states(const model::Step& s, const model::Violation& v) {
  const std::string& what = v.message.empty() ? v.id : v.message;
  return !what.empty() && s.op.find(what) != std::string::npos;
}

std::vector<int> conflicting_steps(const model::Execution& e) {
  const auto& steps = e.trace.steps;
  std::vector<int> out;
  for (int i = 0; i < static_cast<int>(steps.size()); ++i) {
    const auto& s = steps[static_cast<std::size_t>(i)];
    if (!s.flagged) continue;
    const StepTarget t = classify(s);
    if (t.effect != Effect::read && t.effect != Effect::write) continue;
    for (int j = i - 1; j >= 0; --j) {
      const auto& p = steps[static_cast<std::size_t>(j)];
      if (p.thread == s.thread) continue;
      const StepTarget pt = classify(p);
      if (pt.object != t.object) continue;
      if (pt.effect == Effect::write || (pt.effect == Effect::read && t.effect == Effect::write)) {
        out.push_back(j);
        break;
      }
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace racelab::cli
