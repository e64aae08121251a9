// seed_fix_without_opt_out.cpp — compiled by ctest, not built: fixed/registry.cpp with its one
// RACELAB_NO_THREAD_SAFETY_ANALYSIS switched back on. The seed's fix locked the workers' `del`
// and addUserWithQueue, but left the request side's `QUEUE_USER[user]['queue']` read unlocked;
// fixed/ ports that exactly and opts that one function out of the analysis. Without the opt-out
// the analysis must name the gap: enqueue reads QUEUE_USER without QUEUE_USER_LOCK.
#include "racelab/thread_annotations.hpp"

#undef RACELAB_NO_THREAD_SAFETY_ANALYSIS
#define RACELAB_NO_THREAD_SAFETY_ANALYSIS

#include "registry.cpp"  // fixed/registry.cpp: fixed/ is on the include path
