// thread and join: data handed to a thread after it started; a result read before the join.
#pragma once

#include "example.hpp"

namespace racelab::docs_examples {

// [doc:late-argument]
void late_argument() {
  sync::var<int> limit{"limit", 0};
  sync::thread worker("worker", [&] { sync::check(limit == 10, "the worker sees the limit"); });
  limit = 10;  // written after the thread started: nothing orders it before the worker's read
  worker.join();
}
// [end:late-argument]

// [doc:late-argument-fixed]
void late_argument_fixed() {
  sync::var<int> limit{"limit", 0};
  limit = 10;  // starting a thread happens-after everything its starter did before
  sync::thread worker("worker", [&] { sync::check(limit == 10, "the worker sees the limit"); });
  worker.join();
}
// [end:late-argument-fixed]

// [doc:read-before-join]
void read_before_join() {
  sync::var<int> sum{"sum", 0};
  sync::thread t([&sum](int a, int b) { sum = a + b; }, 2, 3);
  const int seen = sum;  // the thread may not have written it yet
  t.join();
  sync::check(seen == 5, "the sum");
}
// [end:read-before-join]

// [doc:read-before-join-fixed]
void read_before_join_fixed() {
  sync::var<int> sum{"sum", 0};
  sync::thread t([&sum](int a, int b) { sum = a + b; }, 2, 3);
  t.join();  // the thread's exit happens-before join's return
  const int seen = sum;
  sync::check(seen == 5, "the sum");
}
// [end:read-before-join-fixed]

inline const Example thread_examples[] = {
    {.name = "late-argument",
     .body = late_argument,
     .ids = {"assertion", "data-race"},
     .spurious_wakeups = 1},
    {.name = "late-argument-fixed", .body = late_argument_fixed, .ids = {}, .spurious_wakeups = 1},
    {.name = "read-before-join",
     .body = read_before_join,
     .ids = {"assertion", "data-race"},
     .spurious_wakeups = 1},
    {.name = "read-before-join-fixed",
     .body = read_before_join_fixed,
     .ids = {},
     .spurious_wakeups = 1},
};

}  // namespace racelab::docs_examples
