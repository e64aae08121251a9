// src/model/objects.hpp — the model's sync objects, one state per kind (engine-internal).
//
// loom's rt/ keeps a file per object kind; ours are small, so one header holds a struct each,
// with the happens-before its operations carry. An ObjectRec holds only its own kind's state.
//
//   kind       state                                   happens-before
//   mutex      holder (depth when recursive), shared   unlock → the next lock; unlock_shared →
//              holders, the clocks unlocks left        the next exclusive lock
//   queue      items (each with its put's clock),      put → the get that takes that item,
//              closed and the close's clock            close → a get that finds it closed
//   cell       access history (race_detector.hpp)      none: accesses are what races are checked on
//   condvar    waiters (FIFO) and who was notified     none (as in C++: the mutex orders them)
//   atomic     the clock of its release sequence;      release store/rmw → acquire load/rmw that
//              waiters of wait/notify (as condvar's)   reads it; relaxed: nothing (fences aside)
//   semaphore  count, the clock releases left          release → a later acquire
//   latch      count, the clock count_downs left       count_down → a wait that returns
//   barrier    phase, expected and remaining arrivals, arrivals and completion of a phase →
//              each ended phase's clock                a wait for that phase that returns
//
// Every record has a version, bumped by every operation that changes it: the fair scheduler
// (engine.cpp) wakes a spinning thread when something it read has changed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <variant>
#include <vector>

#include "model/race_detector.hpp"
#include "model/vector_clock.hpp"
#include "racelab/model/runtime.hpp"

namespace racelab::model::detail {

struct MutexState {
  int owner = -1;        // the holding thread, -1 when free
  int depth = 0;         // recursive_mutex: how often the owner holds it
  VectorClock released;  // the clock of its last unlock
  // shared_mutex: the threads holding it shared, and what their unlock_shared calls released
  // (an exclusive lock sees it all; a shared lock only the last exclusive unlock).
  std::vector<int> readers;
  VectorClock released_shared;

  bool held() const noexcept { return owner >= 0; }
  bool held_shared_by(int thread) const noexcept {
    for (int r : readers)
      if (r == thread) return true;
    return false;
  }
  // `thread`, whose clock is `clock`, takes it: it sees everything before the last unlock.
  void lock(int thread, VectorClock& clock) {
    owner = thread;
    depth = 1;
    clock.join(released);
    clock.join(released_shared);
    released_shared.clear();
  }
  void unlock(int thread, VectorClock& clock) {
    released = clock;
    clock.tick(thread);
    owner = -1;
    depth = 0;
  }
  void lock_shared(int thread, VectorClock& clock) {
    readers.push_back(thread);
    clock.join(released);
  }
  void unlock_shared(int thread, VectorClock& clock) {
    for (std::size_t i = 0; i < readers.size(); ++i) {
      if (readers[i] == thread) {
        readers.erase(readers.begin() + static_cast<std::ptrdiff_t>(i));
        break;
      }
    }
    released_shared.join(clock);
    clock.tick(thread);
  }
};

struct QueueState {
  std::vector<VectorClock> items;  // FIFO, each with the clock its put released
  std::size_t head = 0;            // items[head] is the next to get
  bool closed = false;
  VectorClock closed_clock;

  std::size_t count() const noexcept { return items.size() - head; }
  // A get would not block: an item is there, or the queue is closed.
  bool ready() const noexcept { return count() > 0 || closed; }
  void put(int thread, VectorClock& clock) {
    items.push_back(clock);
    clock.tick(thread);
  }
  // Takes the next item (true), or finds the queue closed and empty (false); either way the
  // getter sees what happened before the put or the close.
  bool get(VectorClock& clock) {
    if (count() == 0) {
      clock.join(closed_clock);
      return false;
    }
    clock.join(items[head]);
    if (++head == items.size()) drop_items();
    return true;
  }
  // Closes it; returns how many items were left (and are dropped).
  std::size_t close() {
    const std::size_t left = count();
    closed = true;
    drop_items();
    return left;
  }
  void drop_items() {
    items.clear();
    head = 0;
  }
};

struct CellState {
  CellHistory history;
};

struct CondVarState {
  std::vector<int> waiters;   // in wait order
  std::vector<int> notified;  // woken by notify_all, not yet past their wake step
  // One per notify_one not yet taken: the threads that were waiting when it came. Any one of them
  // may take it — std does not say which — so the scheduler's choice of who wakes first decides.
  std::vector<std::vector<int>> tokens;

