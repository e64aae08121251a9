// src/model/race_detector.hpp — data races on shared<T> cells, from vector clocks.
//
// FastTrack's shadow state (Flanagan & Freund, PLDI 2009) with full access records, so a race
// can be reported with both sides' thread, label and source line:
//
//   per cell   last write W (thread, epoch, site) · reads R since W, at most one per thread
//   read  by t   races with W          when W.thread != t and W.epoch > C_t[W.thread]
//   write by t   races with W and each r in R under the same test; then R is emptied
//
// The test is "not ordered by happens-before": no chain of unlock→lock, put→get, spawn, exit→join
// or close→get leads from the earlier access to the later one. Like FastTrack it reports at least
// one race on every racy cell, not necessarily every racing pair (a write forgets older reads).
#pragma once

#include <cstdint>
#include <vector>

#include "model/vector_clock.hpp"
#include "racelab/model/runtime.hpp"
#include "racelab/source_loc.hpp"

namespace racelab::model::detail {

// One access to a cell.
struct CellAccess {
  int thread = -1;
  std::uint32_t epoch = 0;  // the accessing thread's own clock component at the access
  rt::Access kind = rt::Access::read;
  const char* what = "";  // the facade's label: "find user"
  source_loc loc{};
  int step = -1;  // the step that made it
  // The mutexes the thread held at the access, as a set of object indices (bit i: object i; the
  // engine numbers objects from 0 per execution). A race message says which locks each side
  // held; objects past the 64th are not tracked (a model program has a few).
  std::uint64_t locks = 0;
};

class CellHistory {
 public:
  void reset() noexcept;
  // Records access `a`, made by a thread whose clock is `now`; appends to `races` every earlier
  // access it is unordered with.
  void access(const CellAccess& a, const VectorClock& now, std::vector<CellAccess>& races);

 private:
  bool has_write_ = false;
  CellAccess write_{};
  std::vector<CellAccess> reads_;  // one per thread, since the last write
};

}  // namespace racelab::model::detail
