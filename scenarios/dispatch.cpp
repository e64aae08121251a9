// scenarios/dispatch.cpp — picks the implementation's binding by name.
#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>

#include "racelab/internal/text.hpp"
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
  throw std::invalid_argument("unknown implementation '" + echo_input(impl) +
                              "' (expected one of: buggy, fixed, complete, exercise)");
}
}  // namespace

#ifdef RACELAB_SCENARIOS_MODEL
namespace {
// Test-only (tests/cli/e2e_nondeterminism_test.cpp): RACELAB_TEST_NONDETERMINISM makes every
// scenario's body nondeterministic, so that the tests can see `racelab check` refuse a verdict.
//   leftover-state     a static counter: every execution after the third fails (explore() sees
//                      it when it runs the first schedule again after the others)
//   first-process:DIR  the first process to run a body (it creates DIR/claimed) fails every
//                      execution, later processes pass: state outside the process, which only
//                      a replay in a fresh process can see
// Never set by racelab itself.
ModelRun with_test_nondeterminism(ModelRun run) {
  const char* how = std::getenv("RACELAB_TEST_NONDETERMINISM");
  if (how == nullptr) return run;
  const std::string mode = how;
  const std::string first_process = "first-process:";
  if (mode == "leftover-state") {
    run.body = [body = run.body] {
      static int executions = 0;
      body();
      ++executions;
      model::check(executions <= 3, "test: leftover state");
    };
  } else if (mode.rfind(first_process, 0) == 0) {
    const std::string claim = mode.substr(first_process.size()) + "/claimed";
    static const bool first =
        ::close(::open(claim.c_str(), O_CREAT | O_EXCL | O_WRONLY, 0644)) == 0;
    run.body = [body = run.body] {
      body();
      model::check(!first, "test: the first process fails");
    };
  }
  return run;
}
}  // namespace

ModelRun model_run(const Scenario& s, const std::string& impl) {
  if (impl == "buggy") return with_test_nondeterminism(buggy::model_run(s));
  if (impl == "fixed") return with_test_nondeterminism(fixed::model_run(s));
  if (impl == "complete") return with_test_nondeterminism(complete::model_run(s));
  if (impl == "exercise") return with_test_nondeterminism(exercise::model_run(s));
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
