// replay(), probe() and keep_until_end(): one schedule run traced, a prefix stopped at its end,
// and what an execution keeps alive until its end (racelab/model/explore.hpp).
#include <stdexcept>
#include <string>

#include "model/contract.hpp"
#include "model/engine.hpp"
#include "model/foreign_thread.hpp"
#include "model/rerun.hpp"
#include "racelab/internal/text.hpp"
#include "racelab/model/explore.hpp"
#include "racelab/model/schedule.hpp"

namespace racelab::model {

using detail::Engine;
using detail::foreign_ops;
using detail::hidden_thread;
using detail::run_traced;
using detail::RunEnd;

Execution replay(const std::string& schedule, const Body& body, const EndCheck& end_check,
                 std::size_t max_steps) {
  Options o;
  o.max_steps = max_steps;
  return replay(schedule, body, end_check, o);
}

Execution replay(const std::string& schedule, const Body& body, const EndCheck& end_check,
                 const Options& options) {
  if (!body) throw std::invalid_argument("racelab::model::replay: the body is empty");
  const detail::ExplorationInProgress in_progress;
  Engine engine(body, end_check, detail::semantics_of(options));
  const std::size_t max_steps = options.max_steps;
  const std::size_t foreign = foreign_ops();
  Execution x;
  try {
    x = run_traced(engine, schedule, Schedule::parse(schedule).steps(), max_steps);
  } catch (const std::invalid_argument&) {
    // A token that does not fit because a hidden thread changed the run: say that instead.
    if (foreign_ops() != foreign) hidden_thread(echo_input(schedule));
    throw;
  }
  if (foreign_ops() != foreign) hidden_thread(x.schedule);
  return x;
}

Probe probe(const std::string& prefix, const Body& body, const EndCheck& end_check,
            std::size_t max_steps, const Describe& describe) {
  if (!body) throw std::invalid_argument("racelab::model::probe: the body is empty");
  Engine engine(body, end_check);
  RunEnd end = RunEnd::ended;
  Execution x = run_traced(engine, prefix, Schedule::parse(prefix).steps(), max_steps, &describe,
                           /*probe=*/true, &end);
  Probe p;
  p.trace = std::move(x.trace);
  p.next = engine.take_next();
  p.violations = std::move(x.violations);
  p.finished = end == RunEnd::ended;
  p.schedule = std::move(x.schedule);
  p.state = engine.take_state();
  return p;
}

void keep_until_end(std::shared_ptr<void> p) {
  Engine* e = Engine::active();
  if (e == nullptr) {
    detail::contract_failure(
        "keep_until_end() called outside an execution: call it from the "
        "explored body or a thread it started");
  }
  e->keep(std::move(p));
}

}  // namespace racelab::model
