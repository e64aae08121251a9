// tests/strategies/random_programs.cpp — see random_programs.hpp.
#include "random_programs.hpp"

#include <vector>

namespace racelab::strategy_tests {

namespace {

// SplitMix64: a fixed, portable stream (std:: distributions differ between libraries).
struct Rng {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
};

Instr access(Rng& rng) {
  const int cell = rng.below(2) ? kCellA : kCellB;
  return rng.below(2) ? rd(cell) : wr(cell);
}

// Appends one random construct, using at most `budget` instructions.
int emit(Rng& rng, std::vector<Instr>& code, int budget) {
  const int m = rng.below(2) ? kMutexA : kMutexB;
  switch (rng.below(9)) {
    case 0:
    case 1:
    case 2: code.push_back(access(rng)); return 1;
    case 3: code.push_back(yld()); return 1;
    case 4:
      if (budget < 3) break;
      code.insert(code.end(), {lk(m), access(rng), ulk(m)});
      return 3;
    case 5:
      if (budget < 4) break;
      {
        const int other = m == kMutexA ? kMutexB : kMutexA;  // either lock order: deadlocks
        code.insert(code.end(), {lk(m), lk(other), ulk(other), ulk(m)});
      }
      return 4;
    case 6:
      if (budget < 2) break;
      code.insert(code.end(), {trylk(m), ulk(m)});
      return 2;
    case 7: code.push_back(put(kQueue)); return 1;
    case 8: code.push_back(rng.below(3) ? get(kQueue) : cls(kQueue)); return 1;
  }
  code.push_back(access(rng));
  return 1;
}

std::vector<Instr> body(Rng& rng, int ops) {
  std::vector<Instr> code;
  for (int used = 0; used < ops;) used += emit(rng, code, ops - used);
  return code;
}

}  // namespace

Program random_program(std::uint64_t seed, const ProgramShape& shape) {
  Rng rng{seed * 0x2545f4914f6cdd1dULL + 1};
  const int n = shape.min_threads + rng.below(shape.max_threads - shape.min_threads + 1);
  Program p;
  if (!shape.spawn_join) {
    for (int t = 0; t < n; ++t) p.threads.push_back(body(rng, 1 + rng.below(shape.max_ops)));
    return p;
  }
  std::vector<Instr> main;
  for (int t = 1; t < n; ++t) main.push_back(spawn(t));
  for (Instr i : body(rng, rng.below(2) + 1)) main.push_back(i);
  for (int t = 1; t < n; ++t) main.push_back(join(t));
  p.threads.push_back(main);
  for (int t = 1; t < n; ++t) {
    std::vector<Instr> code;
    for (Instr i : body(rng, 1 + rng.below(shape.max_ops))) code.push_back(i);
    code.push_back(exit_(t));
    p.threads.push_back(code);
  }
  return p;
}

}  // namespace racelab::strategy_tests
