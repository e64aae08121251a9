// inventory_test.cpp — two buyers want the last item: exactly one may get it, over every
// interleaving. Built once against buggy/inventory.hpp and once against fixed/ (CMakeLists.txt).
#include <array>
#include <memory>
#include <string>

#include "inventory.hpp"
#include "racelab/model/model_test.hpp"

int main(int argc, char** argv) {
  return racelab::model::run_model_test(argc, argv, [] {
    auto inventory = std::make_shared<Inventory>(1);
    auto got = std::make_shared<std::array<bool, 2>>();  // one slot per buyer: no sharing
    racelab::sync::thread a("buyer", [=] { (*got)[0] = inventory->reserve(1); });
    racelab::sync::thread b("buyer", [=] { (*got)[1] = inventory->reserve(1); });
    a.join();
    b.join();
    const int sold = int{(*got)[0]} + int{(*got)[1]};
    racelab::model::check(sold + inventory->left() == 1,
                          "oversold: " + std::to_string(sold) + " sold from a stock of 1");
  });
}
