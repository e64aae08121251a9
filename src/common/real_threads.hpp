// src/common/real_threads.hpp — how many threads racelab::sync's real mapping started from the
// calling OS thread (internal: model::explore uses it to refuse a body compiled without
// RACELAB_BACKEND_MODEL, whose threads the model would never schedule).
#pragma once

#include <cstdint>

namespace racelab::detail {

// sync::thread constructions of the real mapping on this OS thread so far. A fiber runs on the OS
// thread that resumes it, so a model body's fibers count on the thread that explores it.
std::uint64_t real_threads_started_here() noexcept;
// The same on every OS thread of the process: what the stall watchdog (another thread) reads.
std::uint64_t real_threads_started_anywhere() noexcept;

}  // namespace racelab::detail
