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
    case OpKind::load: return "load";
    case OpKind::store: return "store";
    case OpKind::rmw: return "rmw";
    case OpKind::fence: return "fence";
    case OpKind::wait: return "wait";
    case OpKind::wake: return "wake";
    case OpKind::notify: return "notify";
    case OpKind::acquire: return "acquire";
    case OpKind::release: return "release";
  }
  return "?";
}

std::string op_text(const Step& s) {
  switch (s.kind) {
    case OpKind::lock:
    case OpKind::unlock: {
      // "lock m", "try_lock m", "lock_shared rw", "try_lock_shared rw", "unlock_shared rw"
      const bool try_ = s.detail.rfind("try", 0) == 0;
      const bool shared = s.detail.find("shared") != std::string::npos;
      return std::string(try_ ? "try_" : "") + to_string(s.kind) + (shared ? "_shared " : " ") +
             s.object;
    }
    case OpKind::load:
    case OpKind::store:
    case OpKind::rmw:
    case OpKind::fence:
      // "load flag (acquire)", "rmw counter: fetch_add (relaxed)", "fence (release)"
      return std::string(to_string(s.kind)) + (s.object.empty() ? "" : " " + s.object) +
             (s.detail.empty() ? "" : " (" + s.detail + ")");
    case OpKind::wait:  // "wait cv"; an atomic's: "wait ready (acquire)"
      return "wait " + s.object + (s.detail.empty() ? "" : " (" + s.detail + ")");
    case OpKind::notify: return "notify_" + s.detail + " " + s.object;
    case OpKind::acquire:  // "acquire s", "try_acquire s"; a latch's or barrier's "wait l"
      if (s.detail.empty() || s.detail == "try")
        return (s.detail == "try" ? "try_acquire " : "acquire ") + s.object;
      return s.detail + " " + s.object;
    case OpKind::release:  // "release s"; a latch's "count_down l", a barrier's "arrive b"
      return (s.detail.empty() ? "release" : s.detail) + " " + s.object;
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
