#include "model/contract.hpp"

#include <cstdio>
#include <cstdlib>

namespace racelab::model::detail {

void contract_failure(const std::string& what) {
  std::fprintf(stderr, "racelab::model: %s\n", what.c_str());
  std::fflush(stderr);
  std::abort();
}

}  // namespace racelab::model::detail
