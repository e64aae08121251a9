// tests/relacy_backend/command_line.hpp — picks one compiled suite from the command line, runs
// it under one of Relacy's schedulers and prints the verdict.
//
//   relacy_scenarios_<impl> --scenario ID [--model cxx|atomic] [--census] [--workers N]
//                           [--scheduler random|full|bound] [--iterations N] [--bound K]
//                           [--replay STATE] [--quiet] [--progress] [--json]
//   relacy_scenarios_<impl> --list | --check-declarations
//
// The verdict line (for people; replay_check.cmake reads it):
//   relacy no-proxies buggy cxx-memory-model full-search workers=4: DATA RACE (declared DATA RACE)
//       as-declared · iterations=1 seconds=0.000 rate=2386/s heap=plain
// then "violations: ...", "outcomes: ..." (--census) and "replay: ..." lines when they apply.
// With --json, stdout is one JSON object with the same facts instead (tests/relacy_backend/
// compare.py reads it), and Relacy's execution history, unless --quiet, goes to stderr:
//   {"scenario": "no-proxies", "impl": "buggy", "mode": "verdict" | "census",
//    "model": "cxx-memory-model" | "atomic-steps", "scheduler": "full-search", "workers": 4,
//    "result": "DATA RACE", "declared": "DATA RACE", "as_declared": true, "iterations": 1,
//    "seconds": 0.000419, "rate": 2386.6, "heap": "plain",
//    "violations": "KeyError ×3" | null,                  (the last failing iteration's)
//    "outcomes": [{"label": "KeyError ×3 + data-race", "count": 12}, ...],  (--census; else [])
//    "replay": {"state": "...", "command": "..."} | null}  (when the result is not SUCCESS)
// Exit status: 0 when Relacy's result is the declared one, 1 when not, 2 for bad arguments (one
// line on stderr: what was wrong and what is accepted). --help lists every flag.
#pragma once

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <utility>
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
  return {Scenario::id, Workers, Access, M, Suite::params::expected_result, [](rl::test_params& p) {
            return rl::simulate<Suite>(p);
          }};
}

inline const char* scheduler_name(rl::scheduler_type_e s) {
  switch (s) {
    case rl::random_scheduler_type: return "random";
    case rl::fair_full_search_scheduler_type: return "full-search";
    case rl::fair_context_bound_scheduler_type: return "context-bound";
    default: return "?";
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
    for (const auto model :
         {sync::access_model::cxx_memory_model, sync::access_model::atomic_steps}) {
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

// Bad input: one line naming what was wrong and what is accepted, exit 2 (as `racelab` does).
inline int usage_error(const char* argv0, const std::string& problem) {
  std::fprintf(stderr, "%s: error: %s\n", argv0, problem.c_str());
  return 2;
}

inline std::string scenario_ids() {
  std::string ids;
  for (const auto& spec : scenarios::catalogue()) ids += (ids.empty() ? "" : ", ") + spec.id;
  return ids;
}

// ---- --json ------------------------------------------------------------------------------

inline std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20) {
      char esc[8];
      std::snprintf(esc, sizeof esc, "\\u%04x", c);
      out += esc;
    } else {
      out += ch;  // UTF-8 ("×", "·") passes through
    }
  }
  return out + "\"";
}

// The census's rows as (label, count), for --json.
inline std::vector<std::pair<std::string, std::uint64_t>> census_rows() {
  std::vector<std::pair<std::string, std::uint64_t>> rows;
  census().for_each(
      [&](const char* label, std::uint64_t count) { rows.emplace_back(label, count); });
  return rows;
}

