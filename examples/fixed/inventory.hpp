// inventory.hpp (fixed) — the same class, the check and the act under one lock.
#pragma once

#include "racelab/sync.hpp"

class Inventory {
 public:
  explicit Inventory(int stock) : stock_("stock", stock) {}

  // Takes n items when that many are left; no other buyer runs between the check and the act.
  bool reserve(int n) {
    racelab::sync::lock_guard guard(mu_);
    const int left = stock_.read("check stock", [](const int& s) { return s; });
    if (left < n) return false;
    stock_.write("take", [&](int& s) { s = left - n; });
    return true;
  }

  int left() {
    racelab::sync::lock_guard guard(mu_);
    return stock_.read("left", [](const int& s) { return s; });
  }

 private:
  racelab::sync::mutex mu_{"inventory lock"};
  racelab::sync::shared<int> stock_;
};
