// src/model/strategies/dpor.cpp — the dpor scheduler (dpor_impl.hpp describes the algorithm):
// the exploration tree and its nodes, what each execution replays and where it branches, the
// choice at each step, and the per-object summaries each executed step updates. Races and
// their reversal (wakeup trees, backtrack points) are in dpor_races.cpp.
#include <algorithm>
#include <bit>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/strategies/dpor_impl.hpp"

namespace racelab::model::detail {

namespace dpor_impl {

void Dpor::resize_width(int width) {
  if (width <= width_) return;
  const std::size_t rows = nodes_.size();
  std::vector<std::uint32_t> clocks(rows * width, 0);
  std::vector<OpDesc> ops(rows * width);
  for (std::size_t r = 0; r < rows; ++r) {
    std::copy_n(&clocks_[r * width_], width_, &clocks[r * width]);
    std::copy_n(&next_ops_[r * width_], width_, &ops[r * width]);
  }
  clocks_.swap(clocks);
  next_ops_.swap(ops);
  width_ = width;
  last_event_.resize(width, -1);
  steps_of_.resize(width, 0);
  creator_.resize(width, -1);
  twin_turn_.resize(width, -1);
  pending_seen_.resize(width);
  scratch_.resize(width);
}

Dpor::Object& Dpor::add_object(int id) {
  if (objects_used_ == objects_.size()) objects_.emplace_back();
  if (id >= 0) {
    const bool thread = id >= kThreadObjectBase;
    const auto key = static_cast<std::size_t>(thread ? id - kThreadObjectBase : id);
    std::vector<std::size_t>& slots = thread ? thread_slot_ : object_slot_;
    if (key >= slots.size()) slots.resize(key + 1, 0);
    slots[key] = objects_used_;
  }
  Object& o = objects_[objects_used_++];
  o.id = id;
  o.last_change = -1;
  o.observers.clear();  // keeps its capacity across executions
  o.last_end = -1;
  o.phase_waits.clear();
  o.version = 0;
  o.items = 0;
  o.closed = false;
  return o;
}

void Dpor::begin_execution(int branch) {
  depth_ = 0;
  threads_seen_ = 0;
  branch_ = branch;
  std::fill(last_event_.begin(), last_event_.end(), -1);
  std::fill(steps_of_.begin(), steps_of_.end(), 0);
  fingerprint_ = 0;
  std::fill(creator_.begin(), creator_.end(), -1);
  if (twins_) std::fill(twin_turn_.begin(), twin_turn_.end(), -1);
  twins_ = false;
  std::fill(pending_seen_.begin(), pending_seen_.end(), PendingKey{});
  objects_used_ = 0;
  abandoned_ = false;
}

bool Dpor::next_execution() {
  if (finished_) return false;
  if (!started_) {
    started_ = true;
    begin_execution(0);
    return true;
  }
  guide_.clear();
  if (!bound_) {
    // Optimal DPOR: the leftmost branch of the deepest wakeup tree with one left.
    for (int k = static_cast<int>(nodes_.size()) - 1; k >= 0; --k) {
      Node& n = nodes_[k];
      while (!n.wakeup.empty()) {
        WakeupStep w = std::move(n.wakeup.front());
        n.wakeup.erase(n.wakeup.begin());
        // Never true when the tree was built as the paper says; kept as a guard: a branch that
        // cannot run here is dropped (the tests count on it never happening, see dropped()).
        if (!(n.enabled & bit(w.thread)) || ((n.sleep | n.done) & bit(w.thread))) {
          ++dropped_;
          expand_fully(k);
          continue;
        }
        n.done |= bit(w.thread);
        n.chosen = w.thread;
        guide_ = std::move(w.children);
        nodes_.resize(k + 1);
        clocks_.resize(static_cast<std::size_t>(k + 1) * width_);
        next_ops_.resize(static_cast<std::size_t>(k + 1) * width_);
        begin_execution(k);
        return true;
      }
    }
    finished_ = true;
    return false;
  }
  // Algorithm 1's `while ∃p ∈ backtrack(E) \ Sleep`, for the deepest E with work left.
  for (int k = static_cast<int>(nodes_.size()) - 1; k >= 0; --k) {
    Node& n = nodes_[k];
    Mask todo = n.backtrack & ~n.done & ~n.sleep & n.enabled;
    for (Mask m = todo; m; m &= m - 1) {
      if (within_bound(n, lowest(m))) continue;
      todo &= ~bit(lowest(m));  // beyond the bound: not run
      n.done |= bit(lowest(m));
      mark_cut(k);
    }
    if (!todo) continue;
    const int t = n.current >= 0 && (todo & bit(n.current)) ? n.current : lowest(todo);
    n.done |= bit(t);
    n.chosen = t;
    nodes_.resize(k + 1);
    clocks_.resize(static_cast<std::size_t>(k + 1) * width_);
    next_ops_.resize(static_cast<std::size_t>(k + 1) * width_);
    begin_execution(k);
    return true;
  }
  finished_ = true;
  return false;
}

// FG05's check for a thread that cannot run now: races of its next operation as if it ran.
inline void Dpor::check_pending(int q, const OpDesc& op) {
  const Object* o = find_object(op.object);
  const PendingKey key{op.object, static_cast<int>(op.kind), last_event_[q], o ? o->version : 0u};
  PendingKey& seen = pending_seen_[q];
  if (seen.object == key.object && seen.kind == key.kind && seen.last == key.last &&
      seen.version == key.version)
    return;  // nothing it depends on changed since the last check
  seen = key;
  happens_before(q, op, depth_, scratch_.data());
  detect_races(q, op, scratch_.data(), depth_);
}

int Dpor::pick(const Choice& choice) {
  if (choice.threads == nullptr) contract_breach("pick() without threads");
  const int m = depth_;
  if (choice.step != static_cast<std::size_t>(m))
    contract_breach("pick() step does not follow the steps reported to executed()");
  Mask live = choice.live, enabled = choice.enabled;
  int max_id = live != 0 ? kMaxThreads - 1 - std::countl_zero(live) : -1;
  if (!choice.has_bits) {
    live = enabled = 0;
    max_id = -1;
    for (const ThreadView& v : *choice.threads) {
      max_id = std::max(max_id, v.id);
      if (v.id >= kMaxThreads) break;
      live |= bit(v.id);
      if (v.enabled) enabled |= bit(v.id);
    }
  }
  if (max_id >= kMaxThreads)
    contract_breach("more than 64 threads in one execution (thread " + std::to_string(max_id) +
                    "); DPOR keeps threads as 64-bit sets");
  if (max_id >= width_) resize_width(static_cast<int>(std::bit_ceil(unsigned(max_id + 1))));
  threads_seen_ = std::max(threads_seen_, max_id + 1);
  // A thread that was not live before step m-1 was created by it.
  const Mask before = m > 0 ? nodes_[m - 1].live : live;
  for (Mask a = live & ~before; a; a &= a - 1) creator_[lowest(a)] = m - 1;

  if (static_cast<std::size_t>(m) < nodes_.size()) {  // replaying the prefix, or the branch
    const Node& n = nodes_[m];
    if (n.enabled != enabled)
      throw prefix_diverged(static_cast<std::size_t>(m), n.enabled, enabled);
    if (n.chosen < 0 || n.live != live)
      throw prefix_diverged(static_cast<std::size_t>(m), n.live, live, true);
    return n.chosen;
  }
  return fresh_node(choice, live, enabled);
}

// Once per step, from pick() only: forced inline (GCC kept it a call).
[[gnu::always_inline]] inline int Dpor::fresh_node(const Choice& choice, Mask live, Mask enabled) {
  const int m = depth_;
  {
    Node& n = nodes_.emplace_back();  // built in place: no copy of its (empty) wakeup tree
    n.live = live;
    n.enabled = enabled;
    n.waiting = choice.spurious_only & enabled;
    n.current = choice.current;
  }
  clocks_.resize(static_cast<std::size_t>(m + 1) * width_, 0);
  next_ops_.resize(static_cast<std::size_t>(m + 1) * width_);
  OpDesc* ops = next_ops(m);
  for (const ThreadView& v : *choice.threads) ops[v.id] = v.next;

  Node& node = nodes_[m];
  if (m > 0) {
    const Node& parent = nodes_[m - 1];
    node.preemptions = parent.preemptions + preemption_cost(parent, parent.chosen);
    // Sleep' = {r ∈ Sleep ∪ explored | next(r) independent of the step just taken}.
    const OpDesc* pops = next_ops(m - 1);
    const Mask asleep = (parent.sleep | (parent.done & ~bit(parent.chosen) & ~parent.cut)) & live;
    for (Mask s = asleep; s; s &= s - 1)
      if (!dependent(pops[lowest(s)], parent.op)) node.sleep |= bit(lowest(s));
    node.inherited = parent.inherited & node.sleep;
  }
  if (static_cast<std::size_t>(m) == prefix_.size() && m > 0)
    node.sleep = node.inherited = prefix_sleep_ & live;
  for (Mask d = live & ~enabled & ~choice.twin_held; d; d &= d - 1)
    check_pending(lowest(d), ops[lowest(d)]);
  if (!enabled) return -1;  // the final state (deadlock or idle): seen, nothing to run
  if (static_cast<std::size_t>(m) < prefix_.size()) {  // the forced prefix of a subtree
    const int c = prefix_[m];
    if (c < 0 || c >= kMaxThreads || !(enabled & bit(c)))
      throw std::invalid_argument("racelab::model dpor: the prefix does not fit: step " +
                                  std::to_string(m + 1) + " chooses thread " + std::to_string(c) +
                                  ", which cannot run there");
    node.chosen = c;
    node.backtrack = node.done = bit(c);
    return c;
  }

  const Mask awake = enabled & ~node.sleep;
  int c = -1;
  bool drop_here = false;
  if (!guide_.empty()) {  // following a wakeup tree's branch
    WakeupStep w = std::move(guide_.front());
    node.wakeup.assign(std::make_move_iterator(guide_.begin() + 1),
                       std::make_move_iterator(guide_.end()));
    guide_.clear();
    if (awake & bit(w.thread)) {
      guide_ = std::move(w.children);
      node.chosen = w.thread;
      node.backtrack = node.done = bit(w.thread);
      return w.thread;
    }
    // Symmetry: a member held for its twin's turn is in the same state as the head of its chain,
    // about to do the same step. Run the head instead, and swap the two names in the rest of the
    // branch: the same execution up to renaming (engine_symmetry.cpp), which the reduced program
    // can run.
    // When the head is asleep here, its step's subtree is explored: that covers this branch up
    // to renaming, and the execution is abandoned (not a dropped branch).
    const int head = (choice.twin_held >> w.thread) & 1u ? choice.twin_head[w.thread] : -1;
    if (head >= 0 && (awake & bit(head))) {
      rename_threads(w.children, w.thread, head);
      guide_ = std::move(w.children);
      node.chosen = head;
      node.backtrack = node.done = bit(head);
      return head;
    }
    if (head >= 0 && (node.sleep & ~node.inherited & bit(head))) {
      abandoned_ = true;
      return -1;
    }
    ++dropped_;  // a reversal that cannot run here (see expand_fully)
    drop_here = true;
  }
  // The free choice: the running thread, even a waiter only a spurious wake-up frees (its wake-up
  // runs first, and defer_spurious then gives the others their branches), else the lowest awake.
  if (node.current >= 0 && (awake & bit(node.current))) {
    c = node.current;
  } else if (awake && within_bound(node, lowest(awake))) {
    c = lowest(awake);
  }
  if (c < 0) {  // sleep-set blocked, or every awake thread is beyond the preemption bound
    if (awake) mark_cut(m);
    abandoned_ = true;
    return -1;
  }
  node.chosen = c;
  node.backtrack = node.done = bit(c);
  if (drop_here) expand_fully(m);
  return c;
}

void Dpor::executed(int thread, const OpDesc& op) {
  const int m = depth_;
  if (static_cast<std::size_t>(m) >= nodes_.size() || nodes_[m].chosen != thread)
    contract_breach("executed() for a thread pick() did not return");
  nodes_[m].op = op;
  if (op.kind == OpKind::put || op.kind == OpKind::close) {
    const Object& q = object(op.object);
    nodes_[m].empty_open = q.items == 0 && !q.closed;
  }
  nodes_[m].index = steps_of_[thread]++;
  nodes_[m].twin_step = twin_step_;  // always: the node a branch starts at held another step
  twin_step_ = 0;
  int turn = -1;
  if (twins_ || op.releases_twin >= 0) [[unlikely]] {  // only under symmetry
    turn = twin_turn_[thread];
    twin_turn_[thread] = -1;
    if (op.releases_twin >= 0) twin_turn_[op.releases_twin] = m, twins_ = true;
  }
  if (m >= branch_) {  // a step this prefix has not run before
    std::uint32_t* row = clock(m);
    happens_before(thread, op, m, row);
    if (turn >= 0) join_clock(row, turn);  // its twin's same step, which it waited for
    detect_races(thread, op, row, m, turn);
    if (op.kind == OpKind::wake && (op.flags & kOpSpurious)) defer_spurious(m);
    if (bound_) nodes_[m].step_hash = step_hash(m);
  }
  fingerprint_ += nodes_[m].step_hash;
  apply(m);
  ++depth_;
}

void Dpor::end_execution() {
  if (abandoned_) return;
  ++traces_;
  if (bound_) fingerprints_.insert(fingerprint_);
}

// Sleep sets assume a thread's subtree was explored in full. Under a bound it may not have
// been: a schedule beyond the bound was dropped below `node`. Every thread on the path to it
// then must not put its later siblings to sleep (Coons et al. show the bound adds dependences
// of its own); they may re-run a trace already seen, which fingerprints_ does not count twice.
void Dpor::mark_cut(int node) {
  for (int j = 0; j < node; ++j) nodes_[j].cut |= bit(nodes_[j].chosen);
}

// The step (thread, its index in that thread, operation) with the steps it directly depends on:
// equal for the same step in two executions of one trace, whatever the interleaving.
std::uint64_t Dpor::step_hash(int event) {
  const auto mix = [](std::uint64_t h, std::uint64_t v) {
    h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    h *= 0xff51afd7ed558ccdULL;
    return h ^ (h >> 33);
  };
  const Node& n = nodes_[event];
  const auto id = [&](int e) {
    return static_cast<std::uint64_t>(nodes_[e].chosen) << 32 |
           static_cast<std::uint32_t>(nodes_[e].index);
  };
  std::uint64_t h = mix(mix(0, id(event)), static_cast<std::uint64_t>(n.op.kind) << 32 |
                                               static_cast<std::uint32_t>(n.op.object));
  std::uint64_t preds = 0;  // order-independent: deps_ is a set
  for (int d : deps_) preds += mix(1, id(d));
  return mix(h, preds);
}

inline void Dpor::apply(int event) {
  const Node& n = nodes_[event];
  const Effect e = effect_of(n.op);
  if (e != Effect::none) {
    Object& o = object(n.op.object);
    if (n.op.kind == OpKind::put && !o.closed) ++o.items;
    if (n.op.kind == OpKind::get && o.items > 0) --o.items;
    if (n.op.kind == OpKind::close) o.closed = true, o.items = 0;
    if (n.op.flags & kOpPhaseWait) [[unlikely]] {
      o.phase_waits.push_back(event);
    } else if (e == Effect::changes) {
      if (n.op.flags & kOpPhaseEnd) [[unlikely]] {
        o.last_end = event;
        o.phase_waits.clear();
      }
      o.last_change = event;
      o.observers.clear();
    } else {
      o.observers.push_back(event);
    }
    ++o.version;
  }
  last_event_[n.chosen] = event;
}

}  // namespace dpor_impl

std::unique_ptr<Scheduler> make_dpor(std::optional<int> preemption_bound, std::vector<int> prefix,
                                     std::uint64_t sleep) {
  return std::make_unique<dpor_impl::Dpor>(preemption_bound, std::move(prefix), sleep);
}

}  // namespace racelab::model::detail
