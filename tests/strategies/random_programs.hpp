// tests/strategies/random_programs.hpp — small random programs for checking DPOR against brute
// force: a few threads, each a handful of reads, writes, critical sections (some nested, so some
// programs deadlock), try_locks and queue operations (some gets wait forever: idle workers).
#pragma once

#include <cstdint>

#include "program_sim.hpp"

namespace racelab::strategy_tests {

struct ProgramShape {
  int min_threads = 2;
  int max_threads = 3;
  int max_ops = 4;          // per thread, counting a critical section as its lock and unlock
  bool spawn_join = false;  // thread 0 spawns the others, works, then joins them
};

// The same seed gives the same program on every platform.
Program random_program(std::uint64_t seed, const ProgramShape& shape);

// Cells 0 and 1, mutexes 10 and 11, queue 20.
constexpr int kCellA = 0, kCellB = 1, kMutexA = 10, kMutexB = 11, kQueue = 20;

}  // namespace racelab::strategy_tests