inline int run_main(int argc, char** argv, std::string_view impl,
                    const std::vector<SuiteEntry>& suites) {
  RunConfig& c = config();
  std::string scenario;
  std::string model_name = "cxx";
  std::string scheduler = "random";
  int workers = 0;
  std::string replay;
  bool census_mode = false, quiet = false, progress = false, list = false, check = false;
  bool json = false;

  // CLI11, as src/cli does: --help for free, and its errors are turned into one line below.
  const std::string name = std::string("relacy_scenarios_") + std::string(impl);
  CLI::App app{"Runs one scenario of racelab's catalogue, with the " + std::string(impl) +
                   " registry, under Relacy Race Detector; exit 0 when Relacy's result is the "
                   "declared one, 1 when not, 2 for bad arguments (docs/relacy.md).",
               name};
  app.add_option("--scenario", scenario, "Scenario id: " + scenario_ids())->type_name("ID");
  app.add_option("--model", model_name,
                 "cxx: C++ memory model (unordered conflicting accesses are a DATA RACE); "
                 "atomic: each access one indivisible step (logical outcomes)")
      ->check(CLI::IsMember({"cxx", "atomic"}))
      ->capture_default_str();
  app.add_flag("--census", census_mode,
               "Count every outcome under atomic steps instead of stopping at the first failure");
  app.add_option("--workers", workers, "Workers per user (default: the scenario's; 2 or 4)")
      ->check(CLI::Range(1, 64))
      ->type_name("N");
  app.add_option("--scheduler", scheduler, "random, full (full search) or bound (context bound)")
      ->check(CLI::IsMember({"random", "full", "bound"}))
      ->capture_default_str();
  app.add_option("--iterations", c.iterations, "Random scheduler: iterations to run")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1'000'000'000'000}))
      ->capture_default_str()
      ->type_name("N");
  app.add_option("--bound", c.context_bound, "Context-bound scheduler: the bound")
      ->check(CLI::Range(0u, 64u))
      ->capture_default_str()
      ->type_name("K");
  app.add_option("--replay", replay, "Re-run one iteration from the state string a failure printed")
      ->type_name("STATE");
  app.add_flag("--quiet", quiet, "Do not print Relacy's execution history of a failure");
  app.add_flag("--progress", progress, "Relacy's progress on stderr");
  app.add_flag("--json", json,
               "Print the result as one JSON object (Relacy's history, unless --quiet, on stderr)");
  app.add_flag("--list", list, "The suites compiled into this binary and their declared results");
  app.add_flag("--check-declarations", check,
               "Check the declared results against scenarios/catalogue; exit 1 on a mismatch");
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ExtrasError&) {
    const auto extras = app.remaining();
    return usage_error(argv[0], "unexpected argument '" +
                                    (extras.empty() ? std::string() : extras.front()) +
                                    "' (see --help)");
  } catch (const CLI::ParseError& e) {
    return usage_error(argv[0], std::string(e.what()) + " (see --help)");
  }

  if (list) {
    for (const auto& s : suites) {
      std::printf("--scenario %.*s --workers %d %s  (declared %s)\n",
                  static_cast<int>(s.scenario.size()), s.scenario.data(), s.workers,
                  s.mode == Mode::census                        ? "--census"
                  : s.model == sync::access_model::atomic_steps ? "--model atomic"
                                                                : "--model cxx",
                  rl::test_result_str(s.expected));
    }
    return 0;
  }
  if (check) return check_declarations(impl);

  const Mode mode = census_mode ? Mode::census : Mode::verdict;
  // A census counts logical outcomes, so it always runs with atomic steps.
  const auto model = census_mode || model_name == "atomic" ? sync::access_model::atomic_steps
                                                           : sync::access_model::cxx_memory_model;
  c.scheduler = scheduler == "full"    ? rl::fair_full_search_scheduler_type
                : scheduler == "bound" ? rl::fair_context_bound_scheduler_type
                                       : rl::random_scheduler_type;
  if (scenario.empty()) {
    return usage_error(argv[0], "--scenario is required (accepted: " + scenario_ids() + ")");
  }
  const scenarios::Scenario* base = scenarios::find_scenario(scenario);
  if (base == nullptr) {
    return usage_error(argv[0],
                       "unknown scenario '" + scenario + "' (accepted: " + scenario_ids() + ")");
  }
  if (workers == 0) workers = base->workers_per_user;
  const SuiteEntry* chosen = nullptr;
  for (const auto& s : suites) {
    if (s.scenario == scenario && s.workers == workers && s.model == model && s.mode == mode)
      chosen = &s;
  }
  if (chosen == nullptr) {
    return usage_error(argv[0], "no suite compiled for " + scenario + " with --workers " +
                                    std::to_string(workers) +
                                    " (compiled: the scenario's own count and 2; see --list)");
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
  params.output_stream = quiet  ? static_cast<std::ostream*>(&nowhere)
                         : json ? &std::cerr
                                : &std::cout;
  params.progress_stream = progress ? static_cast<std::ostream*>(&std::cerr) : &nowhere;

  const auto start = std::chrono::steady_clock::now();
  const bool as_declared = chosen->simulate(params);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  const char* mode_name = mode == Mode::census ? "census" : sync::to_string(model);
  const double rate = seconds > 0 ? static_cast<double>(params.stop_iteration) / seconds : 0.0;
  const bool failed = params.test_result == rl::test_result_user_assert_failed;
  std::string replay_command;
  if (params.test_result != rl::test_result_success) {
    replay_command = std::string(argv[0]) + " --scenario " + scenario + " --workers " +
                     std::to_string(workers) + " --model " +
                     (model == sync::access_model::cxx_memory_model ? "cxx" : "atomic") +
                     " --scheduler " + scheduler +
                     (c.scheduler == rl::fair_context_bound_scheduler_type
                          ? " --bound " + std::to_string(c.context_bound)
                          : std::string()) +
                     " --replay '" + params.final_state.c_str() + "'";
  }

  if (json) {
    std::string out = "{\"scenario\": " + json_string(scenario) +
                      ", \"impl\": " + json_string(impl) +
                      ", \"mode\": " + json_string(mode == Mode::census ? "census" : "verdict") +
                      ", \"model\": " + json_string(sync::to_string(model)) +
                      ", \"scheduler\": " + json_string(scheduler_name(c.scheduler)) +
                      ", \"workers\": " + std::to_string(workers) +
                      ", \"result\": " + json_string(rl::test_result_str(params.test_result)) +
                      ", \"declared\": " + json_string(rl::test_result_str(chosen->expected)) +
                      ", \"as_declared\": " + (as_declared ? "true" : "false") +
                      ", \"iterations\": " + std::to_string(params.stop_iteration);
    char numbers[96];
    std::snprintf(numbers, sizeof numbers, ", \"seconds\": %.6f, \"rate\": %.1f", seconds, rate);
    out += numbers;
    out += ", \"heap\": " + json_string(sync::to_string(c.heap()));
    out += ", \"violations\": " + (failed ? json_string(last_failure().view()) : "null");
    out += ", \"outcomes\": [";
    if (mode == Mode::census) {
      bool first = true;
      for (const auto& [label, count] : census_rows()) {
        out += std::string(first ? "" : ", ") + "{\"label\": " + json_string(label) +
               ", \"count\": " + std::to_string(count) + "}";
        first = false;
      }
    }
    out += "], \"replay\": ";
    out += replay_command.empty() ? std::string("null")
                                  : "{\"state\": " + json_string(params.final_state.c_str()) +
                                        ", \"command\": " + json_string(replay_command) + "}";
    std::printf("%s}\n", out.c_str());
    return as_declared ? 0 : 1;
  }

  std::printf(
      "relacy %s %.*s %s %s workers=%d: %s (declared %s) %s \u00b7 iterations=%llu seconds=%.3f "
      "rate=%.0f/s heap=%s\n",
      scenario.c_str(), static_cast<int>(impl.size()), impl.data(), mode_name,
      scheduler_name(c.scheduler), workers, rl::test_result_str(params.test_result),
      rl::test_result_str(chosen->expected), as_declared ? "as-declared" : "NOT-AS-DECLARED",
      static_cast<unsigned long long>(params.stop_iteration), seconds, rate,
      sync::to_string(c.heap()));
  if (failed) std::printf("violations: %s\n", last_failure().text.data());
  if (mode == Mode::census) census().print();
  if (!replay_command.empty()) std::printf("replay: %s\n", replay_command.c_str());
  return as_declared ? 0 : 1;
}

}  // namespace racelab::relacy_test
