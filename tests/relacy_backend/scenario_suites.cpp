// tests/relacy_backend/scenario_suites.cpp — every scenario of the catalogue as Relacy test suites, for
// one implementation (the build compiles this file once per folder: RACELAB_IMPL = buggy, fixed,
// complete, exercise; "registry.hpp" is that folder's).
//
// Per scenario, five suites: the C++ memory model and atomic steps (each with its declared
// result, tests/relacy_backend/declared_verdicts.hpp) and a census of outcomes under atomic steps — with
// the scenario's 4 workers per user, and with 2 ("small scope") where only fewer threads let
// Relacy's full search finish (it explores without partial-order reduction).
#include <string_view>

#include "command_line.hpp"
#include "concurrent_add.hpp"
#include "enqueue_during_teardown.hpp"
#include "happy_path.hpp"
#include "no_proxies.hpp"
#include "registry.hpp"
#include "stale_teardown.hpp"

namespace {

namespace sc = racelab::scenarios;
namespace rt = racelab::relacy_test;
using racelab::sync::access_model;
using Registry = racelab::RACELAB_IMPL::Registry;

#define RACELAB_RELACY_STR_(x) #x
#define RACELAB_RELACY_STR(x) RACELAB_RELACY_STR_(x)
constexpr std::string_view kImpl = RACELAB_RELACY_STR(RACELAB_IMPL);

// Each scenario's workload (scenarios/<id>.hpp) and the most threads it can start.
struct NoProxies {
  static constexpr std::string_view id = "no-proxies";
  static constexpr int requests = 1, groups = 1;
  template <class R>
  static void workload(sc::World<R>& w) {
    sc::no_proxies::workload(w);
  }
};
struct ConcurrentAdd {
  static constexpr std::string_view id = "concurrent-add";
  static constexpr int requests = 2, groups = 2;  // buggy: both requests start a group
  template <class R>
  static void workload(sc::World<R>& w) {
    sc::concurrent_add::workload(w);
  }
};
struct StaleTeardown {
  static constexpr std::string_view id = "stale-teardown";
  static constexpr int requests = 3, groups = 3;  // each request may start one
  template <class R>
  static void workload(sc::World<R>& w) {
    sc::stale_teardown::workload(w);
  }
};
struct EnqueueDuringTeardown {
  static constexpr std::string_view id = "enqueue-during-teardown";
  static constexpr int requests = 1, groups = 1;
  template <class R>
  static void workload(sc::World<R>& w) {
    sc::enqueue_during_teardown::workload(w);
  }
};

struct HappyPath {
  static constexpr std::string_view id = "happy-path";
  static constexpr int requests = 1, groups = 1;
  template <class R>
  static void workload(sc::World<R>& w) {
    sc::happy_path::workload(w);
  }
};

template <class S, int Workers, access_model Access>
using Verdict = rt::ScenarioSuite<S, Registry, Workers, Access, rt::Mode::verdict,
                                  rt::declared(S::id, kImpl, Access)>;
template <class S, int Workers>
using Census = rt::ScenarioSuite<S, Registry, Workers, access_model::atomic_steps, rt::Mode::census,
                                 rl::test_result_success>;

template <class S, int Workers>
void add(std::vector<rt::SuiteEntry>& out) {
  constexpr auto cxx = access_model::cxx_memory_model;
  constexpr auto atomic = access_model::atomic_steps;
  out.push_back(rt::entry<Verdict<S, Workers, cxx>, S, Workers, cxx, rt::Mode::verdict>());
  out.push_back(rt::entry<Verdict<S, Workers, atomic>, S, Workers, atomic, rt::Mode::verdict>());
  out.push_back(rt::entry<Census<S, Workers>, S, Workers, atomic, rt::Mode::census>());
}

template <class S>
void add_scenario(std::vector<rt::SuiteEntry>& out) {
  add<S, racelab::registry::kWorkersPerUser>(out);
  add<S, 2>(out);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<rt::SuiteEntry> suites;
  add_scenario<NoProxies>(suites);
  add_scenario<ConcurrentAdd>(suites);
  add_scenario<StaleTeardown>(suites);
  add_scenario<EnqueueDuringTeardown>(suites);
  add_scenario<HappyPath>(suites);
  return rt::run_main(argc, argv, kImpl, suites);
}
