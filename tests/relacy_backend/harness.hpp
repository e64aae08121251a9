// tests/relacy_backend/harness.hpp — runs racelab's scenarios as Relacy test suites.
//
// One iteration of a scenario is what one model execution is: MainThread runs the scenario's
// workload (it starts request threads, which start workers), waits until every thread has
// finished or sits idle on its queue, checks the end-of-run properties exactly as the model
// backend does (scenarios/properties.hpp, plus every exception that escaped a thread), then shuts
// the registry down. A violation fails the iteration as USER ASSERT FAILED with the violation ids
// ("KeyError ×3"); a data race fails it earlier, as DATA RACE, where Relacy sees it.
//
// Each suite is an rl::test_suite<Suite, 1, expected_result>: the expected outcome is in its type
// (Relacy's way), never inferred from the run. Include this after racelab/sync.hpp.
#pragma once

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "properties.hpp"
#include "racelab/scenarios/catalogue.hpp"
#include "racelab/sync.hpp"
#include "world.hpp"

namespace racelab::relacy_test {

namespace sync = racelab::sync;

// What the command line chose. Suites are built by Relacy with no arguments, so they read it
// from here; it is set before rl::simulate and never changed during it.
struct RunConfig {
  rl::scheduler_type_e scheduler = rl::random_scheduler_type;
  std::uint64_t iterations = 10000;           // random scheduler only
  unsigned context_bound = 1;                 // context-bound scheduler only
  const scenarios::Scenario* spec = nullptr;  // the scenario, workers per user as run
  // random: Relacy's checked heap (leak reports); full search and context bound: plain heap,
  // or every free() would double their search (see sync::heap_model).
  sync::heap_model heap() const {
    return scheduler == rl::random_scheduler_type ? sync::heap_model::relacy_checked
                                                  : sync::heap_model::plain;
  }
};
inline RunConfig& config() {
  static RunConfig c;
  return c;
}

inline sync::iteration_options options(int max_threads, sync::access_model access) {
  return {max_threads, access, config().heap()};
}

// ---- outcomes --------------------------------------------------------------------------------

// The violations of one iteration as the model backend labels an execution: ids in order of
// first appearance, ×n when repeated ("KeyError ×3 + stale-entry"), "ok" when there are none.
// Written into a fixed buffer: no heap, so it can be kept across iterations.
struct OutcomeLabel {
  std::array<char, 160> text{};
  std::string_view view() const { return text.data(); }
};
inline OutcomeLabel outcome_label(const std::vector<model::Violation>& found) {
  OutcomeLabel label;
  std::size_t used = 0;
  auto append = [&](std::string_view s) {
    const std::size_t n = std::min(s.size(), label.text.size() - 1 - used);
    std::memcpy(label.text.data() + used, s.data(), n);
    used += n;
  };
  if (found.empty()) append("ok");
  std::vector<bool> done(found.size(), false);
  for (std::size_t i = 0; i < found.size(); ++i) {
    if (done[i]) continue;
    int count = 0;
    for (std::size_t j = i; j < found.size(); ++j) {
      if (found[j].id == found[i].id) done[j] = true, ++count;
    }
    if (i > 0) append(" + ");
    append(found[i].id);
    if (count > 1) {
      char times[16];
      std::snprintf(times, sizeof times, " \u00d7%d", count);
      append(times);
    }
  }
  return label;
}

// How many iterations ended with each outcome label. Fixed storage (no heap): it is written from
// inside the simulation and read after it.
class OutcomeCensus {
 public:
  void add(const OutcomeLabel& label) {
    for (std::size_t i = 0; i < used_; ++i) {
      if (rows_[i].label.view() == label.view()) {
        ++rows_[i].count;
        return;
      }
    }
    if (used_ < rows_.size()) rows_[used_++] = {label, 1};
  }
  // Calls f(label, count) for each row, in the order the labels were first seen.
  template <class F>
  void for_each(F&& f) const {
    for (std::size_t i = 0; i < used_; ++i) f(rows_[i].label.text.data(), rows_[i].count);
  }
  void print() const {
    std::printf("outcomes:");
    for (std::size_t i = 0; i < used_; ++i) {
      std::printf("%s %s: %llu", i == 0 ? "" : " \u00b7", rows_[i].label.text.data(),
                  static_cast<unsigned long long>(rows_[i].count));
    }
    std::printf("\n");
  }

 private:
  struct Row {
    OutcomeLabel label;
    std::uint64_t count = 0;
  };
  std::array<Row, 32> rows_{};
  std::size_t used_ = 0;
};
inline OutcomeCensus& census() {
  static OutcomeCensus c;
  return c;
}

// The violations of the last failing iteration, for the verdict line (Relacy keeps its own copy
// of the message only for the history it prints).
inline OutcomeLabel& last_failure() {
  static OutcomeLabel l;
  return l;
}

// An exception that escaped a thread, as the model reports it: id = the Python error type.
inline model::Violation escape_violation(const ThreadException& e) {
  model::Violation v;
  v.kind = model::Outcome::uncaught_exception;
  v.id = e.type;
  v.thread = e.thread;
  v.message = e.line;
  return v;
}

// ---- one iteration ---------------------------------------------------------------------------

enum class Mode { verdict, census };

// Runs config().spec's workload on a fresh World, as MainThread (Relacy's static thread 0).
template <class Registry, class Workload>
void run_scenario(sync::iteration_scope& scope, Workload workload, Mode mode) {
  const scenarios::Scenario& spec = *config().spec;
  auto world = std::make_unique<scenarios::World<Registry>>(spec);
  workload(*world);
  scope.wait_until_quiescent();

  std::vector<model::Violation> found;
  for (const auto& e : scope.escaped()) found.push_back(escape_violation(e));
  {
    const sync::iteration_scope::inspection inspect(scope);
    for (auto& v : scenarios::check_end_state(world->ledger, world->registry.snapshot())) {
      found.push_back(std::move(v));
    }
  }
  world->registry.shutdown();
  world.reset();
  scope.finish_unused_threads();

  if (mode == Mode::census) {
    census().add(outcome_label(found));
  } else if (!found.empty()) {
    last_failure() = outcome_label(found);
    std::string message = "racelab: " + std::string(last_failure().view()) + " —";
    for (const auto& v : found) message += " [" + v.thread + "] " + v.message + ";";
    rl::ctx().fail_test(message.c_str(), rl::test_result_user_assert_failed, RL_INFO);
  }
}

// One scenario as an rl::test_suite. `Scenario` names it and bounds its threads:
//   static constexpr std::string_view id;   // "no-proxies"
//   static constexpr int requests, groups;  // request threads, most worker groups it can start
//   template <class R> static void workload(scenarios::World<R>&);
// Relacy needs the thread count at compile time: MainThread is the suite's static thread, the
// requests and workers are its dynamic threads.
template <class Scenario, class Registry, int Workers, sync::access_model Access, Mode M,
          rl::test_result_e Expected>
struct ScenarioSuite
    : rl::test_suite<ScenarioSuite<Scenario, Registry, Workers, Access, M, Expected>, 1, Expected> {
  static const rl::thread_id_t dynamic_thread_count =
      Scenario::requests + Scenario::groups * Workers;
  // First member: everything after it is allocated under the iteration's heap model.
  sync::iteration_scope scope{options(dynamic_thread_count, Access)};

  void thread(unsigned) {
    run_scenario<Registry>(
        scope, [](scenarios::World<Registry>& w) { Scenario::template workload<Registry>(w); }, M);
  }
};

}  // namespace racelab::relacy_test
