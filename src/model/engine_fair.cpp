// Fair scheduling: a thread that spins is not scheduled while another thread can run, and a spin
// that nothing can end is a livelock.
//
// A step either changes something (a write, an atomic store or rmw that changes the value, a
// put, get or close, a notify or wait, a semaphore acquire or release, a spawn, join or exit:
// *progress*), only observes (a read or load, a failed try_lock, try_acquire or
// compare_exchange, an atomic store or rmw that leaves the value as it was — exchange(true) on a
// flag already true: a test-and-set loop on a held lock spins), or is neutral (a labelled yield,
// a fence, a lock or unlock — taking and giving back a mutex to look at something is how a thread
// polls under a lock, and a poll is not progress). A thread *spins* when, since it last made
// progress,
//   - it called std::this_thread::yield() (a spin hint, as loom's yield_now and Relacy's yield
//     are) — unless it just failed a compare_exchange with arguments new at that site: the
//     failure wrote what it read into `expected`, and a loop that forgets to put the old value
//     back succeeds on the retry while the lock is held (new-user trial 5); the retry shows
//     whether the loop repeats (same expected and desired, nothing changed: then it spins), or
//   - it observes at a site (file:line, object) for the third time with nothing it observed
//     changed since the first: two iterations repeated the one before exactly. Twice is not
//     enough: straight-line code reads one location twice at one line all the time —
//     check(x == 0, "x is " + to_string(x)) — and hiding that thread as a spinner would lose the
//     interleavings in which it goes first (new-user trial 4 found a missed assertion so).
// A spinning thread is woken as soon as an object it observed changes (with no object, as soon as
// any thread makes progress). While a thread that is not spinning can run, spinners are left out
// of the choice (they look blocked to the strategy), so `while (!flag) yield();` costs one
// iteration per change of flag, under dfs, dpor, pct and random alike.
//
// When only spinners can run, the execution is *stalled*: one spinner at a time runs (fewest
// stalled turns first, then lowest id — no choice point, so no schedules are spent on it), in
// case its loop is bounded and ends by itself. When every spinner has taken spin_limit turns and
// nobody made progress, no fair schedule can end the spin: Outcome::livelock, naming the spinners
// and what they wait on. The price: a spin loop that ends by itself after more than
// spin_limit + 8 silent iterations is reported as a livelock (raise Options::spin_limit), and
// interleavings where a spinner that really waits acts before an unrelated runnable thread are
// not explored — the fairness assumption loom and Relacy make too.
//
// That assumption is checked, not trusted. A loop that ends by itself — for (i < 3) poll;
// try_lock three times, then a fallback; one yield() before a store — is no spin: hiding it
// loses the interleavings in which it finishes first (new-user trial 6: wrong "safe" verdicts).
// A spinner *leaves its loop by itself* when, with nothing it observed changed, it makes
// progress or observes a site its loop did not (once the loop came round: a yield() before the
// loop's first read is no exit). Two ways to see it: any run in which a spinner does so, and the
// spin probe (spin_probe.hpp) — the first time a spinner is hidden at a site while others could
// run, explore() replays the run up to there and then runs that thread alone, unhidden, for
// spin_limit + 8 steps. Either way the site becomes no spin for the engine (not_a_spin) and the
// search starts again (Report::bounded_spin). A loop bounded by more silent iterations than the
// probe runs is still taken for a spin.
#include <algorithm>
#include <string>

#include "model/engine.hpp"
#include "racelab/model/trace.hpp"

