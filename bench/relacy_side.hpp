// bench/relacy_side.hpp — Relacy's full search of the seed scenario, callable from a normal
// translation unit (bench/relacy_bench.cpp).
//
// The implementation, bench/relacy_side.cpp, is compiled once per registry folder against
// Relacy (RACELAB_BACKEND_RELACY, -include racelab/sync/relacy.hpp; bench/CMakeLists.txt), like
// tests/relacy_backend's suites, and reuses their harness (tests/relacy_backend/harness.hpp): the
// same iteration as `relacy_scenarios_<impl> --scenario no-proxies --scheduler full`. This header
// names no Relacy type, so the benchmark that calls it is compiled normally and links racelab's
// model engine beside it.
#pragma once

#include <cstdint>
#include <string_view>

namespace racelab::bench::relacy_side {

// What each Relacy iteration checks (tests/relacy_backend, docs/relacy.md §3):
//   cxx     the C++ memory model, verdict mode: stops at the first DATA RACE or failed check
//           (the proof of fixed: 6.5 M iterations with 4 workers);
//   census  atomic steps, every iteration counted, never stops early (the outcome census of
//           buggy: 939,024 iterations).
enum class Model { cxx, census };

struct Search {
  std::uint64_t iterations = 0;  // iterations that ran to their end
  bool finished = false;         // the full search ran out (false: stopped at the bound or failed)
  const char* result = "";       // Relacy's result: "SUCCESS", "DATA RACE", ...
};

// Relacy's full search (fair_full_search_scheduler, plain heap: no search branch per free(),
// docs/relacy.md §3) of no-proxies with `workers` workers per user on `impl`'s registry
// ("buggy" or "fixed"), stopped after `max_iterations` iterations (0: no bound, run it out).
// Compiled sizes: kMinWorkers..kMaxWorkers (Relacy's thread count is a compile-time bound).
// Returns a Search with iterations 0 and result "not compiled" for anything else.
Search full_search(std::string_view impl, Model model, int workers, std::uint64_t max_iterations);

inline constexpr int kMinWorkers = 2;
inline constexpr int kMaxWorkers = 6;

}  // namespace racelab::bench::relacy_side
