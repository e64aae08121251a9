// tests/strategies/mazurkiewicz.cpp — see mazurkiewicz.hpp.
#include "mazurkiewicz.hpp"

#include <algorithm>
#include <cstdint>
#include <stdexcept>

namespace racelab::strategy_tests {

std::string canonical_form(const std::vector<Step>& steps) {
  const std::size_t n = steps.size();
  if (n > 64) throw std::length_error("canonical_form: executions of at most 64 steps");
  // preds[j]: the earlier steps j must follow in every equivalent execution.
  std::vector<std::uint64_t> preds(n, 0);
  for (std::size_t j = 0; j < n; ++j)
    for (std::size_t i = 0; i < j; ++i)
      if (steps[i].thread == steps[j].thread || model::detail::dependent(steps[i].op, steps[j].op))
        preds[j] |= std::uint64_t{1} << i;
  std::string form;
  form.reserve(6 * n);
  std::uint64_t taken = 0;
  for (std::size_t round = 0; round < n; ++round) {
    std::size_t best = n;
    for (std::size_t j = 0; j < n; ++j) {
      if (taken >> j & 1) continue;
      if ((preds[j] & ~taken) != 0) continue;
      if (best == n || steps[j].thread < steps[best].thread) best = j;
    }
    taken |= std::uint64_t{1} << best;
    const Step& s = steps[best];
    form.push_back(static_cast<char>(s.thread));
    form.push_back(static_cast<char>(s.op.kind));
    for (int shift = 0; shift < 32; shift += 8)
      form.push_back(static_cast<char>(static_cast<unsigned>(s.op.object) >> shift & 0xff));
  }
  return form;
}

TraceCensus brute_force(const Program& program) {
  TraceCensus census;
  for_each_interleaving(program, [&](const SimExecution& e) {
    ++census.interleavings;
    auto [it, fresh] = census.traces.emplace(canonical_form(e.steps), e.preemptions);
    if (!fresh) it->second = std::min(it->second, e.preemptions);
  });
  return census;
}

}  // namespace racelab::strategy_tests
