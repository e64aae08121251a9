// What people read: thread names, operations as the timeline shows them, what a blocked thread
// waits for. Built only when a trace is recorded or something went wrong.
#include <bit>
#include <string>

#include "model/engine.hpp"
#include "racelab/internal/text.hpp"
#include "racelab/model/schedule.hpp"

namespace racelab::model::detail {

const std::string& Engine::name_of(int t) {
  ThreadRec& th = thread_at(t);
  if (th.name.empty()) {
    // Python's names: the main thread, then Thread-N (target) in start order.
    th.name = thread_number_name(t);  // std::thread t(f, args...)
    if (t != 0 && !th.target.empty()) th.name += " (" + th.target + ")";
  }
  return th.name;
}

std::string Engine::waits_text(const ThreadRec& t) {
  const PendingOp& p = t.pending;
  switch (p.kind) {
    case OpKind::lock: {
      const ObjectRec& m = object_at(p.object);
      const MutexState& state = m.as<MutexState>();
      const int owner = state.owner;
      const std::string side = (p.flags & kShared) ? " (shared)" : "";
      if (owner == t.id)
        return "waits for " + m.name() + side +
               ", which it holds itself (a mutex is not re-entrant: a recursive_mutex is)";
      if (owner >= 0) return "waits for " + m.name() + side + " held by " + name_of(owner);
      std::string readers;  // the others: an upgrade waits for them too
      for (int r : state.readers)
        if (r != t.id) readers += (readers.empty() ? "" : ", ") + name_of(r);
      if (state.held_shared_by(t.id)) {
        return "waits for " + m.name() + ", which it holds shared itself" +
               (readers.empty() ? "" : " (and " + readers + " shared too)") +
               ": an exclusive lock waits until every shared holder lets go, itself included";
      }
      return "waits for " + m.name() + " held shared by " + readers;
    }
    case OpKind::wake: return "waits for a notify on " + object_at(p.object).name();
    case OpKind::acquire: {
      const ObjectRec& o = object_at(p.object);
      if (o.kind == rt::ObjectKind::latch) {
        return "waits for " + o.name() + " to count down to 0 (" +
               std::to_string(o.as<LatchState>().count) + " left)";
      }
      if (o.kind == rt::ObjectKind::barrier) {
        const BarrierState& b = o.as<BarrierState>();
        return "waits for phase " + std::to_string(t.awaited_phase) + " of " + o.name() +
               " to end (" + std::to_string(b.remaining) + " of " + std::to_string(b.expected) +
               " arrivals still to come)";
      }
      return "waits for " + o.name() + " (its count is 0)";
    }
    case OpKind::release:  // a barrier's arrive while a completion function runs
      return "waits for the completion function of " + object_at(p.object).name() + " to return";
    case OpKind::get: return "waits for an item in " + object_at(p.object).name();
    case OpKind::join: return "waits for " + name_of(p.object) + " to finish";
    default: return "is not blocked";
  }
}

std::string Engine::deadlock_message() {
  std::string out = "deadlock: ";
  bool first = true;
  for (const ThreadView& v : view_) {
    ThreadRec& t = thread_at(v.id);
    out += (first ? "" : "; ") + name_of(v.id) + " " + waits_text(t);
    first = false;
  }
  return out;
}

namespace {

// An atomic operation's memory order (PendingOp::flags), and its std name.
std::memory_order order_of(const PendingOp& p) {
  return static_cast<std::memory_order>(p.flags >> kOrderShift);
}
const char* order_text(const PendingOp& p) { return order_name(order_of(p)); }

}  // namespace

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
    case OpKind::close:
    case OpKind::wait:
    case OpKind::wake:
    case OpKind::acquire:
    case OpKind::release: s.object = object_at(p.object).name(); break;
    case OpKind::notify:
      s.object = object_at(p.object).name();
      s.detail = p.what != nullptr ? p.what : "one";
      break;
    case OpKind::load:
    case OpKind::store:
    case OpKind::rmw:
    case OpKind::fence: {
      if (p.kind != OpKind::fence) s.object = object_at(p.object).name();
      // "fetch_add, relaxed"; seq_cst, the default, goes unsaid (except for a fence).
      s.detail = p.what != nullptr ? p.what : "";
      if (order_of(p) != std::memory_order_seq_cst || p.kind == OpKind::fence)
        s.detail += (s.detail.empty() ? "" : ", ") + std::string(order_text(p));
      break;
    }
    case OpKind::read:
    case OpKind::write:
      s.object = object_at(p.object).name();
      s.detail = p.what != nullptr ? p.what : "";
      break;
    case OpKind::spawn:
      // The id is the one the thread gets if it starts now (Python's Thread-N numbering).
      s.object = thread_number_name(nthreads_) +
                 (p.what != nullptr && *p.what != '\0' ? " (" + std::string(p.what) + ")" : "");
      break;
    case OpKind::join: s.object = name_of(p.object); break;
    case OpKind::yield: s.detail = (p.flags & kSpin) ? "" : p.what != nullptr ? p.what : ""; break;
    case OpKind::exit: s.raised = t.raised >= 0 ? t.raised_line : std::string(); break;
    case OpKind::start: break;
  }
  // An atomic's wait (C++20) is a load: its order, as a load's.
  if (p.kind == OpKind::wait && object_at(p.object).kind == rt::ObjectKind::atomic &&
      order_of(p) != std::memory_order_seq_cst) {
    s.detail = order_text(p);
  }
  if ((p.kind == OpKind::acquire || p.kind == OpKind::release) && p.what != nullptr) {
    s.detail = p.what;  // a latch's or barrier's: "wait", "try_wait", "count_down", "arrive" …
  } else if (p.kind == OpKind::lock || p.kind == OpKind::unlock || p.kind == OpKind::acquire) {
    const bool try_ = (p.flags & kTry) != 0;
    const bool shared = (p.flags & kShared) != 0;
    s.detail = try_ && shared ? "try shared" : try_ ? "try" : shared ? "shared" : "";
  }
  for (int i = 0; i < nobjects_; ++i) {
    const ObjectRec& o = object_at(i);
    if (o.kind != rt::ObjectKind::mutex && o.kind != rt::ObjectKind::recursive_mutex &&
        o.kind != rt::ObjectKind::shared_mutex)
      continue;
    const MutexState& m = o.as<MutexState>();
    if (m.owner == t.id) s.locks_held.push_back(o.name());
    if (m.held_shared_by(t.id)) s.locks_held.push_back(o.name() + " (shared)");
  }
  if (p.kind != OpKind::exit) {
    s.file = p.loc.short_file();
    s.line = p.loc.line;
  }
  return s;
}

// A strategy found the body off the prefix it replays: the schedule so far, which threads could
// run at that step the first time and now, and the likely cause — a person's "no verdict".
nondeterministic_body Engine::diverged(const prefix_diverged& d) {
  const auto names = [this, &d](std::uint64_t threads) {
    std::string out;
    for (; threads != 0; threads &= threads - 1) {
      const int id = std::countr_zero(threads);
      out += (out.empty() ? "" : ", ") +
             (id < nthreads_ ? name_of(id) : "thread " + std::to_string(id));
    }
    return (out.empty() ? std::string("no thread") : out) + (d.live ? " existed" : " could run");
  };
  return nondeterministic_body(
      format_schedule(choices_), d.step + 1, names(d.before), names(d.now),
      "time or randomness, or state kept between executions (a clock, rand(), a static or "
      "global the body changes and does not reset)");
}

}  // namespace racelab::model::detail
