// tests/course/solutions/02-lazy-init/config_cache.hpp — a reference solution of exercise 02.
// Not the student's file (course/02-lazy-init/config_cache.hpp).
//
// call_once runs the load exactly once; every other caller waits until it has finished, and the
// load's writes happen-before their return. A lock around the whole check-and-load is the other
// correct answer; "double-checked locking" with a plain (non-atomic) pointer is not.
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
    sync::call_once(loaded_, [this] { config_ = loader_.load(); });
    return config_;
  }

 private:
  ConfigLoader& loader_;
  sync::once_flag loaded_;
  sync::var<const Config*> config_{"config", nullptr};
};

}  // namespace RACELAB_IMPL_NAMESPACE
