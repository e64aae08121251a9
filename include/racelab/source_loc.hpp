// racelab/source_loc.hpp — where a facade operation was called from.
//
// std::source_location would do, but clang 14 on libstdc++ 12 lacks the builtin it needs, so the
// facade takes this instead: the same default-argument trick, with builtins both compilers have.
#pragma once

namespace racelab {

struct source_loc {
  const char* file = "";
  int line = 0;

  // Captures the caller's file and line when used as a default argument.
  static constexpr source_loc current(const char* file = __builtin_FILE(),
                                      int line = __builtin_LINE()) noexcept {
    return source_loc{file, line};
  }

  // The same file and line. The names are compared as text when their pointers differ: one
  // header's name is a separate literal in each translation unit that includes it.
  constexpr bool same_place(source_loc o) const noexcept {
    return line == o.line && (file == o.file || __builtin_strcmp(file, o.file) == 0);
  }

  // The file name without its directories up to the implementation folder ("buggy/registry.cpp").
  const char* short_file() const noexcept;
};

}  // namespace racelab
