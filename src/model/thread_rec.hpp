// src/model/thread_rec.hpp — the engine's record of one thread (engine-internal): the operation
// it will perform next (PendingOp), its vector clocks, what its atomic accesses leave for the
// weak-memory note and for race messages, and what the fair scheduler saw it do. Engine owns
// them (engine.hpp); a ThreadRec is reused from one execution to the next (Engine::new_thread
// resets every field).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "model/fiber.hpp"
#include "model/strategies/scheduler.hpp"
#include "model/vector_clock.hpp"
#include "racelab/source_loc.hpp"

namespace racelab::model::detail {

// PendingOp::flags.
inline constexpr std::uint8_t kTry = 1;     // try_lock, try_acquire: never blocks
inline constexpr std::uint8_t kShared = 2;  // the shared side of a shared_mutex
inline constexpr std::uint8_t kTimed = 4;   // a timed wait: may always time out
inline constexpr std::uint8_t kSpin = 8;    // std::this_thread::yield(): a spin hint
// A latch's or barrier's wait (acquire) or a barrier's arrive (release): engine_phases.cpp.
inline constexpr std::uint8_t kPhase = 128;
// A release that ends a phase — a latch's count_down, a barrier's completion step: never blocks,
// and the only steps a phase's waits depend on (op_desc: kOpPhaseEnd).
inline constexpr std::uint8_t kPhaseEnd = kPhase | kTry;
inline constexpr int kOrderShift = 4;  // atomics: the std::memory_order, in bits 4-6
static_assert(kTry == kOpTry && kShared == kOpShared, "OpDesc::flags copies PendingOp's bits");

// What a suspended thread will do when it is next scheduled.
struct PendingOp {
  OpKind kind = OpKind::yield;
  std::uint8_t flags = 0;      // kTry | kShared | kTimed | kSpin | order << kOrderShift
  int object = -1;             // a sync object's index, or for join the thread id
  const char* what = nullptr;  // cell access label, yield label, spawn target, atomic operation
  source_loc loc{};
};

// What a thread saw since it last changed anything: the fair scheduler's evidence of a spin.
struct Seen {
  int object = -1;  // -1: a spin hint with no object
  unsigned version = 0;
  source_loc loc;
  int repeats = 0;         // observed here again, with nothing changed, since the baseline
  std::uint64_t args = 0;  // a compare_exchange's arguments (rt::atomic_effect), else 0
};

// Which side of a synchronisation a memory order takes (engine_sync.cpp, engine_weak.cpp).
inline bool acquires(std::memory_order mo) noexcept {
  return mo == std::memory_order_consume || mo == std::memory_order_acquire ||
         mo == std::memory_order_acq_rel || mo == std::memory_order_seq_cst;
}
inline bool releases(std::memory_order mo) noexcept {
  return mo == std::memory_order_release || mo == std::memory_order_acq_rel ||
         mo == std::memory_order_seq_cst;
}

// An atomic access for the weak-memory note (engine_weak.cpp). object -1: none.
struct WeakAccess {
  int object = -1;
  std::memory_order order = std::memory_order_seq_cst;
  source_loc loc;
  // A release fence came after it: it is ordered before the thread's later writes (a write's, a
  // relaxed read's: a release fence orders every earlier access before every later store).
  bool released = false;
};

// A thread's last atomic read of a value another thread wrote, with no happens-before between
// the write and the read (one side relaxed): a data race between the two threads whose earlier
// side came before that write names it — the atomic that seemed to order them (report_race).
struct UnorderedRead {
  int object = -1;  // -1: none
  int writer = -1;
  int write_step = -1;
  int read_step = -1;
  std::memory_order read_order = std::memory_order_seq_cst;
  std::memory_order write_order = std::memory_order_seq_cst;
  bool write_released = false;
  source_loc loc;
};

struct ThreadRec {
  int id = 0;
  std::string target;          // sync::thread's target ("worker"); "" for MainThread
  std::string name;            // built on first use
  std::function<void()> body;  // MainThread runs the Engine's body instead
  Fiber fiber;
  bool primed = false;   // has run up to its first operation
  bool stepped = false;  // has taken a scheduled step
  // Symmetry (engine_symmetry.cpp): its group in Engine::sym_groups_ (-1: none), the members
  // tagged just before and after it, the steps it took (operation and the version of its object
  // then, interned: equal ids, equal histories; kept only for members, under RunConfig::symmetry),
  // whether a step made it unlike any other thread for good (spawn, join, wait, wake), and
  // whether it waits for sym_prev's turn.
  int sym_group = -1;
  int sym_prev = -1;
  int sym_next = -1;
  std::uint32_t sym_history = 0;
  bool sym_distinct = false;
  bool sym_wait = false;
  bool finished = false;    // performed its exit step, or was unwound
  bool cancelling = false;  // being unwound: hooks no longer schedule
  bool unwinding = false;   // a forced unwind (cancelled_op) is walking its stack right now
  int cancel_throws = 0;
  // Inside a barrier's completion function (engine_phases.cpp), which is noexcept: a forced
  // unwind through it would terminate, so a cancelled hook there acts as an inspection instead,
  // at most kMaxCancelThrows times.
  int in_completion = 0;
  int unwind_first = -1;  // cancelling join: unwind this thread, then resume me
  bool dropped = false;   // its sync::thread was destroyed while joinable (never joined)
  PendingOp pending;
  VectorClock clock;
  int raised = -1;  // index in the violations of the exception that escaped its body
  std::string raised_line;
  // Atomics: the clock at its last release fence (relaxed stores after it carry it), and what
  // its relaxed reads saw since (its next acquire fence takes it).
  bool fenced = false;
  VectorClock fence_release;
  VectorClock acquire_pending;
  // Weak memory (engine_weak.cpp): its last atomic write, and its last read without acquire,
  // that a later access of another atomic may overtake on a weak machine; the atomic operation
  // under way (atomic_step saw where, atomic_effect sees what it did).
  WeakAccess weak_store;
  WeakAccess weak_load;
  // IRIW (engine_weak.cpp): its last plain load of an atomic, and the last two loads of
  // different atomics it made one after the other (object -1: none yet).
  WeakAccess iriw_last;
  WeakAccess iriw_first, iriw_second;
  WeakAccess atomic_now;
  UnorderedRead unordered_read;
  int spurious_left = 0;        // spurious wake-ups it may still take
  long long awaited_phase = 0;  // a barrier wait: the phase whose end it waits for
  // Fair scheduling (engine.cpp): observations since it last changed anything, and whether they
  // show a spin — an iteration that repeats a site with nothing it read changed, or a yield().
  std::vector<Seen> seen;
  bool spinning = false;
  // Its last observation was a compare_exchange whose arguments are new at that site: the retry
  // may differ (a loop that does not reset `expected` succeeds on it), so a yield is no spin yet.
  bool fresh_args = false;
  std::uint64_t spin_since = 0;  // the engine's progress count when it began to spin
  source_loc spin_site{};        // where it began to spin: the repeated observation or the yield
  // Its spin went round once (a site seen before was observed again): from then on, a new site
  // observed with nothing changed means the loop ended by itself (engine_fair.cpp).
  bool spin_closed = false;
  int stall_turns = 0;  // steps it took while only spinners could run
};

}  // namespace racelab::model::detail
