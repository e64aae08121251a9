// src/model/foreign_thread.hpp (model-internal) — noticing a std::thread behind the facade's back.
//
// The engine runs every thread of an execution as a fiber on the OS thread that called explore();
// a facade operation from any other OS thread is invisible to the scheduler, so its effect
// depends on the OS's timing and the exploration is no longer deterministic. runtime.cpp counts
// such operations while an exploration is running (on any OS thread); explore() compares the
// count before and after each execution. Counting is process-wide: two explorations running at
// once on two OS threads do not see each other's own operations (each has its engine), but a
// facade call made outside any exploration while another OS thread explores is counted.
#pragma once

#include <atomic>
#include <cstddef>

namespace racelab::model::detail {

// explore()/replay()/probe() calls in progress, on any OS thread.
extern std::atomic<int> g_explorations;
// Facade operations seen on an OS thread with no engine while g_explorations > 0.
extern std::atomic<std::size_t> g_foreign_ops;

// Marks an exploration in progress for its lifetime.
struct ExplorationInProgress {
  ExplorationInProgress() noexcept { g_explorations.fetch_add(1, std::memory_order_relaxed); }
  ~ExplorationInProgress() { g_explorations.fetch_sub(1, std::memory_order_relaxed); }
  ExplorationInProgress(const ExplorationInProgress&) = delete;
  ExplorationInProgress& operator=(const ExplorationInProgress&) = delete;
};

}  // namespace racelab::model::detail
