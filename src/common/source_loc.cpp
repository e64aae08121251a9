#include "racelab/source_loc.hpp"

#include <cstring>

namespace racelab {

// Keeps the last two path components ("buggy/registry.cpp"): enough to tell buggy from fixed,
// short enough for a timeline column.
const char* source_loc::short_file() const noexcept {
  const char* last = std::strrchr(file, '/');
  if (last == nullptr) return file;
  const char* p = last;
  while (p > file && *(p - 1) != '/') --p;
  return p;
}

}  // namespace racelab
