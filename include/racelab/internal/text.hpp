// racelab/internal/text.hpp — text for terminals, diagrams and reports: the one module that
// measures UTF-8, pads, cuts with an ellipsis and wraps. Internal: racelab's renderers share it;
// do not depend on it from outside racelab.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace racelab {

// Columns the text takes on a terminal: UTF-8 code points, so "✗" and "→" count one each.
std::size_t display_width(std::string_view s);
// s padded with spaces to at least `width` columns.
std::string pad_right(std::string_view s, std::size_t width);
// At most `width` columns, the cut marked with "…".
std::string ellipsize(std::string_view s, std::size_t width);
// Breaks text at spaces into lines of at most `width` columns (a longer word gets its own line).
std::vector<std::string> wrap(std::string_view text, std::size_t width);

// Input echoed in a one-line message (a CLI error, an exception's what()): every byte safe on a
// terminal and on one line. Control bytes are escaped C-style ("\n", "\r", "\t", "\e" for ESC,
// "\x7f", "\x01"), a backslash is doubled, so the echo cannot break the line, move the cursor or
// clear the screen; printable text and UTF-8 pass through. Longer than `max_width` columns
// (after escaping), it is cut with "…" and the full length in bytes: a 100k-byte token echoes as
// its first ~60 columns, never 100 KB.
inline constexpr std::size_t kEchoWidth = 60;
std::string echo_input(std::string_view s, std::size_t max_width = kEchoWidth);
// The same for a whole message that may carry input (e.g. an exception's what() from below):
// control bytes escaped (backslashes kept: they are the escapes of an echo_input within), bounded at `max_width` columns (default: room for several echoes and their words).
inline constexpr std::size_t kMessageWidth = 600;
std::string one_line(std::string_view message, std::size_t max_width = kMessageWidth);

// Python's name for thread number `id` without its target: "MainThread" for 0, else "Thread-N"
// (the engine's names, the stall watchdog's and a hand-made trace's padding share it).
std::string thread_number_name(int id);
// "Thread-3 (worker)" → {"Thread-3", "worker"}; "MainThread" → {"MainThread", ""}.
std::pair<std::string, std::string> split_thread_name(std::string_view full);
// "buggy/registry.cpp:39", or "" when the step has no source.
std::string source_of(const std::string& file, int line);
// "3.1 ms", "42 ms", "1.42 s".
std::string format_ms(double ms);
// A count and its noun, singular for 1: plural(1, "schedule") is "1 schedule", plural(3,
// "schedule") "3 schedules"; `many` when the plural is not the noun and "s" (plural(2, "class",
// "classes")).
std::string plural(std::size_t n, std::string_view one, std::string_view many = {});

}  // namespace racelab
