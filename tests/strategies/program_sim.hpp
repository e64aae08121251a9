// tests/strategies/program_sim.hpp — an abstract concurrent program, and a driver that runs any
// Scheduler over it exactly as the engine does.
//
// A thread is a fixed list of operations (OpDesc) with the blocking rules of the facade: lock
// waits for a free mutex, get waits for an item or a close, join waits for the thread to finish.
// One branch is modelled, because DPOR must get it right: a try_lock never blocks, and when it
// fails the thread skips its next instruction (the unlock it would have needed).
//
// Threads are live from the start unless some thread spawns them (OpKind::spawn on their
// pseudo-object, thread_object(t)). As in the engine, a thread's first step is its first real
// operation (no `start`), and a spawned thread should end with exit_(t), which join waits for.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/strategies/scheduler.hpp"

namespace racelab::strategy_tests {

using model::detail::Choice;
using model::detail::OpDesc;
using model::detail::OpKind;
using model::detail::Scheduler;
using model::detail::ThreadView;

// A thread's pseudo-object (spawn, start, exit, join). Real objects use ids below this.
constexpr int thread_object(int t) { return model::detail::thread_object(t); }
constexpr int kMaxThreads = 8;
constexpr int kMaxObjects = 32;

struct Instr {
  OpKind kind = OpKind::yield;
  int object = -1;
  bool try_lock = false;  // a lock that never blocks; on failure the next instruction is skipped
};

// Shorthands for writing programs.
inline Instr rd(int cell) { return {OpKind::read, cell}; }
inline Instr wr(int cell) { return {OpKind::write, cell}; }
inline Instr lk(int m) { return {OpKind::lock, m}; }
inline Instr trylk(int m) { return {OpKind::lock, m, true}; }
inline Instr ulk(int m) { return {OpKind::unlock, m}; }
inline Instr put(int q) { return {OpKind::put, q}; }
inline Instr get(int q) { return {OpKind::get, q}; }
inline Instr cls(int q) { return {OpKind::close, q}; }
inline Instr yld() { return {OpKind::yield, -1}; }
inline Instr spawn(int t) { return {OpKind::spawn, thread_object(t)}; }
inline Instr exit_(int t) { return {OpKind::exit, thread_object(t)}; }
inline Instr join(int t) { return {OpKind::join, thread_object(t)}; }

struct Program {
  std::vector<std::vector<Instr>> threads;
  std::string describe() const;
};

// A step as the strategy saw it.
struct Step {
  int thread = 0;
  OpDesc op;
};

// The program's state between steps; a flat value, cheap to copy (brute force copies it at every
// branch). At most kMaxThreads threads and object ids below kMaxObjects.
class SimState {
 public:
  explicit SimState(const Program& p);

  bool live(int t) const { return live_[t] != 0; }
  bool enabled(int t) const;
  OpDesc next(int t) const;
  int thread_count() const { return threads_; }
  // Live threads by id ascending, as Choice::threads lists them.
  void views(std::vector<ThreadView>& out) const;
  // Runs t's next instruction (t must be enabled); returns what it did.
  OpDesc run(int t);

 private:
  const Program* program_;
  int threads_;
  std::array<std::uint8_t, kMaxThreads> pc_{};
  std::array<bool, kMaxThreads> live_{}, finished_{};
  std::array<std::int8_t, kMaxObjects> owner_;    // mutex → holder, -1 free
  std::array<std::int8_t, kMaxObjects> items_{};  // queue → item count
  std::array<bool, kMaxObjects> closed_{};
};

struct SimExecution {
  std::vector<Step> steps;
  int preemptions = 0;   // steps that ran another thread while the previous one was enabled
  bool blocked = false;  // ended with live threads, none enabled (deadlock or idle)
};

struct SimRun {
  std::vector<SimExecution> complete;
  std::size_t abandoned = 0;
};

// Drives `strategy` over `program` the way the engine drives it: next_execution, then pick /
// executed per step, end_execution. When live threads remain and none is enabled, the final
// state is reported with one more pick() (its answer is ignored) — the contract DPOR needs to
// see operations blocked at the end. Throws std::logic_error when the strategy breaks the
// contract (picks a thread that is not enabled). Stops after max_executions.
SimRun drive(Scheduler& strategy, const Program& program, std::size_t max_executions = 1000000);

// Every maximal execution of the program, by plain DFS over all interleavings.
void for_each_interleaving(const Program& program,
                           const std::function<void(const SimExecution&)>& visit);

}  // namespace racelab::strategy_tests
