// src/model/elapsed.hpp — the wall-clock milliseconds a report states (Report::elapsed_ms and the
// estimate's elapsed_ms), measured one way for both.
#pragma once

#include <chrono>

namespace racelab::model::detail {

inline double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace racelab::model::detail
