// tests/relacy/command_line.hpp — picks one compiled suite from the command line, runs it under
// one of Relacy's schedulers and prints the verdict.
//
//   relacy_scenarios_<impl> --scenario ID [--model cxx|atomic] [--census] [--workers N]
//                           [--scheduler random|full|bound] [--iterations N] [--bound K]
//                           [--replay STATE] [--quiet] [--progress]
//   relacy_scenarios_<impl> --list | --check-declarations
//
// The verdict line (tests/relacy/compare.cmake reads it):
//   relacy no-proxies buggy cxx-memory-model full-search workers=4: DATA RACE (declared DATA RACE)
//       as-declared · iterations=1 seconds=0.000 rate=2386/s heap=plain
// Exit status: 0 when Relacy's result is the declared one, 1 when not, 2 for bad arguments.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "declared_verdicts.hpp"
#include "harness.hpp"

namespace racelab::relacy_test {

struct SuiteEntry {
  std::string_view scenario;
  int workers;
  sync::access_model model;
  Mode mode;
  rl::test_result_e expected;
  bool (*simulate)(rl::test_params&);
};

template <class Suite, class Scenario, int Workers, sync::access_model Access, Mode M>
SuiteEntry entry() {
  return {Scenario::id, Workers, Access, M, Suite::params::expected_result,
          [](rl::test_params& p) { return rl::simulate<Suite>(p); }};
}

inline const char* scheduler_name(rl::scheduler_type_e s) {
  switch (s) {
    case rl::random_scheduler_type: return "random";
    case rl::fair_full_search_scheduler_type: return "full-search";
    case rl::fair_context_bound_scheduler_type: return "context-bound";
    default: return "?";
  }
}

inline const char* scheduler_flag(rl::scheduler_type_e s) {
  switch (s) {
    case rl::fair_full_search_scheduler_type: return "full";
    case rl::fair_context_bound_scheduler_type: return "bound";
    default: return "random";
  }
}

// The declared table says what scenarios/catalogue's declared verdicts say, in Relacy's words.
inline int check_declarations(std::string_view impl) {
  int mismatches = 0;
  for (const auto& spec : scenarios::catalogue()) {
    const auto it = spec.expected.find(std::string(impl));
    if (it == spec.expected.end()) continue;
    bool race = false;
    bool other = false;
    for (const auto& id : it->second.finds) (id == "data-race" ? race : other) = true;
    const bool violation = it->second.verdict == scenarios::Verdict::violation;
    const rl::test_result_e cxx = race ? kRace : violation ? kViolation : kSafe;
    const rl::test_result_e atomic = other ? kViolation : kSafe;
    for (const auto model : {sync::access_model::cxx_memory_model, sync::access_model::atomic_steps}) {
      const rl::test_result_e want = model == sync::access_model::cxx_memory_model ? cxx : atomic;
      const rl::test_result_e have = declared(spec.id, impl, model);
      const bool same = want == have;
      mismatches += same ? 0 : 1;
      std::printf("%s %s %s: declared %s, catalogue implies %s\n", same ? "ok      " : "MISMATCH",
                  spec.id.c_str(), sync::to_string(model), rl::test_result_str(have),
                  rl::test_result_str(want));
    }
  }
  return mismatches == 0 ? 0 : 1;
}

inline int usage(const char* argv0, const std::vector<SuiteEntry>& suites, const std::string& problem) {
  std::cerr << argv0 << ": " << problem << "\n"
            << "usage: " << argv0
            << " --scenario ID [--model cxx|atomic] [--census] [--workers N]\n"
               "         [--scheduler random|full|bound] [--iterations N] [--bound K]\n"
               "         [--replay STATE] [--quiet] [--progress]\n"
               "       "
            << argv0 << " --list | --check-declarations\n";
  (void)suites;
  return 2;
}

inline int run_main(int argc, char** argv, std::string_view impl,
                    const std::vector<SuiteEntry>& suites) {
  RunConfig& c = config();
  std::string scenario;
  auto model = sync::access_model::cxx_memory_model;
  Mode mode = Mode::verdict;
  int workers = 0;
  std::string replay;
  bool quiet = false;
  bool progress = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--list") {
      for (const auto& s : suites) {
        std::printf("--scenario %.*s --workers %d %s  (declared %s)\n",
                    static_cast<int>(s.scenario.size()), s.scenario.data(), s.workers,
                    s.mode == Mode::census ? "--census" : s.model == sync::access_model::atomic_steps ? "--model atomic" : "--model cxx",
                    rl::test_result_str(s.expected));
      }
      return 0;
    } else if (arg == "--check-declarations") {
      return check_declarations(impl);
    } else if (arg == "--quiet") {
      quiet = true;
    } else if (arg == "--progress") {
      progress = true;
    } else if (arg == "--census") {
      mode = Mode::census;
      model = sync::access_model::atomic_steps;
    } else if (arg == "--scenario" && has_value) {
      scenario = argv[++i];
    } else if (arg == "--model" && has_value) {
      const std::string_view m = argv[++i];
      if (m != "cxx" && m != "atomic") return usage(argv[0], suites, "unknown model '" + std::string(m) + "' (cxx, atomic)");
      model = m == "cxx" ? sync::access_model::cxx_memory_model : sync::access_model::atomic_steps;
    } else if (arg == "--workers" && has_value) {
      workers = std::atoi(argv[++i]);
    } else if (arg == "--scheduler" && has_value) {
      const std::string_view s = argv[++i];
      if (s == "random") {
        c.scheduler = rl::random_scheduler_type;
      } else if (s == "full") {
        c.scheduler = rl::fair_full_search_scheduler_type;
      } else if (s == "bound") {
        c.scheduler = rl::fair_context_bound_scheduler_type;
      } else {
        return usage(argv[0], suites, "unknown scheduler '" + std::string(s) + "' (random, full, bound)");
      }
    } else if (arg == "--iterations" && has_value) {
      c.iterations = std::strtoull(argv[++i], nullptr, 10);
      if (c.iterations == 0) return usage(argv[0], suites, "--iterations needs a positive number");
    } else if (arg == "--bound" && has_value) {
      c.context_bound = static_cast<unsigned>(std::strtoul(argv[++i], nullptr, 10));
    } else if (arg == "--replay" && has_value) {
      replay = argv[++i];
    } else {
      return usage(argv[0], suites, "unexpected argument '" + std::string(arg) + "'");
    }
  }
  const scenarios::Scenario* base = scenarios::find_scenario(scenario);
  if (base == nullptr) return usage(argv[0], suites, "unknown or missing --scenario '" + scenario + "' (see 'racelab list')");
  if (workers == 0) workers = base->workers_per_user;
  const SuiteEntry* chosen = nullptr;
  for (const auto& s : suites) {
    if (s.scenario == scenario && s.workers == workers && s.model == model && s.mode == mode) chosen = &s;
  }
  if (chosen == nullptr) {
    return usage(argv[0], suites, "no suite compiled for that scenario, model and --workers " +
                                      std::to_string(workers) + " (see --list)");
  }

  // Built here, outside the simulation: Relacy's heap must not own the catalogue.
  static scenarios::Scenario spec = *base;
  spec.workers_per_user = workers;
  c.spec = &spec;

  std::ofstream nowhere;  // never opened: what is written to it goes nowhere
  rl::test_params params;
  params.search_type = c.scheduler;
  params.iteration_count = c.iterations;
  params.context_bound = c.context_bound;
  params.initial_state = replay.c_str();
  params.output_stream = quiet ? static_cast<std::ostream*>(&nowhere) : &std::cout;
  params.progress_stream = progress ? static_cast<std::ostream*>(&std::cerr) : &nowhere;

  const auto start = std::chrono::steady_clock::now();
  const bool as_declared = chosen->simulate(params);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::printf("relacy %s %.*s %s %s workers=%d: %s (declared %s) %s \u00b7 iterations=%llu seconds=%.3f rate=%.0f/s heap=%s\n",
              scenario.c_str(), static_cast<int>(impl.size()), impl.data(),
              mode == Mode::census ? "census" : sync::to_string(model), scheduler_name(c.scheduler), workers,
              rl::test_result_str(params.test_result), rl::test_result_str(chosen->expected),
              as_declared ? "as-declared" : "NOT-AS-DECLARED",
              static_cast<unsigned long long>(params.stop_iteration), seconds,
              seconds > 0 ? static_cast<double>(params.stop_iteration) / seconds : 0.0,
              sync::to_string(c.heap()));
  if (params.test_result == rl::test_result_user_assert_failed) {
    std::printf("violations: %s\n", last_failure().text.data());
  }
  if (mode == Mode::census) census().print();
  if (params.test_result != rl::test_result_success) {
    std::printf("replay: %s --scenario %s --workers %d --model %s --scheduler %s%s --replay '%s'\n",
                argv[0], scenario.c_str(), workers,
                model == sync::access_model::cxx_memory_model ? "cxx" : "atomic",
                scheduler_flag(c.scheduler),
                c.scheduler == rl::fair_context_bound_scheduler_type
                    ? (" --bound " + std::to_string(c.context_bound)).c_str()
                    : "",
                params.final_state.c_str());
  }
  return as_declared ? 0 : 1;
}

}  // namespace racelab::relacy_test