  static bool has(const std::vector<int>& v, int t) noexcept {
    for (int x : v)
      if (x == t) return true;
    return false;
  }
  // A notify lets thread t past its wake step.
  bool may_wake(int t) const noexcept {
    if (has(notified, t)) return true;
    for (const auto& eligible : tokens)
      if (has(eligible, t)) return true;
    return false;
  }
};

struct AtomicState {
  VectorClock release;  // what an acquiring reader of the current value sees
  // Who wrote the current value, in which step, with which order, and whether that write
  // released (its order, or a release fence before it): a race message's hint names a read that
  // took it without happens-before (Engine::report_race).
  int writer = -1;
  int write_step = -1;
  std::memory_order write_order = std::memory_order_seq_cst;
  bool write_released = false;
  // The threads that wrote it in this execution (bit t: thread t), and whether every write was
  // seq_cst: the weak-memory note's IRIW check (engine_weak.cpp).
  std::uint64_t writers = 0;
  bool writes_seq_cst = true;
  // C++20's wait/notify on the atomic: its waiters, as a condition variable's (a wait that finds
  // the value unchanged joins them in the same step, as a futex compares and sleeps at once).
  CondVarState waiting;
};

struct SemaphoreState {
  long long count = 0;
  long long max = 0;     // the type's max(): a release past it is misuse
  VectorClock released;  // every release so far: an acquire sees them all (a safe over-approx.)
};

// A latch (engine_phases.cpp): the count left, and every count_down's clock so far.
struct LatchState {
  long long count = 0;
  VectorClock released;
};

// A barrier (engine_phases.cpp): the phase running, how many arrivals it expects and still
// waits for, whether its completion function runs, the arrivals' clocks, and each ended phase's
// clock (what a waiter on it sees).
struct BarrierState {
  long long phase = 0;
  long long expected = 0;
  long long remaining = 0;
  bool completing = false;
  VectorClock arrived;
  std::vector<VectorClock> ended;
};

struct ObjectRec {
  rt::ObjectKind kind = rt::ObjectKind::mutex;
  bool alive = true;
  unsigned version = 0;  // bumped by every change (the fair scheduler watches it)
  std::variant<MutexState, QueueState, CellState, CondVarState, AtomicState, SemaphoreState,
               LatchState, BarrierState>
      state;

  // The state of the kind the record was made for (kind says which; never asked for another).
  template <class State>
  State& as() noexcept {
    return *std::get_if<State>(&state);
  }
  template <class State>
  const State& as() const noexcept {
    return *std::get_if<State>(&state);
  }

  // The name people read: the program's own, else a prefix numbered in creation order
  // ("mutex#1"). The numbered form is worded on its first read and kept while the reused record
  // gets the same prefix and number again: most executions word nothing, and the next one
  // usually creates the same objects in the same order.
  const std::string& name() const {
    if (prefix_ == nullptr) return given_;
    if (numbered_.empty()) numbered_ = *prefix_ + "#" + std::to_string(number_);
    return numbered_;
  }
  // Named by the program: the text is copied (it need not outlive the call), unless it is
  // already the record's name.
  void name_as(const char* given) {
    if (std::strcmp(given_.c_str(), given) != 0) given_ = given;
    prefix_ = nullptr;
  }
  // Numbered: `prefix` outlives every execution of the engine (Engine::name_counts_).
  void number_as(const std::string* prefix, int number) {
    if (prefix != prefix_ || number != number_) numbered_.clear();
    prefix_ = prefix;
    number_ = number;
  }

  // Ready for a new object of `k`: records are reused across executions, and a record that
  // held the same kind keeps its buffers. The caller names it next (name_as, number_as).
  void reset(rt::ObjectKind k) {
    kind = k;
    alive = true;
    version = 0;
    switch (k) {
      case rt::ObjectKind::mutex:
      case rt::ObjectKind::recursive_mutex:
      case rt::ObjectKind::shared_mutex: state.emplace<MutexState>(); break;
      case rt::ObjectKind::queue:
        if (auto* q = std::get_if<QueueState>(&state)) {
          q->drop_items();
          q->closed = false;
          q->closed_clock.clear();
        } else {
          state.emplace<QueueState>();
        }
        break;
      case rt::ObjectKind::cell:
        if (auto* c = std::get_if<CellState>(&state)) {
          c->history.reset();
        } else {
          state.emplace<CellState>();
        }
        break;
      case rt::ObjectKind::condvar: state.emplace<CondVarState>(); break;
      case rt::ObjectKind::atomic: state.emplace<AtomicState>(); break;
      case rt::ObjectKind::semaphore: state.emplace<SemaphoreState>(); break;
      case rt::ObjectKind::latch: state.emplace<LatchState>(); break;
      case rt::ObjectKind::barrier: state.emplace<BarrierState>(); break;
    }
  }

 private:
  std::string given_;
  const std::string* prefix_ = nullptr;
  int number_ = 0;
  mutable std::string numbered_;
};

// Who waits on a condition variable, or in an atomic's wait (the object's kind says which).
inline CondVarState& waiters_of(ObjectRec& o) noexcept {
  return o.kind == rt::ObjectKind::atomic ? o.as<AtomicState>().waiting : o.as<CondVarState>();
}
inline const CondVarState& waiters_of(const ObjectRec& o) noexcept {
  return o.kind == rt::ObjectKind::atomic ? o.as<AtomicState>().waiting : o.as<CondVarState>();
}

}  // namespace racelab::model::detail
