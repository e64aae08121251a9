// racelab/model/model_test.hpp — a test of your own concurrent class under the model, as one
// CTest test: every interleaving (dpor), the first failure printed with its replay token.
//
//   // my_queue_test.cpp, registered with racelab_add_model_test(NAME my_queue SOURCES ...)
//   #include "racelab/model/model_test.hpp"
//   #include "my_queue.hpp"                 // written against racelab/sync.hpp
//   int main(int argc, char** argv) {
//     return racelab::model::run_model_test(argc, argv, [] {
//       auto q = std::make_shared<MyQueue>();
//       racelab::sync::thread a("producer", [q] { q->push(1); });
//       racelab::sync::thread b("consumer", [q] { q->pop(); });
//       a.join();
//       b.join();
//       racelab::model::check(q->empty(), "the item was lost");
//     });
//   }
//
// Exit code: 0 when no interleaving violates anything (a proof for this body), 1 with the first
// failure's timeline and token otherwise. With --expect-violation (racelab_add_model_test's
// EXPECT violation), the other way round: 0 exactly when a violation is found — a test that the
// checker still catches a known bug. --replay TOKEN runs one interleaving and prints it.
#pragma once

#include <cstdio>
#include <cstring>
#include <string>

#include "racelab/model/explore.hpp"

namespace racelab::model {

inline int run_model_test(int argc, char** argv, const Body& body, const EndCheck& end_check = {}) {
  bool expect_violation = false;
  const char* replay_token = nullptr;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--expect-violation") == 0) {
      expect_violation = true;
    } else if (std::strcmp(argv[i], "--replay") == 0 && i + 1 < argc) {
      replay_token = argv[++i];
    } else {
      std::fprintf(stderr,
                   "%s: unknown argument '%s' (accepted: --expect-violation, --replay TOKEN)\n",
                   argv[0], argv[i]);
      return 2;
    }
  }
  if (replay_token != nullptr) {
    const Execution e = replay(replay_token, body, end_check);
    std::printf("%s", render_timeline(e).c_str());
    return e.ok() ? 0 : 1;
  }
  Options options;  // dpor, exhaustive, the first failure shrunk to its fewest preemptions
  const Report report = explore(options, body, end_check);
  if (!report.failure) {
    std::printf("safe: %zu schedules%s, no violation\n", report.schedules,
                report.complete ? " (every interleaving)" : "");
    return expect_violation ? 1 : 0;
  }
  const Execution& f = *report.failure;
  for (const Violation& v : f.violations) std::printf("violation: %s\n", v.message.c_str());
  std::printf("%s", render_timeline(f).c_str());
  std::printf("replay: %s --replay %s\n", argv[0], f.schedule.c_str());
  return expect_violation ? 0 : 1;
}

}  // namespace racelab::model
