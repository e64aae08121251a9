// tests/model/stall_demo.cpp — not a test by itself: a body that hangs the way a newcomer's does
// (a std::mutex held across a facade operation, the other thread locking it on the same OS
// thread), for StallWatch.* to run in a process of its own and read the watchdog's words from
// its stderr. It never ends by itself; the test kills it.
#include <mutex>

#include "racelab/model/explore.hpp"
#include "racelab/sync.hpp"

int main() {
  std::mutex m;  // the mistake: a std::mutex, invisible to the model
  racelab::model::Options o;
  (void)racelab::model::explore(o, [&m] {
    racelab::sync::atomic<int> x{"x", 0};
    racelab::sync::thread holder("holder", [&] {
      std::lock_guard<std::mutex> g(m);
      x.store(1);  // a scheduling point with m held
    });
    {
      std::lock_guard<std::mutex> g(m);
      x.store(2);
    }
    holder.join();
  });
  return 0;
}
