// tests/relacy_backend/declared_verdicts.hpp — the result Relacy must report, per scenario,
// implementation and access model. Declared here, before any run, in Relacy's words:
//
//   a data race on QUEUE_USER                          DATA RACE            (cxx memory model)
//   a KeyError, or a broken end-of-run property        USER ASSERT FAILED
//   (duplicate-workers, stale-entry, lost-task, ...)
//   nothing                                            SUCCESS
//
// Under the C++ memory model Relacy stops at the first data race, so an implementation that
// races is DATA RACE there, whatever else it breaks; atomic steps (no race checks) show what
// else it breaks. The table says the same thing as scenarios/catalogue's declared verdicts;
// `relacy_scenarios_<impl> --check-declarations` (a CTest) proves it does.
#pragma once

#include <string_view>

#include "racelab/sync.hpp"

namespace racelab::relacy_test {

struct Declared {
  std::string_view scenario;
  std::string_view impl;
  rl::test_result_e cxx_memory_model;
  rl::test_result_e atomic_steps;
};

inline constexpr rl::test_result_e kRace = rl::test_result_data_race;
inline constexpr rl::test_result_e kViolation = rl::test_result_user_assert_failed;
inline constexpr rl::test_result_e kSafe = rl::test_result_success;

// clang-format off
inline constexpr Declared kDeclared[] = {
  //  scenario                    impl        cxx memory model  atomic steps
  {"no-proxies",              "buggy",    kRace,            kViolation},  // KeyError ×1..3
  {"no-proxies",              "fixed",    kSafe,            kSafe},
  {"no-proxies",              "complete", kSafe,            kSafe},
  {"concurrent-add",          "buggy",    kRace,            kViolation},  // duplicate-workers
  {"concurrent-add",          "fixed",    kSafe,            kSafe},
  {"concurrent-add",          "complete", kSafe,            kSafe},
  {"stale-teardown",          "buggy",    kRace,            kViolation},  // duplicate-workers
  {"stale-teardown",          "fixed",    kViolation,       kViolation},  // the seed's fix: pop
  {"stale-teardown",          "complete", kSafe,            kSafe},       //  of a newer entry
  {"enqueue-during-teardown", "buggy",    kRace,            kViolation},  // KeyError, lost-task
  {"enqueue-during-teardown", "fixed",    kRace,            kViolation},  // unlocked enqueue
  {"enqueue-during-teardown", "complete", kSafe,            kSafe},
  {"happy-path",              "buggy",    kSafe,            kSafe},       // why the bug shipped
  {"happy-path",              "fixed",    kSafe,            kSafe},
  {"happy-path",              "complete", kSafe,            kSafe},
  // exercise/ starts as a copy of buggy/; these rows are its goal, so its suites fail until the
  // student has fixed it (no CTest runs them).
  {"no-proxies",              "exercise", kSafe,            kSafe},
  {"concurrent-add",          "exercise", kSafe,            kSafe},
  {"stale-teardown",          "exercise", kSafe,            kSafe},
  {"enqueue-during-teardown", "exercise", kSafe,            kSafe},
  {"happy-path",              "exercise", kSafe,            kSafe},
};
// clang-format on

constexpr rl::test_result_e declared(std::string_view scenario, std::string_view impl,
                                     sync::access_model model) {
  for (const Declared& d : kDeclared) {
    if (d.scenario == scenario && d.impl == impl) {
      return model == sync::access_model::cxx_memory_model ? d.cxx_memory_model : d.atomic_steps;
    }
  }
  throw "tests/relacy_backend/declared_verdicts.hpp: no declared verdict for this scenario and "
        "impl";
}

}  // namespace racelab::relacy_test
