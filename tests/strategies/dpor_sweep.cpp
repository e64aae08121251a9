// tests/strategies/dpor_sweep.cpp — racelab_dpor_sweep: DPOR against brute force on thousands of
// random programs, unbounded and with preemption bounds 0-3. Too slow for ctest (minutes); run it
// after changing dpor.cpp or dependence.cpp. Exit code 1 when any program fails.
//
//   racelab_dpor_sweep [first_seed count min_threads max_threads max_ops spawn_join]
//   racelab_dpor_sweep                       the default sweeps below
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>

#include "dpor_check.hpp"
#include "random_programs.hpp"

namespace {

using namespace racelab::strategy_tests;

struct Sweep {
  std::uint64_t first;
  int count;
  ProgramShape shape;
};

// Skips a program whose brute force is not worth it (over a million interleavings).
int run(const Sweep& s) {
  int failures = 0, skipped = 0;
  for (int k = 0; k < s.count; ++k) {
    const Program p = random_program(s.first + k, s.shape);
    const TraceCensus census = brute_force(p);
    if (census.interleavings > 1000000) {
      ++skipped;
      continue;
    }
    for (int bound = -1; bound <= 3; ++bound) {
      const auto b = bound < 0 ? std::nullopt : std::optional<int>(bound);
      const auto result = dpor_matches_brute_force(p, census, b);
      if (!result) {
        ++failures;
        std::printf("FAIL seed %llu%s\n", static_cast<unsigned long long>(s.first + k),
                    result.message());
        std::fflush(stdout);
      }
    }
  }
  std::printf("seeds %llu..%llu, %d-%d threads, %d ops%s: %d programs, %d skipped, %d failures\n",
              static_cast<unsigned long long>(s.first),
              static_cast<unsigned long long>(s.first + s.count - 1), s.shape.min_threads,
              s.shape.max_threads, s.shape.max_ops, s.shape.spawn_join ? ", spawn/join" : "",
              s.count, skipped, failures);
  std::fflush(stdout);
  return failures;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 7) {
    const Sweep s{std::strtoull(argv[1], nullptr, 10), std::atoi(argv[2]),
                  ProgramShape{std::atoi(argv[3]), std::atoi(argv[4]), std::atoi(argv[5]),
                               std::atoi(argv[6]) != 0}};
    return run(s) == 0 ? 0 : 1;
  }
  if (argc != 1) {
    std::fprintf(stderr,
                 "usage: racelab_dpor_sweep [first_seed count min_threads max_threads "
                 "max_ops spawn_join(0|1)]\n");
    return 2;
  }
  int failures = 0;
  failures += run({100000, 3000, ProgramShape{2, 3, 4, false}});
  failures += run({200000, 300, ProgramShape{4, 4, 3, false}});
  failures += run({300000, 500, ProgramShape{2, 4, 3, true}});
  return failures == 0 ? 0 : 1;
}
