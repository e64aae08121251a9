// racelab_model_speed — schedules per second on a seed-like program, tracing off.
//
// The program has the seed's shape at the target size (5 threads, ~20 steps): MainThread starts
// a request; the request checks and inserts a user, then starts 3 workers; each worker reads the
// proxy pool, finds the user and erases it. `buggy` does it unlocked (races, KeyErrors), `fixed`
// under one lock. Usage: racelab_model_speed [dfs|random] [buggy|fixed] [schedules]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>
#include <memory>
#include <string>

#include "racelab/model/explore.hpp"
#include "racelab/python_errors.hpp"
#include "racelab/sync.hpp"

namespace {

using namespace racelab;

struct Registry {
  sync::shared<std::map<std::string, int>> users{"QUEUE_USER"};
  sync::mutex lock{"QUEUE_USER_LOCK"};
};

model::Body seed_like(bool locked) {
  return [locked] {
    auto reg = std::make_shared<Registry>();
    sync::thread request("request", [reg, locked] {
      auto check_and_insert = [&] {
        const bool known = reg->users.read(
            "check user", [](const auto& m) { return m.count("GCCDianaramirez") > 0; });
        if (!known) reg->users.write("insert", [](auto& m) { m["GCCDianaramirez"] = 1; });
      };
      if (locked) {
        sync::lock_guard g(reg->lock);
        check_and_insert();
      } else {
        check_and_insert();
      }
      for (int i = 0; i < 3; ++i) {
        sync::thread("worker", [reg, locked] {
          sync::this_thread::yield("read proxy pool");
          if (locked) {
            sync::lock_guard g(reg->lock);
            reg->users.write("pop user", [](auto& m) { m.erase("GCCDianaramirez"); });
            return;
          }
          const bool present = reg->users.read(
              "find user", [](const auto& m) { return m.count("GCCDianaramirez") > 0; });
          if (!present) throw KeyError("GCCDianaramirez");
          reg->users.write("erase user", [](auto& m) { m.erase("GCCDianaramirez"); });
        });
      }
    });
    request.join();
  };
}

}  // namespace

int main(int argc, char** argv) {
  const std::string strategy = argc > 1 ? argv[1] : "dfs";
  const bool locked = argc > 2 && std::string(argv[2]) == "fixed";
  const std::size_t count = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 200000;
  model::Options opts;
  opts.strategy = strategy == "random" ? model::Strategy::random : model::Strategy::dfs;
  opts.max_schedules = count;
  opts.stop_on_first_violation = false;
  opts.shrink = false;
  // CPU time as well as wall time: on a shared machine the wall clock measures the neighbours.
  const std::clock_t c0 = std::clock();
  const auto t0 = std::chrono::steady_clock::now();
  const model::Report r = model::explore(opts, seed_like(locked));
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const double cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
  std::printf(
      "%s %s: %zu schedules (%s), %zu failing; wall %.0f ms = %.0f schedules/s; "
      "cpu %.0f ms = %.0f schedules/s\n",
      strategy.c_str(), locked ? "fixed" : "buggy", r.schedules, r.complete ? "complete" : "cut",
      r.failing_schedules, wall * 1000, r.schedules / wall, cpu * 1000, r.schedules / cpu);
  if (r.failure) std::printf("first failure: %s\n", r.failure->schedule.c_str());
  return 0;
}
