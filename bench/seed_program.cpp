// bench/seed_program.cpp — see seed_program.hpp.
#include "seed_program.hpp"

#ifdef RACELAB_BENCH_SCENARIOS
#include "racelab/scenarios/catalogue.hpp"
#else
#include <memory>
#include <unordered_map>
#include <vector>

#include "racelab/python_errors.hpp"
#include "racelab/sync.hpp"
#endif

namespace racelab::bench {

#ifdef RACELAB_BENCH_SCENARIOS

SeedProgram seed_program(const std::string& impl, int workers) {
  scenarios::Scenario s = *scenarios::find_scenario("no-proxies");
  s.workers_per_user = workers;
  scenarios::ModelRun run = scenarios::model_run(s, impl);
  return {std::move(run.body), std::move(run.end_check)};
}

const char* seed_program_source() { return "scenario no-proxies (racelab::scenarios_model)"; }

#else

namespace {
using Map = std::unordered_map<std::string, int>;
constexpr const char* kUser = "GCCDianaramirez";
struct Registry {
  sync::shared<Map> queue_user{"QUEUE_USER", Map{{kUser, 1}}};
  sync::mutex lock{"QUEUE_USER_LOCK"};
};
}  // namespace

SeedProgram seed_program(const std::string& impl, int workers) {
  const bool fixed = impl != "buggy";
  return {[fixed, workers] {
            auto r = std::make_shared<Registry>();
            std::vector<sync::thread> threads;
            for (int i = 0; i < workers; ++i) {
              threads.emplace_back("worker", [r, fixed] {
                sync::this_thread::yield("read proxy pool");
                if (fixed) {
                  sync::lock_guard g(r->lock);
                  r->queue_user.write("pop", [](Map& m) { m.erase(kUser); });
                  return;
                }
                if (!r->queue_user.read("find", [](const Map& m) { return m.count(kUser) > 0; }))
                  throw KeyError(kUser);
                r->queue_user.write("erase", [](Map& m) { m.erase(kUser); });
              });
            }
            for (auto& t : threads) t.join();
          },
          {}};
}

const char* seed_program_source() { return "bench/seed_program.cpp (stand-in for no-proxies)"; }

#endif

}  // namespace racelab::bench
