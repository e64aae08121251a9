// racelab/sync/lock_guard.hpp — moved: the lock holders are in racelab/sync/locks.hpp.
#pragma once
#include "racelab/sync/locks.hpp"  // IWYU pragma: export
