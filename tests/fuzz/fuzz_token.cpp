// libFuzzer: the replay token's parser and printer (racelab/model/schedule.hpp), and the echo of
// any byte string in a message (racelab/internal/text.hpp).
//   * parse() accepts or throws std::invalid_argument, nothing else;
//   * an accepted token prints back canonically, and the canonical form parses to the same steps;
//   * the error's what() and echo_input() of the input are one line with no control byte, bounded.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include "racelab/internal/text.hpp"
#include "racelab/model/schedule.hpp"

namespace {

void require(bool ok) {
  if (!ok) std::abort();  // libFuzzer reports the input
}

void require_safe_line(const std::string& s, std::size_t max_width) {
  for (char c : s) {
    const auto b = static_cast<unsigned char>(c);
    require(b >= 0x20 && b != 0x7f);
  }
  require(racelab::display_width(s) <= max_width);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string token(reinterpret_cast<const char*>(data), size);
  require_safe_line(racelab::echo_input(token), racelab::kEchoWidth);
  require_safe_line(racelab::one_line(token), racelab::kMessageWidth);
  try {
    const auto parsed = racelab::model::Schedule::parse(token);
    const std::string canonical = parsed.str();
    require(racelab::model::Schedule::parse(canonical).steps() == parsed.steps());
    require(racelab::model::Schedule::parse(canonical).str() == canonical);
  } catch (const std::invalid_argument& e) {
    require_safe_line(e.what(), 400);
  }
  return 0;
}
