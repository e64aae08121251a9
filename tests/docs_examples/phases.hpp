// latch / barrier: counting down before the work is done; arriving without waiting.
#pragma once

#include "example.hpp"

namespace racelab::docs_examples {

// [doc:latch-early-count-down]
void latch_early_count_down() {
  sync::var<int> a{"a", 0};
  sync::var<int> b{"b", 0};
  sync::latch filled{"filled", 2};
  sync::thread fa("filler", [&] {
    a = 1;
    filled.count_down();
  });
  sync::thread fb("filler", [&] {
    filled.count_down();  // counts itself done ...
    b = 2;                // ... before its part is in
  });
  filled.wait();
  sync::check(a + b == 3, "both parts are in");
  fa.join();
  fb.join();
}
// [end:latch-early-count-down]

// [doc:latch-early-count-down-fixed]
void latch_early_count_down_fixed() {
  sync::var<int> a{"a", 0};
  sync::var<int> b{"b", 0};
  sync::latch filled{"filled", 2};
  sync::thread fa("filler", [&] {
    a = 1;
    filled.count_down();
  });
  sync::thread fb("filler", [&] {
    b = 2;
    filled.count_down();  // count_down happens-before the wait it lets through
  });
  filled.wait();
  sync::check(a + b == 3, "both parts are in");
  fa.join();
  fb.join();
}
// [end:latch-early-count-down-fixed]

// [doc:barrier-arrive-only]
void barrier_arrive_only() {
  sync::var<int> mine{"mine", 0};
  sync::var<int> theirs{"theirs", 0};
  sync::barrier<> step{"step", 2};
  sync::thread other("other", [&] {
    theirs = 2;
    (void)step.arrive();  // arrives, but does not wait for the phase to end
    sync::check(mine == 1, "sees the main thread's part");
  });
  mine = 1;
  step.arrive_and_wait();
  sync::check(theirs == 2, "sees the other thread's part");
  other.join();
}
// [end:barrier-arrive-only]

// [doc:barrier-arrive-only-fixed]
void barrier_arrive_only_fixed() {
  sync::var<int> mine{"mine", 0};
  sync::var<int> theirs{"theirs", 0};
  sync::barrier<> step{"step", 2};
  sync::thread other("other", [&] {
    theirs = 2;
    step.arrive_and_wait();  // or: step.wait(step.arrive())
    sync::check(mine == 1, "sees the main thread's part");
  });
  mine = 1;
  step.arrive_and_wait();
  sync::check(theirs == 2, "sees the other thread's part");
  other.join();
}
// [end:barrier-arrive-only-fixed]

inline const Example phase_examples[] = {
    {.name = "latch-early-count-down",
     .body = latch_early_count_down,
     .ids = {"assertion", "data-race"},
     .spurious_wakeups = 1},
    {.name = "latch-early-count-down-fixed",
     .body = latch_early_count_down_fixed,
     .ids = {},
     .spurious_wakeups = 1},
    {.name = "barrier-arrive-only",
     .body = barrier_arrive_only,
     .ids = {"assertion", "data-race"},
     .spurious_wakeups = 1},
    {.name = "barrier-arrive-only-fixed",
     .body = barrier_arrive_only_fixed,
     .ids = {},
     .spurious_wakeups = 1},
};

}  // namespace racelab::docs_examples
