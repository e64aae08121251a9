// src/cli/play_hints.hpp — why a choice matters, in words tied to the concept.
//
// A hint names what running a thread next does to the others, read off the dependence of its
// next operation with theirs: the same object, and at least one of the two changes it (the
// relation the model's DPOR is built on). From what each thread did before (its last access to
// that object, the locks it holds, a notify nobody waited for) it words the concept at stake:
// a lost update, a stale read acted on (check-then-act), a lock taken against another thread's
// order (deadlock), a lost wake-up, or nothing at all (independent steps commute). Generic over
// every level and scenario: nothing here knows a level.
#pragma once

#include <string>

#include "racelab/course/course.hpp"
#include "racelab/model/explore.hpp"

namespace racelab::cli {

// One sentence (no final period): why running `thread` next matters, from the probe's next
// operations and its trace so far. `thread` must be one of probe.next's.
std::string why_it_matters(const model::Probe& probe, int thread, course::Language language);

}  // namespace racelab::cli
