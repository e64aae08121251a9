// scenarios/dispatch.cpp — picks the implementation's binding by name.
#include <stdexcept>

#include "racelab/scenarios/catalogue.hpp"

namespace racelab::scenarios {

#define RACELAB_DECLARE_BINDINGS(impl)   \
  namespace impl {                       \
  ModelRun model_run(const Scenario& s); \
  RealRun real_run(const Scenario& s);   \
  }
RACELAB_DECLARE_BINDINGS(buggy)
RACELAB_DECLARE_BINDINGS(fixed)
RACELAB_DECLARE_BINDINGS(complete)
RACELAB_DECLARE_BINDINGS(exercise)
#undef RACELAB_DECLARE_BINDINGS

namespace {
[[noreturn]] void unknown_impl(const std::string& impl) {
  throw std::invalid_argument("unknown implementation '" + impl +
                              "' (expected one of: buggy, fixed, complete, exercise)");
}
}  // namespace

#ifdef RACELAB_SCENARIOS_MODEL
ModelRun model_run(const Scenario& s, const std::string& impl) {
  if (impl == "buggy") return buggy::model_run(s);
  if (impl == "fixed") return fixed::model_run(s);
  if (impl == "complete") return complete::model_run(s);
  if (impl == "exercise") return exercise::model_run(s);
  unknown_impl(impl);
}
#endif

#ifdef RACELAB_SCENARIOS_REAL
RealRun real_run(const Scenario& s, const std::string& impl) {
  if (impl == "buggy") return buggy::real_run(s);
  if (impl == "fixed") return fixed::real_run(s);
  if (impl == "complete") return complete::real_run(s);
  if (impl == "exercise") return exercise::real_run(s);
  unknown_impl(impl);
}
#endif

}  // namespace racelab::scenarios
