// src/model/spin_probe.hpp — the spin probe: does a hidden spinner's loop end by itself?
//
// The fair scheduler hides a thread that spins while another thread can run (engine_fair.cpp).
// That loses nothing when the loop repeats until something it observed changes, and loses the
// interleavings in which the thread finishes first when the loop ends by itself (a bounded
// poll, a try_lock retried N times, a lone yield()). The first time a thread is hidden at a
// site, explore() replays the run up to there and then runs that thread alone, never hidden,
// for spin_limit + 8 steps: if, with nothing it observed changed (nobody else runs), it makes
// progress or observes a site its loop did not, the engine says so (Engine::left_spin) and
// explore() starts its search again with that site no spin (Report::bounded_spin).
#pragma once

#include <cstddef>
#include <vector>

#include "model/engine.hpp"

namespace racelab::model::detail {

// Runs `prefix`, then only `thread` (RunConfig::unhidden), at most `alone` steps or until it
// blocks or ends. True when the thread left its spin by itself (then engine.left_spin() and
// engine.left_spin_site() say how and where). Not a schedule of the search: no strategy sees it.
bool probe_spin(Engine& engine, const std::vector<int>& prefix, int thread, std::size_t alone,
                std::size_t max_steps);

}  // namespace racelab::model::detail
