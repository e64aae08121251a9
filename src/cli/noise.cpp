#include "noise.hpp"

#include "racelab/sync.hpp"

namespace racelab::cli {

// RACELAB_REAL_NOISE is defined by racelab/sync/real.hpp when it provides
// racelab::sync::set_noise(int percent).
#if defined(RACELAB_REAL_NOISE)
bool noise_available() { return true; }
void set_noise(int percent) { sync::set_noise(percent); }
#else
bool noise_available() { return false; }
void set_noise(int /*percent*/) {}
#endif

}  // namespace racelab::cli
