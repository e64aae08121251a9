// racelab/sync/model/value_text.hpp — what a step read, as a timeline shows it.
#pragma once

#include <string>
#include <type_traits>

namespace racelab::sync::inline model::detail {

// Bools, numbers, enums (their underlying value) and strings; a pointer says only whether it is
// null; other types say nothing. Not an address: it differs from run to run, which the
// determinism guard would take for a body that is not deterministic. Not the text a char pointer
// points at either: it need not be a string (nullptr, a buffer without its '\0'; new-user trial
// 8: an atomic<const char*> holding nullptr ended with exit 3).
template <class R>
std::string value_text(const R& r) {
  if constexpr (std::is_pointer_v<R> || std::is_null_pointer_v<R>) {
    return r == nullptr ? "nullptr" : "non-null";
  } else if constexpr (std::is_same_v<R, bool>) {
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
