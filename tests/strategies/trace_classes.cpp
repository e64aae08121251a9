// tests/strategies/trace_classes.cpp — see trace_classes.hpp.
#include "trace_classes.hpp"

#include <algorithm>
#include <map>
#include <vector>

namespace racelab::strategy_tests {
namespace {

enum class Effect { none, observes, changes };

Effect effect_of(model::OpKind k) {
  using model::OpKind;
  switch (k) {
    case OpKind::yield:
    case OpKind::fence: return Effect::none;
    case OpKind::read:
    case OpKind::load:
    case OpKind::join: return Effect::observes;
    default: return Effect::changes;
  }
}

struct ObjectLevels {
  int change = 0;   // level of the last change
  int observe = 0;  // highest level of an observation
};

// Replaces every thread name in s by its path.
std::string rename(std::string s, const std::vector<std::string>& names,
                   const std::vector<std::string>& paths) {
  for (std::size_t t = 0; t < names.size(); ++t) {
    if (names[t].empty()) continue;
    for (std::size_t at = s.find(names[t]); at != std::string::npos;
         at = s.find(names[t], at + paths[t].size()))
      s.replace(at, names[t].size(), "T" + paths[t]);
  }
  return s;
}

}  // namespace

TraceClass trace_class(const model::Trace& trace) {
  const std::vector<std::string>& names = trace.threads;
  std::vector<std::string> path(names.size());
  if (!path.empty()) path[0] = "0";
  std::vector<int> spawned(names.size(), 0), steps(names.size(), 0), thread_level(names.size(), 0);
  const auto thread_named = [&](const std::string& name) {
    const auto it = std::find(names.begin(), names.end(), name);
    return it == names.end() ? -1 : static_cast<int>(it - names.begin());
  };
  std::map<std::string, ObjectLevels> objects;
  struct Placed {
    int level;
    std::string label, value;
  };
  std::vector<Placed> placed;
  int top = 0;
  for (const model::Step& s : trace.steps) {
    const auto t = static_cast<std::size_t>(s.thread);
    std::string object = s.object;
    if (s.kind == model::OpKind::spawn || s.kind == model::OpKind::join) {
      const int other = thread_named(s.object);
      if (other >= 0 && s.kind == model::OpKind::spawn) {
        path[static_cast<std::size_t>(other)] = path[t] + "." + std::to_string(spawned[t]++);
        object = "T" + path[static_cast<std::size_t>(other)];
      } else if (other >= 0) {
        object = "T" + path[static_cast<std::size_t>(other)];
      }
    } else if (s.kind == model::OpKind::exit) {
      object = "T" + path[t];
    }
    const Effect e = object.empty() ? Effect::none : effect_of(s.kind);
    int level = thread_level[t];
    ObjectLevels* o = e == Effect::none ? nullptr : &objects[object];
    if (o != nullptr) {
      level = std::max(level, o->change);
      if (e == Effect::changes) level = std::max(level, o->observe);
    }
    ++level;
    if (o != nullptr) {
      if (e == Effect::changes)
        o->change = level;
      else
        o->observe = std::max(o->observe, level);
    }
    thread_level[t] = level;
    if (s.kind == model::OpKind::spawn) {  // the child's first step follows its spawn
      const int child = thread_named(s.object);
      if (child >= 0) thread_level[static_cast<std::size_t>(child)] = level;
    }
    top = std::max(top, level);
    placed.push_back(Placed{level,
                            path[t] + "#" + std::to_string(steps[t]++) + " " +
                                model::to_string(s.kind) + " " + object + " " + s.detail,
                            rename(s.value, names, path)});
  }
  std::vector<std::vector<std::pair<std::string, std::string>>> levels(
      static_cast<std::size_t>(top) + 1);
  for (Placed& p : placed)
    levels[static_cast<std::size_t>(p.level)].emplace_back(std::move(p.label), std::move(p.value));
  TraceClass c;
  for (auto& level : levels) {
    if (level.empty()) continue;
    std::sort(level.begin(), level.end());
    c.normal_form += "|";
    c.with_values += "|";
    for (const auto& [label, value] : level) {
      c.normal_form += label + ";";
      c.with_values += label + "=" + value + ";";
    }
  }
  return c;
}

}  // namespace racelab::strategy_tests
