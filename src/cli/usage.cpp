#include "usage.hpp"

#include <charconv>

namespace racelab::cli {

std::uint64_t parse_number(std::string_view flag, std::string_view text, std::uint64_t min,
                           std::uint64_t max) {
  const std::string accepted =
      "a whole number from " + std::to_string(min) + " to " + std::to_string(max);
  std::uint64_t value = 0;
  const char* first = text.data();
  const char* last = text.data() + text.size();
  // from_chars accepts neither a sign nor spaces, which is what we want: "-1" must not wrap.
  const auto [end, ec] = std::from_chars(first, last, value);
  if (text.empty() || ec != std::errc{} || end != last) {
    throw UsageError(std::string(flag) + " expects " + accepted + ", got '" + std::string(text) +
                     "'");
  }
  if (value < min || value > max) {
    throw UsageError(std::string(flag) + " " + std::string(text) + " is out of range (accepted: " +
                     std::to_string(min) + ".." + std::to_string(max) + ")");
  }
  return value;
}

std::string one_of(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += (i + 1 == names.size()) ? " or " : ", ";
    out += names[i];
  }
  return out;
}

}  // namespace racelab::cli