namespace racelab::model::detail {

namespace {
bool listed(const std::vector<source_loc>& sites, source_loc s) noexcept {
  return std::any_of(sites.begin(), sites.end(), [&](source_loc x) { return x.same_place(s); });
}
}  // namespace

void Engine::mark_probed(source_loc site) {
  if (!listed(probed_, site)) probed_.push_back(site);
}

void Engine::not_a_spin(source_loc site) {
  if (!listed(not_spins_, site)) not_spins_.push_back(site);
}

bool Engine::is_spin_site(source_loc site) const noexcept { return !listed(not_spins_, site); }

// The first exit of this run is kept: one site at a time, the search starts again after it.
void Engine::left_spin(ThreadRec& me, const std::string& next) {
  if (!left_spin_.empty() || phase_ != Phase::running) return;
  left_spin_site_ = me.spin_site;
  left_spin_ = name_of(me.id) + "'s loop at " + where(me.spin_site) +
               " ends by itself: with nothing it observed changed, it went on to " + next;
}

// A spinner that is run was not woken (hide_spinners): if this step is progress, its loop ended
// by itself. Its words are taken before the step, while it is still pending (a spawn's name
// depends on the threads that exist). Out of line: a string per step costs every run.
[[gnu::noinline]] void Engine::resume_spinner(ThreadRec& me) {
  const std::string next = next_text(me);
  me.fiber.resume();
  if (step_effect_ == StepEffect::progress) left_spin(me, next);
}

std::string Engine::next_text(const ThreadRec& t) {
  const Step s = step_record(t);
  std::string text = op_text(s);
  if (!s.file.empty()) text += " (" + s.file + ":" + std::to_string(s.line) + ")";
  return text;
}

void Engine::changed(ObjectRec& o) noexcept { ++o.version; }

void Engine::observed(ThreadRec& me, int object, std::uint64_t args) {
  step_effect_ = StepEffect::observes;
  const unsigned version = object_at(object).version;
  const source_loc loc = me.pending.loc;
  if (me.spinning) {
    const bool known = std::any_of(me.seen.begin(), me.seen.end(), [&](const Seen& s) {
      return s.object == object && s.loc.same_place(loc);
    });
    if (known) {
      me.spin_closed = true;  // the loop came round
    } else if (me.spin_closed) {
      left_spin(me, next_text(me));
    } else {  // a yield() before the loop's first read: still learning what the loop reads
      me.seen.push_back(Seen{object, version, loc, 0, args});
    }
    return;
  }
  Seen* again = nullptr;
  bool unchanged = true;
  for (Seen& s : me.seen) {
    if (s.object >= 0 && object_at(s.object).version != s.version) unchanged = false;
    if (s.object == object && s.loc.same_place(loc)) again = &s;
  }
  // A compare_exchange retried with other arguments is a new attempt, not a repeat: the failure
  // wrote what it read into `expected`, and a loop that keeps it succeeds on the retry.
  me.fresh_args = args != 0 && (again == nullptr || again->args != args);
  if (again != nullptr && unchanged && !me.fresh_args) {
    if (++again->repeats >= 2) spin_hint(me);
    return;
  }
  if (again != nullptr) {
    // A new iteration saw something new: it is the baseline for the next one.
    for (Seen& s : me.seen) {
      if (s.object >= 0) s.version = object_at(s.object).version;
      s.repeats = 0;
    }
    again->args = args;
    return;
  }
  me.seen.push_back(Seen{object, version, loc, 0, args});
}

void Engine::spin_hint(ThreadRec& me) {
  step_effect_ = StepEffect::observes;
  if (!semantics_.fair) [[unlikely]]
    return;
  // yield() right after a compare_exchange with new arguments: wait for the retry to show
  // whether it repeats (fresh_args), or a lock whose loop forgets to reset `expected` looks safe.
  if (me.fresh_args) return;
  if (!is_spin_site(me.pending.loc)) [[unlikely]]
    return;
  me.spinning = true;
  me.spin_since = progress_;
  me.spin_site = me.pending.loc;
  // A third unchanged observation closes the loop; a yield() may come before its first read.
  me.spin_closed = me.pending.kind != OpKind::yield;
  if (symmetry_ && me.sym_group >= 0 && sym_spinner_ < 0) [[unlikely]] {
    sym_spinner_ = me.id;
    sym_spinner_name_ = name_of(me.id);
    sym_spinner_at_ = me.pending.loc;
  }
}

bool Engine::woken(ThreadRec& t) const noexcept {
  bool watches = false;
  for (const Seen& s : t.seen) {
    if (s.object < 0) continue;
    watches = true;
    if (object_at(s.object).version != s.version) return true;
  }
  return !watches && progress_ != t.spin_since;
}

// Called by build_view() once the view is built: wakes spinners whose wait is over, then leaves
// the rest out of the choice while a non-spinner can run, or offers exactly one when none can.
void Engine::hide_spinners() {
  stalled_ = false;
  bool others = false;
  bool spinners = false;
  for (ThreadView& v : view_) {
    if (!v.enabled) continue;
    ThreadRec& t = thread_at(v.id);
    if (t.spinning && woken(t)) {
      t.spinning = false;
      t.seen.clear();
    }
    if (t.spinning && v.id != unhidden_) {
      spinners = true;
    } else {
      others = true;
    }
  }
  if (!spinners) return;
  int pick = -1;
  for (ThreadView& v : view_) {
    if (!v.enabled) continue;
    const ThreadRec& t = thread_at(v.id);
    if (!t.spinning || v.id == unhidden_) continue;
    if (!others && (pick < 0 || t.stall_turns < thread_at(pick).stall_turns)) pick = v.id;
    if (others && hidden_spinner_.thread < 0 && !listed(probed_, t.spin_site)) [[unlikely]]
      hidden_spinner_ = {v.id, step_, t.spin_site};
    v.enabled = false;
  }
  if (others) return;
  stalled_ = true;
  for (ThreadView& v : view_)
    if (v.id == pick) v.enabled = true;
  if (current_ >= 0 && current_ != pick) current_enabled_ = false;
}

// Only spinners can run (hide_spinners() set stalled_). True when each has had spin_limit turns
// since anybody made progress: then no fair schedule ends the spin.
bool Engine::livelocked() {
  if (!stalled_) return false;
  for (const ThreadView& v : view_) {
    const ThreadRec& t = thread_at(v.id);
    if (enabled(t) && t.spinning && static_cast<std::size_t>(t.stall_turns) < semantics_.spin_limit)
      return false;
  }
  return true;
}

std::string Engine::livelock_message() {
  std::string out = "livelock: ";
  std::string blocked;
  bool first = true;
  for (const ThreadView& v : view_) {
    ThreadRec& t = thread_at(v.id);
    if (!enabled(t)) {
      blocked += (blocked.empty() ? "" : "; ") + name_of(v.id) + " " + waits_text(t);
      continue;
    }
    std::string what;
    for (const Seen& s : t.seen) {
      if (s.object < 0) continue;
      const std::string& name = object_at(s.object).name();
      if (what.find(name) == std::string::npos) what += (what.empty() ? "" : ", ") + name;
    }
    out += (first ? "" : "; ") + name_of(v.id) + " spins at " + where(t.pending.loc) +
           (what.empty() ? ", waiting for another thread to act"
                         : ", waiting for " + what + " to change");
    first = false;
  }
  out += " — no thread that can run will change it";
  if (!blocked.empty()) out += " (" + blocked + ")";
  return out;
}

}  // namespace racelab::model::detail
