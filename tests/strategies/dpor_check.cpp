// tests/strategies/dpor_check.cpp — see dpor_check.hpp.
#include "dpor_check.hpp"

#include <algorithm>

#include "model/strategies/scheduler.hpp"

namespace racelab::strategy_tests {

DporOutcome run_dpor(const Program& program, std::optional<int> preemption_bound) {
  auto dpor = model::detail::make_dpor(preemption_bound);
  const SimRun run = drive(*dpor, program);
  DporOutcome out;
  out.complete = run.complete.size();
  out.abandoned = run.abandoned;
  out.reported_traces = dpor->traces();
  out.exhaustive = dpor->exhaustive();
  for (const SimExecution& e : run.complete) {
    out.traces.insert(canonical_form(e.steps));
    out.max_preemptions = std::max(out.max_preemptions, e.preemptions);
  }
  return out;
}

::testing::AssertionResult dpor_matches_brute_force(const Program& program,
                                                    std::optional<int> preemption_bound) {
  return dpor_matches_brute_force(program, brute_force(program), preemption_bound);
}

::testing::AssertionResult dpor_matches_brute_force(const Program& program,
                                                    const TraceCensus& census,
                                                    std::optional<int> preemption_bound) {
  const DporOutcome out = run_dpor(program, preemption_bound);
  auto fail = [&]() -> ::testing::AssertionResult {
    return ::testing::AssertionFailure()
           << "\nprogram:\n"
           << program.describe()
           << "bound: " << (preemption_bound ? std::to_string(*preemption_bound) : "none")
           << "\nbrute force: " << census.traces.size() << " traces in " << census.interleavings
           << " interleavings\ndpor: " << out.complete << " complete, " << out.abandoned
           << " abandoned, " << out.traces.size() << " distinct\n";
  };
  if (!out.exhaustive) return fail() << "dpor did not report an exhaustive exploration";
  // Unbounded, sleep sets make every complete execution a new trace. Bounded, a trace may be
  // run twice (dpor.cpp, mark_cut), but traces() must still count distinct ones.
  if (!preemption_bound && out.traces.size() != out.complete)
    return fail() << "dpor ran equivalent executions twice";
  if (out.reported_traces != out.traces.size())
    return fail() << "traces() = " << out.reported_traces << ", not the distinct traces run";
  if (preemption_bound && out.max_preemptions > *preemption_bound)
    return fail() << "an execution had " << out.max_preemptions << " preemptions";
  std::size_t missing = 0, within = 0;
  for (const auto& [form, preemptions] : census.traces) {
    if (preemption_bound && preemptions > *preemption_bound) continue;
    ++within;
    if (!out.traces.count(form)) ++missing;
  }
  for (const std::string& form : out.traces)
    if (!census.traces.count(form)) return fail() << "dpor ran an execution brute force never saw";
  if (missing > 0) return fail() << missing << " of " << within << " traces never explored";
  return ::testing::AssertionSuccess();
}

}  // namespace racelab::strategy_tests
