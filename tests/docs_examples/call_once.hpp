// once_flag / call_once: check-then-act lazy initialisation and its fix.
#pragma once

#include "example.hpp"

namespace racelab::docs_examples {

// [doc:double-init]
void double_init() {
  sync::var<bool> initialised{"initialised", false};
  sync::atomic<int> connections{"connections", 0};
  auto connect_once = [&] {
    if (!initialised) {  // both threads can see false here
      connections.fetch_add(1);
      initialised = true;
    }
  };
  sync::thread a("request", connect_once);
  sync::thread b("request", connect_once);
  a.join();
  b.join();
  sync::check(connections.load() == 1, "connected once");
}
// [end:double-init]

// [doc:double-init-fixed]
void double_init_fixed() {
  sync::once_flag once;
  sync::atomic<int> connections{"connections", 0};
  auto connect_once = [&] { sync::call_once(once, [&] { connections.fetch_add(1); }); };
  sync::thread a("request", connect_once);
  sync::thread b("request", connect_once);
  a.join();
  b.join();
  sync::check(connections.load() == 1, "connected once");
}
// [end:double-init-fixed]

inline const Example call_once_examples[] = {
    {.name = "double-init",
     .body = double_init,
     .ids = {"assertion", "data-race"},
     .spurious_wakeups = 1},
    {.name = "double-init-fixed", .body = double_init_fixed, .ids = {}, .spurious_wakeups = 1},
};

}  // namespace racelab::docs_examples
