// Built only while src/model/dpor.cpp does not exist (see src/model/CMakeLists.txt): the engine
// links, and asking for DPOR says why it cannot run.
#include <stdexcept>

#include "../strategy.hpp"

namespace racelab::model::detail {

std::unique_ptr<Strategy> make_dpor(std::optional<int> /*preemption_bound*/) {
  throw std::invalid_argument("dpor not built (src/model/dpor.cpp is missing); use dfs");
}

}  // namespace racelab::model::detail
