// worker.cpp — worker(q, events, _thread, user, reprocess), as views.py had it; no fix changes it.
// A worker that finds no proxies calls tear_down() (registry.cpp): that is where the fixes are.
#include "registry.hpp"

namespace RACELAB_IMPL_NAMESPACE {

namespace {
// Records Gone however the worker leaves: by return, by the KeyError, or by being unwound.
struct GoneOnExit {
  Ledger& ledger;
  int group;
  int index;
  ~GoneOnExit() { ledger.set_worker_state(group, index, registry::WorkerState::Gone); }
};
}  // namespace

void Registry::worker(std::shared_ptr<sync::blocking_queue<Task>> q,
                      std::shared_ptr<sync::blocking_queue<std::string>> events, int thread_index,
                      User user, bool reprocess, int group) {
  GoneOnExit gone{ledger_, group, thread_index};
  registry::DigiPhone phone(user, reprocess, pool_, group);
  if (phone.len_proxy() > 0) {
    ledger_.set_worker_state(group, thread_index, registry::WorkerState::Serving);
    while (auto task = q->get()) {  // task = q.get(); process(task)
      ledger_.task_processed(task->id);
      events->put("processed task " + std::to_string(task->id));
    }
  } else {
    ledger_.set_worker_state(group, thread_index, registry::WorkerState::TearingDown);
    tear_down(user, group, *q);
  }
}

}  // namespace RACELAB_IMPL_NAMESPACE
