// pairs.hpp — scenario × implementation pairs as googletest parameters, with readable names
// ("NoProxiesBuggy": googletest forbids underscores).
#pragma once

#include <cctype>
#include <ostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "racelab/scenarios/catalogue.hpp"

namespace racelab::scenarios {

struct Pair {
  std::string scenario;
  std::string impl;
};

inline void PrintTo(const Pair& p, std::ostream* os) { *os << p.scenario << " --impl " << p.impl; }

inline std::vector<Pair> all_pairs(bool only_declared_safe = false) {
  std::vector<Pair> pairs;
  for (const auto& s : catalogue()) {
    for (const auto& impl : implementations()) {
      if (!only_declared_safe || s.expected.at(impl).verdict == Verdict::safe) {
        pairs.push_back({s.id, impl});
      }
    }
  }
  return pairs;
}

inline std::string pair_name(const testing::TestParamInfo<Pair>& info) {
  std::string name;
  bool upper = true;
  for (char c : info.param.scenario + "-" + info.param.impl) {
    if (c == '-') {
      upper = true;
      continue;
    }
    name += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return name;
}

}  // namespace racelab::scenarios
