// course/02-lazy-init/config_cache.hpp — YOUR CODE for exercise 02 (course/02-lazy-init).
//
// Loading the configuration is slow (a file, a network call), so it is loaded on first use and
// kept. Several threads call get() at once: the configuration must be loaded exactly once, and
// every caller must get the same object. ConfigLoader (racelab's, not yours) counts the loads.
//
//   grade it:  racelab grade 02-lazy-init
//   reset it:  git checkout -- course/02-lazy-init
#pragma once

#include "racelab/course/config_loader.hpp"
#include "racelab/impl_namespace.hpp"

namespace RACELAB_IMPL_NAMESPACE {

using course::Config;
using course::ConfigLoader;

class ConfigCache {
 public:
  explicit ConfigCache(ConfigLoader& loader) : loader_(loader) {}

  const Config* get() {
    if (config_ == nullptr) config_ = loader_.load();
    return config_;
  }

 private:
  ConfigLoader& loader_;
  sync::var<const Config*> config_{"config", nullptr};
};

}  // namespace RACELAB_IMPL_NAMESPACE
