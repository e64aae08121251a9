// src/model/strategies/thread_mask.hpp — sets of threads as bits, for dfs and dpor.
//
// An execution has at most kMaxThreads (64) threads (vector_clock.hpp), so a set of thread ids
// fits one word: union, intersection and "lowest id" are single instructions.
#pragma once

#include <bit>
#include <cstdint>

namespace racelab::model::detail {

using Mask = std::uint64_t;
constexpr Mask bit(int t) { return Mask{1} << t; }
// The lowest thread id in a non-empty set.
inline int lowest(Mask m) { return std::countr_zero(m); }

}  // namespace racelab::model::detail
