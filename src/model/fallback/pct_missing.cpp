// Built only while src/model/pct.cpp does not exist (see src/model/CMakeLists.txt).
#include <stdexcept>

#include "../strategy.hpp"

namespace racelab::model::detail {

std::unique_ptr<Strategy> make_pct(std::uint64_t /*seed*/, int /*depth*/) {
  throw std::invalid_argument("pct not built (src/model/pct.cpp is missing); use random");
}

}  // namespace racelab::model::detail
