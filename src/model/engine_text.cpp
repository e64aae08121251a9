// What people read: thread names, operations as the timeline shows them, what a blocked thread
// waits for. Built only when a trace is recorded or something went wrong.
#include "engine.hpp"

namespace racelab::model::detail {

const std::string& Engine::name_of(int t) {
  ThreadRec& th = threads_[static_cast<std::size_t>(t)];
  if (th.name.empty()) {
    // Python's names: the main thread, then Thread-N (target) in start order.
    th.name = t == 0 ? std::string("MainThread")
                     : "Thread-" + std::to_string(t) + " (" + th.target + ")";
  }
  return th.name;
}

std::string Engine::op_text(const ThreadRec& t) {
  const PendingOp& p = t.pending;
  auto object = [&]() -> const std::string& {
    return objects_[static_cast<std::size_t>(p.object)].name;
  };
  switch (p.kind) {
    case OpKind::lock: return (p.trying ? "try_lock " : "lock ") + object();
    case OpKind::unlock: return "unlock " + object();
    case OpKind::put: return "put " + object();
    case OpKind::get: return "get " + object();
    case OpKind::close: return "close " + object();
    case OpKind::read: return "read " + object() + ": " + p.what;
    case OpKind::write: return "write " + object() + ": " + p.what;
    case OpKind::spawn:
      // Python's t.start(); the id is the one the thread gets if it starts now.
      return "start Thread-" + std::to_string(nthreads_) + " (" + (p.what ? p.what : "") + ")";
    case OpKind::join: return "join " + name_of(p.object);
    case OpKind::yield: return p.what != nullptr ? p.what : "yield";
    case OpKind::exit: return t.raised >= 0 ? "✗ " + t.raised_line : std::string("exit");
    case OpKind::start: return "start";
  }
  return "?";
}

std::string Engine::waits_text(const ThreadRec& t) {
  const PendingOp& p = t.pending;
  switch (p.kind) {
    case OpKind::lock: {
      const ObjectRec& m = objects_[static_cast<std::size_t>(p.object)];
      if (m.owner == t.id)
        return "waits for " + m.name + ", which it holds itself (a Lock is not re-entrant)";
      return "waits for " + m.name + " held by " + name_of(m.owner);
    }
    case OpKind::get:
      return "waits for an item in " + objects_[static_cast<std::size_t>(p.object)].name;
    case OpKind::join: return "waits for " + name_of(p.object) + " to finish";
    default: return "is not blocked";
  }
}

std::string Engine::deadlock_message() {
  std::string out = "deadlock: ";
  bool first = true;
  for (const ThreadView& v : view_) {
    ThreadRec& t = threads_[static_cast<std::size_t>(v.id)];
    out += (first ? "" : "; ") + name_of(v.id) + " " + waits_text(t);
    first = false;
  }
  return out;
}

Step Engine::step_record(const ThreadRec& t) {
  Step s;
  s.thread = t.id;
  s.op = op_text(t);
  if (t.pending.kind != OpKind::exit) {
    s.file = t.pending.loc.short_file();
    s.line = t.pending.loc.line;
  }
  s.flagged = t.pending.kind == OpKind::exit && t.raised >= 0;
  return s;
}

}  // namespace racelab::model::detail
