// bench/relacy_side_dispatch.cpp — relacy_side::full_search by implementation name. Compiled
// normally: it only calls the per-folder functions that relacy_side.cpp defines under Relacy.
#include "relacy_side.hpp"

namespace racelab::bench::relacy_side {

namespace buggy {
Search full_search(Model model, int workers, std::uint64_t max_iterations);
}
namespace fixed {
Search full_search(Model model, int workers, std::uint64_t max_iterations);
}

Search full_search(std::string_view impl, Model model, int workers, std::uint64_t max_iterations) {
  if (impl == "buggy") return buggy::full_search(model, workers, max_iterations);
  if (impl == "fixed") return fixed::full_search(model, workers, max_iterations);
  Search s;
  s.result = "not compiled";
  return s;
}

}  // namespace racelab::bench::relacy_side
