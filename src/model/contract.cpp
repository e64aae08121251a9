#include "model/contract.hpp"

#include <cstdio>
#include <cstdlib>

namespace racelab::model::detail {

void contract_failure(const std::string& what) {
  std::fflush(stdout);  // what the test printed before stays in front of the reason it ended
  std::fprintf(stderr, "racelab::model: no verdict: %s\n", what.c_str());
  std::fflush(stderr);
  std::_Exit(3);
}

void internal_failure(const std::string& what) {
  std::fflush(stdout);
  std::fprintf(stderr, "racelab::model: internal error (please report it): %s\n", what.c_str());
  std::fflush(stderr);
  std::abort();
}

}  // namespace racelab::model::detail
