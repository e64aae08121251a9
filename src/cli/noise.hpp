// src/cli/noise.hpp — noise injection for `racelab stress --noise P`.
//
// Real threads on an idle 2-core machine interleave in few ways; a rare interleaving stays rare.
// With noise, the real facade pauses 0-200 µs at P% of its operations (lock, unlock, shared
// read/write, queue put/get, labelled points), which shakes the schedule the way a loaded
// machine would and makes rare interleavings common. The hook lives in the real facade
// (racelab/sync/real.hpp); this wrapper says whether the build has it.
#pragma once

namespace racelab::cli {

// Whether the real facade of this build has the noise hook.
bool noise_available();

// Sets the share of facade operations (0-100) at which the calling process's threads pause.
// Call in a trial's child before the scenario starts its threads. No-op when unavailable.
void set_noise(int percent);

}  // namespace racelab::cli
