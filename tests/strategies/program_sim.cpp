// tests/strategies/program_sim.cpp — see program_sim.hpp.
#include "program_sim.hpp"

#include <sstream>

namespace racelab::strategy_tests {

std::string Program::describe() const {
  std::ostringstream out;
  for (std::size_t t = 0; t < threads.size(); ++t) {
    out << "T" << t << ":";
    for (const Instr& i : threads[t]) {
      out << " " << (i.try_lock ? "trylock" : model::detail::to_string(i.kind));
      if (i.object >= 0) out << "(" << i.object << ")";
    }
    out << "\n";
  }
  return out.str();
}

SimState::SimState(const Program& p) : program_(&p), threads_(static_cast<int>(p.threads.size())) {
  if (threads_ > kMaxThreads) throw std::length_error("SimState: too many threads");
  owner_.fill(-1);
  for (int t = 0; t < threads_; ++t) live_[t] = true;
  for (const auto& thread : p.threads) {
    for (const Instr& i : thread) {
      if (i.kind == OpKind::spawn) live_[i.object - thread_object(0)] = false;
      if (i.object >= kMaxObjects && i.object < thread_object(0))
        throw std::length_error("SimState: object ids must be below kMaxObjects");
    }
  }
  for (int t = 0; t < threads_; ++t)
    if (p.threads[t].empty()) live_[t] = false, finished_[t] = true;
}

bool SimState::enabled(int t) const {
  if (!live_[t]) return false;
  const Instr& i = program_->threads[t][pc_[t]];
  switch (i.kind) {
    case OpKind::lock: return i.try_lock || owner_[i.object] < 0;
    case OpKind::get: return items_[i.object] > 0 || closed_[i.object];
    case OpKind::join: return finished_[i.object - thread_object(0)] != 0;
    default: return true;
  }
}

OpDesc SimState::next(int t) const {
  const Instr& i = program_->threads[t][pc_[t]];
  return OpDesc{i.object, i.kind, i.try_lock ? model::detail::kOpTry : std::uint8_t{0}};
}

void SimState::views(std::vector<ThreadView>& out) const {
  out.clear();
  for (int t = 0; t < thread_count(); ++t)
    if (live_[t]) out.push_back(ThreadView{t, enabled(t), next(t)});
}

OpDesc SimState::run(int t) {
  const auto& code = program_->threads[t];
  const Instr& i = code[pc_[t]];
  std::size_t advance = 1;
  switch (i.kind) {
    case OpKind::lock:
      if (owner_[i.object] < 0) {
        owner_[i.object] = static_cast<std::int8_t>(t);
      } else {
        advance = 2;  // a failed try_lock skips its unlock
      }
      break;
    case OpKind::unlock: owner_[i.object] = -1; break;
    case OpKind::put:
      if (!closed_[i.object]) ++items_[i.object];
      break;
    case OpKind::get:
      if (items_[i.object] > 0) --items_[i.object];
      break;
    case OpKind::close: closed_[i.object] = true; break;
    case OpKind::spawn: live_[i.object - thread_object(0)] = true; break;
    default: break;
  }
  pc_[t] = static_cast<std::uint8_t>(pc_[t] + advance);
  if (pc_[t] >= code.size()) live_[t] = false, finished_[t] = true;
  return OpDesc{i.object, i.kind, i.try_lock ? model::detail::kOpTry : std::uint8_t{0}};
}

SimRun drive(Scheduler& strategy, const Program& program, std::size_t max_executions) {
  SimRun result;
  std::vector<ThreadView> views;
  while (result.complete.size() + result.abandoned < max_executions && strategy.next_execution()) {
    SimState state(program);
    SimExecution exec;
    bool abandoned = false;
    int current = -1;
    for (std::size_t step = 0;; ++step) {
      state.views(views);
      if (views.empty()) break;
      const Choice choice{&views, current, step};
      bool any = false;
      for (const ThreadView& v : views) any = any || v.enabled;
      if (!any) {
        (void)strategy.pick(choice);  // the final state, for DPOR's pending races
        exec.blocked = true;
        break;
      }
      const int t = strategy.pick(choice);
      if (t < 0) {
        abandoned = true;
        break;
      }
      if (t >= state.thread_count() || !state.enabled(t))
        throw std::logic_error("strategy picked thread " + std::to_string(t) +
                               ", which is not enabled");
      if (current >= 0 && t != current && state.enabled(current)) ++exec.preemptions;
      const OpDesc op = state.run(t);
      strategy.executed(t, op);
      exec.steps.push_back(Step{t, op});
      current = t;
    }
    strategy.end_execution();
    if (abandoned) {
      ++result.abandoned;
    } else {
      result.complete.push_back(std::move(exec));
    }
  }
  return result;
}

namespace {

void explore(const SimState& state, SimExecution& exec, int current,
             const std::function<void(const SimExecution&)>& visit) {
  bool any_live = false, any_enabled = false;
  for (int t = 0; t < state.thread_count(); ++t) {
    any_live = any_live || state.live(t);
    any_enabled = any_enabled || state.enabled(t);
  }
  if (!any_enabled) {
    exec.blocked = any_live;
    visit(exec);
    exec.blocked = false;
    return;
  }
  for (int t = 0; t < state.thread_count(); ++t) {
    if (!state.enabled(t)) continue;
    const int preempt = current >= 0 && t != current && state.enabled(current) ? 1 : 0;
    SimState next = state;
    const OpDesc op = next.run(t);
    exec.steps.push_back(Step{t, op});
    exec.preemptions += preempt;
    explore(next, exec, t, visit);
    exec.preemptions -= preempt;
    exec.steps.pop_back();
  }
}

}  // namespace

void for_each_interleaving(const Program& program,
                           const std::function<void(const SimExecution&)>& visit) {
  SimExecution exec;
  explore(SimState(program), exec, -1, visit);
}

}  // namespace racelab::strategy_tests
