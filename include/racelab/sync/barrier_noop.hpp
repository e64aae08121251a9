// racelab/sync/barrier_noop.hpp — barrier's default completion function, one type for every
// mapping (std's default is unspecified and does nothing; so does this one).
#pragma once

namespace racelab::sync {

struct barrier_noop {
  void operator()() const noexcept {}
};

}  // namespace racelab::sync
