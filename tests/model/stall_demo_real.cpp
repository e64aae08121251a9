// tests/model/stall_demo_real.cpp — not a test by itself: a body compiled without
// RACELAB_BACKEND_MODEL (on purpose), so that racelab::sync maps to OS threads the model never
// schedules, and one of them deadlocks: the exploring thread waits in its join for good.
// StallWatch.* runs it as a process of its own and reads from its stderr that the watchdog names
// the missing define. It never ends by itself; the test kills it.
#include "racelab/model/explore.hpp"
#include "racelab/sync.hpp"

int main() {
  racelab::model::Options o;
  (void)racelab::model::explore(o, [] {
    racelab::sync::mutex m{"m"};
    m.lock();
    racelab::sync::thread waiter("waiter", [&m] { m.lock(); });  // a real thread, blocked
    waiter.join();                                               // and so is this one
  });
  return 0;
}
