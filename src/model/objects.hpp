// src/model/objects.hpp — the model's sync objects, one state per kind (engine-internal).
//
// loom's rt/ keeps a file per object kind; ours are small, so one header holds a struct each,
// with the happens-before its operations carry. An ObjectRec holds only its own kind's state.
//
//   kind    state                                   happens-before
//   mutex   holder, the clock its last unlock left  unlock → the next lock
//   queue   items (each with its put's clock),      put → the get that takes that item,
//           closed and the close's clock            close → a get that finds it closed
//   cell    access history (race_detector.hpp)      none: accesses are what races are checked on
#pragma once

#include <cstddef>
#include <string>
#include <variant>
#include <vector>

#include "model/race_detector.hpp"
#include "model/vector_clock.hpp"
#include "racelab/model/runtime.hpp"

namespace racelab::model::detail {

struct MutexState {
  int owner = -1;        // the holding thread, -1 when free
  VectorClock released;  // the clock of its last unlock

  bool held() const noexcept { return owner >= 0; }
  // `thread`, whose clock is `clock`, takes it: it sees everything before the last unlock.
  void lock(int thread, VectorClock& clock) {
    owner = thread;
    clock.join(released);
  }
  void unlock(int thread, VectorClock& clock) {
    released = clock;
    clock.tick(thread);
    owner = -1;
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

struct ObjectRec {
  rt::ObjectKind kind = rt::ObjectKind::mutex;
  std::string name;
  bool alive = true;
  std::variant<MutexState, QueueState, CellState> state;

  // The state of the kind the record was made for (kind says which; never asked for another).
  template <class State>
  State& as() noexcept {
    return *std::get_if<State>(&state);
  }
  template <class State>
  const State& as() const noexcept {
    return *std::get_if<State>(&state);
  }

  // Ready for a new object of `k`: records are reused across executions, and a record that
  // held the same kind keeps its buffers.
  void reset(rt::ObjectKind k, std::string object_name) {
    kind = k;
    name = std::move(object_name);
    alive = true;
    switch (k) {
      case rt::ObjectKind::mutex: state.emplace<MutexState>(); break;
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
    }
  }
};

}  // namespace racelab::model::detail
