// tests/textbook/programs.hpp — textbook concurrency programs, each in buggy and correct
// versions, with the answer declared before any checker ran them.
//
// Every body uses only racelab/sync.hpp and sync::check, creates its shared objects itself,
// starts its threads with sync::thread, joins them and checks what must hold. So one body runs
// unchanged on real threads (and under ThreadSanitizer), as a model::explore body, and inside a
// Relacy test (tests/textbook/relacy_suites.cpp). The declared answer is a set of violation ids,
// the model backend's words:
//
//   data-race   two conflicting accesses to a var<T> not ordered by happens-before
//   assertion   a sync::check failed
//   deadlock    every thread blocked (a thread joined, waiting on a lock or a condition)
//   livelock    a thread spins forever on something no thread will change
//
// "finds" lists every id some execution can end with; safe is the empty set. A checker that
// stops at the first failure of an execution (Relacy does) reports the first that execution meets;
// relacy_result() in tests/textbook/relacy_suites.cpp says which one that is per row.
//
// The bodies live in memory_programs.hpp (1-5) and lock_programs.hpp (6-12); the table is here.
#pragma once

#include <array>
#include <cstddef>
#include <mutex>
#include <string_view>

#include "lock_programs.hpp"
#include "memory_programs.hpp"
#include "racelab/sync.hpp"

namespace racelab::textbook {

namespace sync = racelab::sync;

struct Expected {
  std::array<std::string_view, 3> ids{};  // empty: safe

  constexpr bool safe() const { return ids[0].empty(); }
  constexpr bool finds(std::string_view id) const {
    for (const auto& i : ids) {
      if (!i.empty() && i == id) return true;
    }
    return false;
  }
  // Programs that can hang never run on real threads.
  constexpr bool can_hang() const { return finds("deadlock") || finds("livelock"); }
};
inline constexpr Expected kSafe{};
constexpr Expected finds(std::string_view a, std::string_view b = {}, std::string_view c = {}) {
  return Expected{{a, b, c}};
}

struct Textbook {
  const char* name;     // "lost-update"
  const char* version;  // "buggy-var", "fetch-add", ...
  bool buggy;
  void (*body)();
  Expected expected;
  int threads;  // sync::threads one run starts (Relacy needs it at compile time)
};

// ---- the table ---------------------------------------------------------------------------

// clang-format off
inline constexpr Textbook kPrograms[] = {
  // name               version                   buggy  body                                        expected                          threads
  {"lost-update",       "buggy-var",              true,  lost_update::buggy_var,                     finds("data-race", "assertion"),  2},
  {"lost-update",       "buggy-relaxed-load-store", true, lost_update::buggy_relaxed_load_store,     finds("assertion"),               2},
  {"lost-update",       "fetch-add",              false, lost_update::fetch_add,                     kSafe,                            2},
  {"lost-update",       "mutex",                  false, lost_update::mutex,                         kSafe,                            2},
  {"lost-wakeup",       "buggy-unlocked-notify",  true,  lost_wakeup::buggy_unlocked_notify,         finds("deadlock"),                2},
  {"lost-wakeup",       "locked-predicate",       false, lost_wakeup::locked_predicate,              kSafe,                            2},
  {"lazy-init",         "buggy-plain-flag",       true,  lazy_init::buggy_plain_flag,                finds("data-race"),               2},
  {"lazy-init",         "acquire-release",        false, lazy_init::acquire_release,                 kSafe,                            2},
  {"lazy-init",         "call-once",              false, lazy_init::call_once,                       kSafe,                            2},
  {"message-passing",   "buggy-relaxed",          true,  message_passing::buggy_relaxed,             finds("data-race"),               2},
  {"message-passing",   "release-acquire",        false, message_passing::release_acquire,           kSafe,                            2},
  {"spin-wait",         "set-by-another-thread",  false, spin_wait::set_by_another_thread,           kSafe,                            1},
  {"spin-wait",         "buggy-never-set",        true,  spin_wait::buggy_never_set,                 finds("livelock"),                1},
  {"spinlock",          "test-and-set",           false, spinlock::test_and_set,                     kSafe,                            2},
  {"spinlock",          "buggy-never-released",   true,  spinlock::buggy_never_released,             finds("livelock"),                2},
  {"spinlock",          "atomic-flag",            false, spinlock::atomic_flag,                      kSafe,                            2},
  {"spinlock",          "buggy-relaxed-flag",     true,  spinlock::buggy_relaxed_flag,               finds("data-race"),               2},
  {"atomic-wait",       "store-then-notify",      false, atomic_wait::store_then_notify,             kSafe,                            2},
  {"atomic-wait",       "buggy-no-notify",        true,  atomic_wait::buggy_no_notify,               finds("deadlock"),                2},
  {"once-state",        "acquire-wait",           false, once_state::acquire_wait,                   kSafe,                            2},
  {"once-state",        "buggy-relaxed-wait",     true,  once_state::buggy_relaxed_wait,             finds("data-race"),               2},
  {"lock-ordering",     "buggy-opposite-order",   true,  lock_ordering::buggy_opposite_order,        finds("deadlock"),                2},
  {"lock-ordering",     "same-order",             false, lock_ordering::same_order,                  kSafe,                            2},
  {"lock-ordering",     "scoped-lock",            false, lock_ordering::scoped_lock,                 kSafe,                            2},
  {"bounded-buffer",    "buggy-off-by-one",       true,  bounded_buffer::buggy_off_by_one,           finds("assertion"),               2},
  {"bounded-buffer",    "semaphores",             false, bounded_buffer::semaphores,                 kSafe,                            2},
  {"reader-writer",     "buggy-writer-shared",    true,  reader_writer::buggy_writer_shared,         finds("data-race", "assertion"),  3},
  {"reader-writer",     "exclusive-writer",       false, reader_writer::exclusive_writer,            kSafe,                            3},
  {"bank-transfer",     "buggy-two-sections",     true,  bank_transfer::buggy_two_sections,          finds("assertion"),               2},
  {"bank-transfer",     "one-section",            false, bank_transfer::one_section,                 kSafe,                            2},
  {"wait-in-if",        "buggy-if",               true,  wait_in_if::buggy_if,                       finds("assertion"),               2},
  {"wait-in-if",        "while-loop",             false, wait_in_if::while_loop,                     kSafe,                            2},
  {"philosophers",      "buggy-left-first",       true,  philosophers::buggy_left_first,             finds("deadlock"),                3},
  {"philosophers",      "lowest-first",           false, philosophers::lowest_first,                 kSafe,                            3},
  {"phased-sum",        "buggy-latch-no-wait",    true,  phased_sum::buggy_latch_no_wait,            finds("data-race", "assertion"),  2},
  {"phased-sum",        "latch",                  false, phased_sum::latch,                          kSafe,                            2},
  {"phased-sum",        "barrier",                false, phased_sum::barrier,                        kSafe,                            2},
  {"phased-sum",        "buggy-barrier-arrive-only", true, phased_sum::buggy_barrier_arrive_only,    finds("data-race", "assertion"),  2},
};
// clang-format on

inline constexpr std::size_t kProgramCount = sizeof(kPrograms) / sizeof(kPrograms[0]);

// The row named "name/version", or nullptr.
inline const Textbook* find_program(std::string_view name, std::string_view version) {
  for (const Textbook& t : kPrograms) {
    if (name == t.name && version == t.version) return &t;
  }
  return nullptr;
}

}  // namespace racelab::textbook
