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
#include "registered.hpp"
#include "registry.hpp"

namespace {

namespace sc = racelab::scenarios;
namespace rt = racelab::relacy_test;
using racelab::sync::access_model;
using Registry = racelab::RACELAB_IMPL::Registry;

#define RACELAB_RELACY_STR_(x) #x
#define RACELAB_RELACY_STR(x) RACELAB_RELACY_STR_(x)
constexpr std::string_view kImpl = RACELAB_RELACY_STR(RACELAB_IMPL);

// Each registered scenario (scenarios/registered.hpp) gives the harness its id, workload and the
// most threads it can start: max_requests request threads and max_groups worker groups.
template <class D>
struct Suite : D {
  static constexpr int requests = D::max_requests, groups = D::max_groups;
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
  sc::Registered::for_each([&]<class D>() { add_scenario<Suite<D>>(suites); });
  return rt::run_main(argc, argv, kImpl, suites);
}
