// inventory.hpp (buggy) — stock that buyers reserve from. Written against racelab/sync.hpp, so
// the same class runs on real threads (std::) or under racelab's model (every interleaving).
#pragma once

#include "racelab/sync.hpp"

class Inventory {
 public:
  explicit Inventory(int stock) : stock_("stock", stock) {}

  // Takes n items when that many are left. Check, then act — with nothing in between holding
  // another buyer back: two buyers can both see the last item.
  bool reserve(int n) {
    const int left = stock_.read("check stock", [](const int& s) { return s; });
    if (left < n) return false;
    stock_.write("take", [&](int& s) { s = left - n; });
    return true;
  }

  int left() {
    return stock_.read("left", [](const int& s) { return s; });
  }

 private:
  racelab::sync::shared<int> stock_;
};
