// tests/textbook/relacy_suites.cpp — every textbook program (tests/textbook/programs.hpp) as a
// Relacy test suite, run under one of Relacy's schedulers; the verdict must be the declared one.
//
//   relacy_textbook --program NAME/VERSION [--scheduler random|full|bound] [--iterations N]
//                   [--bound K] [--history]
//   relacy_textbook --list | --expect-rows N
//
// One iteration runs the program's body as MainThread (Relacy's static thread 0); the threads it
// starts are the suite's dynamic threads. Under the C++ memory model (sync::var is an rl::var)
// Relacy stops an iteration at its first failure, so the declared set of ids maps to the one
// result Relacy must report (relacy_result below): a data race is met at the racing access,
// before any check at the end; a deadlock or livelock ends the iteration where it happens.
// Prints one line per run:
//   relacy lost-update/buggy-var full-search: DATA RACE (declared DATA RACE) as-declared
//       iterations=3 seconds=0.000
// Exit status: 0 when Relacy's result is the declared one, 1 when not, 2 for bad arguments.
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <utility>

#include "programs.hpp"

namespace {

namespace tb = racelab::textbook;
namespace sync = racelab::sync;

// The result Relacy reports for a row, in Relacy's words.
constexpr rl::test_result_e relacy_result(const tb::Expected& e) {
  if (e.finds("data-race")) return rl::test_result_data_race;
  if (e.finds("deadlock")) return rl::test_result_deadlock;
  if (e.finds("livelock")) return rl::test_result_livelock;
  if (!e.safe()) return rl::test_result_user_assert_failed;
  return rl::test_result_success;
}

struct RunConfig {
  sync::heap_model heap = sync::heap_model::relacy_checked;
};
RunConfig& config() {
  static RunConfig c;
  return c;
}

template <std::size_t I>
struct TextbookSuite
    : rl::test_suite<TextbookSuite<I>, 1, relacy_result(tb::kPrograms[I].expected)> {
  static const rl::thread_id_t dynamic_thread_count = tb::kPrograms[I].threads;
  // First member: everything after it is allocated under the iteration's heap model.
  sync::iteration_scope scope{
      {tb::kPrograms[I].threads, sync::access_model::cxx_memory_model, config().heap}};

  void thread(unsigned) {
    tb::kPrograms[I].body();
    scope.finish_unused_threads();
  }
};

using SimulateFn = bool (*)(rl::test_params&);

template <std::size_t... I>
constexpr std::array<SimulateFn, sizeof...(I)> make_table(std::index_sequence<I...>) {
  return {[](rl::test_params& p) { return rl::simulate<TextbookSuite<I>>(p); }...};
}
const auto kSimulate = make_table(std::make_index_sequence<tb::kProgramCount>{});

const char* scheduler_name(rl::scheduler_type_e s) {
  switch (s) {
    case rl::random_scheduler_type: return "random";
    case rl::fair_full_search_scheduler_type: return "full-search";
    case rl::fair_context_bound_scheduler_type: return "context-bound";
    default: return "?";
  }
}

int usage(const char* argv0, const std::string& problem) {
  std::fprintf(stderr, "%s: error: %s\n", argv0, problem.c_str());
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string program;
  std::string scheduler = "random";
  unsigned long long iterations = 10000;
  unsigned bound = 1;
  bool history = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    if (arg == "--list") {
      for (const auto& t : tb::kPrograms) {
        std::printf("%s/%s %s\n", t.name, t.version,
                    rl::test_result_str(relacy_result(t.expected)));
      }
      return 0;
    } else if (arg == "--expect-rows") {  // the build's count of rows in programs.hpp
      const char* v = value();
      if (v == nullptr) return usage(argv[0], "--expect-rows needs a number");
      const unsigned long n = std::strtoul(v, nullptr, 10);
      std::printf("rows: %zu compiled, %lu listed to CTest\n", tb::kProgramCount, n);
      return n == tb::kProgramCount ? 0 : 1;
    } else if (arg == "--program") {
      const char* v = value();
      if (v == nullptr) return usage(argv[0], "--program needs NAME/VERSION");
      program = v;
    } else if (arg == "--scheduler") {
      const char* v = value();
      if (v == nullptr) return usage(argv[0], "--scheduler needs random, full or bound");
      scheduler = v;
    } else if (arg == "--iterations") {
      const char* v = value();
      if (v == nullptr) return usage(argv[0], "--iterations needs a number");
      iterations = std::strtoull(v, nullptr, 10);
    } else if (arg == "--bound") {
      const char* v = value();
      if (v == nullptr) return usage(argv[0], "--bound needs a number");
      bound = static_cast<unsigned>(std::strtoul(v, nullptr, 10));
    } else if (arg == "--history") {
      history = true;
    } else {
      return usage(argv[0], "unexpected argument '" + std::string(arg) +
                                "' (accepted: --program, --scheduler, --iterations, --bound, "
                                "--history, --list)");
    }
  }
  if (program.empty()) return usage(argv[0], "--program NAME/VERSION is required (see --list)");

  std::size_t index = tb::kProgramCount;
  for (std::size_t i = 0; i < tb::kProgramCount; ++i) {
    if (program == std::string(tb::kPrograms[i].name) + "/" + tb::kPrograms[i].version) index = i;
  }
  if (index == tb::kProgramCount) return usage(argv[0], "unknown program '" + program + "'");

  rl::test_params params;
  if (scheduler == "random") {
    params.search_type = rl::random_scheduler_type;
  } else if (scheduler == "full") {
    params.search_type = rl::fair_full_search_scheduler_type;
  } else if (scheduler == "bound") {
    params.search_type = rl::fair_context_bound_scheduler_type;
  } else {
    return usage(argv[0], "--scheduler: " + scheduler + " not in random, full, bound");
  }
  // Exhaustive schedulers: plain heap, or every free() doubles their search (sync::heap_model).
  config().heap = params.search_type == rl::random_scheduler_type ? sync::heap_model::relacy_checked
                                                                  : sync::heap_model::plain;
  params.iteration_count = iterations;
  params.context_bound = bound;
  std::ofstream nowhere;  // never opened: what is written to it goes nowhere
  params.output_stream = history ? &std::cout : static_cast<std::ostream*>(&nowhere);
  params.progress_stream = &nowhere;

  const auto start = std::chrono::steady_clock::now();
  kSimulate[index](params);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  const tb::Textbook& t = tb::kPrograms[index];
  const rl::test_result_e declared = relacy_result(t.expected);
  const bool as_declared = params.test_result == declared;
  std::printf("relacy %s/%s %s: %s (declared %s) %s iterations=%llu seconds=%.3f\n", t.name,
              t.version, scheduler_name(params.search_type),
              rl::test_result_str(params.test_result), rl::test_result_str(declared),
              as_declared ? "as-declared" : "NOT-AS-DECLARED",
              static_cast<unsigned long long>(params.stop_iteration), seconds);
  return as_declared ? 0 : 1;
}
