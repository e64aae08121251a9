// racelab/sync/model/value_text.hpp — what a step read, as a timeline shows it.
#pragma once

#include <string>
#include <type_traits>

namespace racelab::sync::inline model::detail {

// Bools, numbers, enums (their underlying value) and strings; other types say nothing.
template <class R>
std::string value_text(const R& r) {
  if constexpr (std::is_same_v<R, bool>) {
    return r ? "true" : "false";
  } else if constexpr (std::is_integral_v<R>) {
    return std::to_string(r);
  } else if constexpr (std::is_enum_v<R>) {
    return std::to_string(static_cast<std::underlying_type_t<R>>(r));
  } else if constexpr (std::is_convertible_v<const R&, std::string>) {
    return std::string(r);
  } else {
    return {};
  }
}

}  // namespace racelab::sync::inline model::detail
