// The names of the shared result vocabulary (racelab/result.hpp).
#include "racelab/result.hpp"

namespace racelab {

std::string to_string(Outcome o) {
  switch (o) {
    case Outcome::ok: return "ok";
    case Outcome::uncaught_exception: return "uncaught exception";
    case Outcome::assertion_failed: return "assertion failed";
    case Outcome::data_race: return "data race";
    case Outcome::deadlock: return "deadlock";
    case Outcome::step_limit: return "step limit";
    case Outcome::property_violated: return "property violated";
    case Outcome::livelock: return "livelock";
  }
  return "?";
}

}  // namespace racelab
