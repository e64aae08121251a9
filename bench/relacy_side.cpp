// bench/relacy_side.cpp — see relacy_side.hpp. Compiled once per registry folder (RACELAB_IMPL =
// buggy or fixed) against Relacy; defines relacy_side::<impl>::full_search, which
// relacy_side_dispatch.cpp picks by name.
#include <cstdint>
#include <fstream>
#include <utility>

#include "harness.hpp"
#include "registered.hpp"
#include "registry.hpp"
#include "relacy_side.hpp"

namespace racelab::bench::relacy_side::RACELAB_IMPL {

namespace {

namespace sc = racelab::scenarios;
namespace rt = racelab::relacy_test;
using racelab::sync::access_model;
using Registry = racelab::RACELAB_IMPL::Registry;
using NoProxies = sc::no_proxies::Definition;

// The bound: how many iterations may still start. Set before rl::simulate, read inside it.
struct Bound {
  std::uint64_t limit = 0;  // 0: none
  std::uint64_t started = 0;
};
Bound& bound() {
  static Bound b;
  return b;
}

// tests/relacy_backend's ScenarioSuite for no-proxies, plus the bound: the iteration after the
// last allowed one stops the search at its first step (RL_UNTIL's result, "until condition
// hit"), before it runs anything. The expected result is SUCCESS; the caller reads the result
// from rl::test_params, not from simulate's return value.
template <int Workers, access_model Access, rt::Mode M>
struct BoundedSuite : rl::test_suite<BoundedSuite<Workers, Access, M>, 1, rl::test_result_success> {
  static const rl::thread_id_t dynamic_thread_count =
      NoProxies::max_requests + NoProxies::max_groups * Workers;
  // First member: everything after it is allocated under the iteration's heap model.
  sync::iteration_scope scope{rt::options(dynamic_thread_count, Access)};

  void thread(unsigned) {
    Bound& b = bound();
    if (b.limit != 0 && b.started == b.limit) {
      rl::ctx().rl_until("racelab bench: iteration bound reached", RL_INFO);
      return;
    }
    ++b.started;
    rt::run_scenario<Registry>(
        scope, [](sc::World<Registry>& w) { NoProxies::workload<Registry>(w); }, M);
  }
};

template <int Workers, access_model Access, rt::Mode M>
Search run(int workers, std::uint64_t max_iterations) {
  // Built here, outside the simulation: Relacy's heap must not own it.
  static sc::Scenario spec = *sc::find_scenario(NoProxies::id);
  spec.workers_per_user = workers;
  rt::RunConfig& c = rt::config();
  c.scheduler = rl::fair_full_search_scheduler_type;  // and with it the plain heap
  c.spec = &spec;
  bound() = {max_iterations, 0};

  std::ofstream nowhere;  // never opened: Relacy's report and progress go nowhere
  rl::test_params params;
  params.search_type = rl::fair_full_search_scheduler_type;
  params.output_stream = &nowhere;
  params.progress_stream = &nowhere;
  // No second, history-collecting run after a result other than SUCCESS (the bound is one).
  params.output_history = true;
  rl::simulate<BoundedSuite<Workers, Access, M>>(params);

  Search s;
  s.finished = params.test_result == rl::test_result_success;
  s.result = rl::test_result_str(params.test_result);
  // Stopped at the bound: the stopping iteration was not counted. Any other result (a race, a
  // failed check) ended the last counted iteration early: it did not run to its end.
  const bool stopped_by_bound = params.test_result == rl::test_result_until_condition_hit;
  s.iterations = bound().started - (s.finished || stopped_by_bound ? 0 : 1);
  return s;
}

template <int Workers>
Search run_model(Model model, std::uint64_t max_iterations) {
  return model == Model::cxx
             ? run<Workers, access_model::cxx_memory_model, rt::Mode::verdict>(Workers,
                                                                               max_iterations)
             : run<Workers, access_model::atomic_steps, rt::Mode::census>(Workers, max_iterations);
}

template <int... W>
Search dispatch(std::integer_sequence<int, W...>, Model model, int workers,
                std::uint64_t max_iterations) {
  Search s;
  s.result = "not compiled";
  ((workers == W + kMinWorkers ? (s = run_model<W + kMinWorkers>(model, max_iterations), 0) : 0),
   ...);
  return s;
}

}  // namespace

Search full_search(Model model, int workers, std::uint64_t max_iterations) {
  return dispatch(std::make_integer_sequence<int, kMaxWorkers - kMinWorkers + 1>(), model, workers,
                  max_iterations);
}

}  // namespace racelab::bench::relacy_side::RACELAB_IMPL
