#include "model/race_detector.hpp"

namespace racelab::model::detail {

namespace {
// Whether `earlier` happens before the present of a thread whose clock is `now`.
bool ordered(const CellAccess& earlier, int thread, const VectorClock& now) {
  return earlier.thread == thread || earlier.epoch <= now[earlier.thread];
}
}  // namespace

void CellHistory::reset() noexcept {
  has_write_ = false;
  reads_.clear();
}

void CellHistory::access(const CellAccess& a, const VectorClock& now,
                         std::vector<CellAccess>& races) {
  if (has_write_ && !ordered(write_, a.thread, now)) races.push_back(write_);
  if (a.kind == rt::Access::read) {
    for (CellAccess& r : reads_) {
      if (r.thread == a.thread) {
        r = a;
        return;
      }
    }
    reads_.push_back(a);
    return;
  }
  for (const CellAccess& r : reads_) {
    if (!ordered(r, a.thread, now)) races.push_back(r);
  }
  reads_.clear();
  write_ = a;
  has_write_ = true;
}

}  // namespace racelab::model::detail
