// The few words a step is read by (racelab/model/trace.hpp). Renderers build on op_text();
// none of them parses it back.
#include "racelab/model/trace.hpp"

#include <algorithm>

namespace racelab::model {

const char* to_string(OpKind k) {
  switch (k) {
    case OpKind::start: return "start";
    case OpKind::yield: return "yield";
    case OpKind::read: return "read";
    case OpKind::write: return "write";
    case OpKind::lock: return "lock";
    case OpKind::unlock: return "unlock";
    case OpKind::put: return "put";
    case OpKind::get: return "get";
    case OpKind::close: return "close";
    case OpKind::spawn: return "spawn";
    case OpKind::join: return "join";
    case OpKind::exit: return "exit";
  }
  return "?";
}

std::string op_text(const Step& s) {
  switch (s.kind) {
    case OpKind::lock: return (s.detail == "try" ? "try_lock " : "lock ") + s.object;
    case OpKind::read:
    case OpKind::write: return std::string(to_string(s.kind)) + " " + s.object + ": " + s.detail;
    case OpKind::spawn: return "start " + s.object;  // Python's t.start()
    case OpKind::yield: return s.detail.empty() ? "yield" : s.detail;
    case OpKind::exit: return s.raised.empty() ? "exit" : s.raised;
    case OpKind::start: return "start";
    default: return std::string(to_string(s.kind)) + " " + s.object;
  }
}

bool violates_at(const Execution& e, int i) {
  return std::any_of(e.violations.begin(), e.violations.end(),
                     [i](const Violation& v) { return v.step == i; });
}

bool related_to_violation(const Execution& e, int i) {
  return std::any_of(e.violations.begin(), e.violations.end(), [i](const Violation& v) {
    return std::find(v.related.begin(), v.related.end(), i) != v.related.end();
  });
}

bool step_states(const Step& s, const Violation& v) {
  return !s.raised.empty() && s.raised == v.message;
}

}  // namespace racelab::model
