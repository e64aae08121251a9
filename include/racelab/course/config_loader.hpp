// racelab/course/config_loader.hpp — the slow loader of exercise 02 (course/02-lazy-init).
//
// racelab's bookkeeping, not the student's code: it counts how often the configuration was
// loaded and owns every Config it made (so a double load leaks nothing). No checker sees it: its
// counter is a std::atomic and its lock a std::mutex, which the model does not schedule, so it
// never orders the student's own accesses.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace racelab::course {

struct Config {
  std::string source;
  int generation = 0;  // 1 for the first load, 2 for a second one, ...
};

class ConfigLoader {
 public:
  // Loads the configuration again (each call is one more load) and returns it.
  const Config* load() {
    const int generation = loads_.fetch_add(1) + 1;
    std::lock_guard<std::mutex> guard(mu_);
    made_.push_back(std::make_unique<Config>(Config{"settings.toml", generation}));
    return made_.back().get();
  }
  int loads() const { return loads_.load(); }

 private:
  std::atomic<int> loads_{0};
  std::mutex mu_;
  std::vector<std::unique_ptr<Config>> made_;
};

}  // namespace racelab::course
