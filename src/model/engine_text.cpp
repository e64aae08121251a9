// What people read: thread names, operations as the timeline shows them, what a blocked thread
// waits for. Built only when a trace is recorded or something went wrong.
#include "model/engine.hpp"

namespace racelab::model::detail {

const std::string& Engine::name_of(int t) {
  ThreadRec& th = threads_[static_cast<std::size_t>(t)];
  if (th.name.empty()) {
    // Python's names: the main thread, then Thread-N (target) in start order.
    th.name =
        t == 0 ? std::string("MainThread") : "Thread-" + std::to_string(t) + " (" + th.target + ")";
  }
  return th.name;
}

std::string Engine::waits_text(const ThreadRec& t) {
  const PendingOp& p = t.pending;
  switch (p.kind) {
    case OpKind::lock: {
      const ObjectRec& m = objects_[static_cast<std::size_t>(p.object)];
      const int owner = m.as<MutexState>().owner;
      if (owner == t.id)
        return "waits for " + m.name + ", which it holds itself (a Lock is not re-entrant)";
      return "waits for " + m.name + " held by " + name_of(owner);
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
  const PendingOp& p = t.pending;
  Step s;
  s.thread = t.id;
  s.kind = p.kind;
  switch (p.kind) {
    case OpKind::lock:
    case OpKind::unlock:
    case OpKind::put:
    case OpKind::get:
    case OpKind::close: s.object = objects_[static_cast<std::size_t>(p.object)].name; break;
    case OpKind::read:
    case OpKind::write:
      s.object = objects_[static_cast<std::size_t>(p.object)].name;
      s.detail = p.what != nullptr ? p.what : "";
      break;
    case OpKind::spawn:
      // The id is the one the thread gets if it starts now (Python's Thread-N numbering).
      s.object = "Thread-" + std::to_string(nthreads_) + " (" + (p.what ? p.what : "") + ")";
      break;
    case OpKind::join: s.object = name_of(p.object); break;
    case OpKind::yield: s.detail = p.what != nullptr ? p.what : ""; break;
    case OpKind::exit: s.raised = t.raised >= 0 ? t.raised_line : std::string(); break;
    case OpKind::start: break;
  }
  if (p.kind == OpKind::lock && p.trying) s.detail = "try";
  for (int i = 0; i < nobjects_; ++i) {
    const ObjectRec& o = objects_[static_cast<std::size_t>(i)];
    if (o.kind == rt::ObjectKind::mutex && o.as<MutexState>().owner == t.id) {
      s.locks_held.push_back(o.name);
    }
  }
  if (p.kind != OpKind::exit) {
    s.file = p.loc.short_file();
    s.line = p.loc.line;
  }
  return s;
}

}  // namespace racelab::model::detail
