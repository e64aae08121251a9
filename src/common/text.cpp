// racelab/internal/text.hpp: UTF-8 width, padding, ellipsis, wrapping, and a few formats.
#include "racelab/internal/text.hpp"

#include <cstdio>

namespace racelab {

namespace {
bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }
}  // namespace

std::size_t display_width(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) {
    if (!is_continuation(c)) ++n;
  }
  return n;
}

std::string pad_right(std::string_view s, std::size_t width) {
  std::string out(s);
  const std::size_t w = display_width(s);
  if (w < width) out.append(width - w, ' ');
  return out;
}

std::string ellipsize(std::string_view s, std::size_t width) {
  if (display_width(s) <= width) return std::string(s);
  if (width == 0) return {};
  std::string out;
  std::size_t cols = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!is_continuation(s[i])) {
      if (cols + 1 == width) break;  // keep the last column for the ellipsis
      ++cols;
    }
    out += s[i];
  }
  return out + "…";
}

std::vector<std::string> wrap(std::string_view text, std::size_t width) {
  std::vector<std::string> lines(1);
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(start, end - start);
    auto& line = lines.back();
    if (!line.empty() && display_width(line) + 1 + display_width(word) > width) {
      lines.emplace_back(word);
    } else {
      if (!line.empty()) line += ' ';
      line += word;
    }
    start = end + 1;
  }
  return lines;
}

namespace {
// The length of the well-formed UTF-8 sequence at s[i] (1..4), or 0 when the byte there starts
// none. C1 controls (U+0080..U+009F, which some terminals obey like ESC sequences) count as
// malformed here, so they are escaped too.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  const std::size_t n = b < 0x80           ? 1
                        : (b >> 5) == 0x6  ? 2
                        : (b >> 4) == 0xE  ? 3
                        : (b >> 3) == 0x1E ? 4
                                           : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if (!is_continuation(s[i + k])) return 0;
  }
  if (b == 0xC2 && static_cast<unsigned char>(s[i + 1]) < 0xA0) return 0;
  return n;
}

// Escapes control bytes and malformed UTF-8 (and a backslash, when `backslash`); stops once the
// text is wider than `max_width` columns (the caller cuts).
std::string escaped(std::string_view s, std::size_t max_width, bool backslash) {
  std::string out;
  std::size_t cols = 0;
  for (std::size_t i = 0; i < s.size() && cols <= max_width;) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = utf8_length(s, i);
    std::string piece;
    switch (c) {
      case '\n': piece = "\\n"; break;
      case '\r': piece = "\\r"; break;
      case '\t': piece = "\\t"; break;
      case 0x1b: piece = "\\e"; break;
      case '\\': piece = backslash ? "\\\\" : ""; break;
      default:
        if (c < 0x20 || c == 0x7f || n == 0) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02x", c);
          piece = buf;
        }
    }
    if (piece.empty()) {
      out.append(s.substr(i, n));
      cols += 1;
      i += n;
    } else {
      out += piece;
      cols += piece.size();
      i += 1;
    }
  }
  return out;
}

std::string bounded(std::string_view s, std::size_t max_width, bool backslash) {
  std::string out = escaped(s, max_width + 1, backslash);
  if (display_width(out) <= max_width) return out;
  const std::string note = "… (" + std::to_string(s.size()) + " bytes)";
  const std::size_t room = max_width > display_width(note) ? max_width - display_width(note) : 1;
  std::string cut = ellipsize(out, room + 1);  // ellipsize's own "…" is replaced by the note
  cut.resize(cut.size() - std::string("…").size());
  // ellipsize() cuts between code points; never end inside an escape either ("\x1" of "\x1b").
  const auto slash = cut.rfind('\\');
  if (slash != std::string::npos && cut.size() - slash < 4) {
    std::size_t run = 0;  // an escaped backslash "\\" is complete: count the run of backslashes
    for (std::size_t i = slash + 1; i-- > 0 && cut[i] == '\\';) ++run;
    if (run % 2 == 1) cut.resize(slash);
  }
  return cut + note;
}
}  // namespace

std::string echo_input(std::string_view s, std::size_t max_width) {
  return bounded(s, max_width, true);
}

// A message's backslashes are its own escapes (an echo_input inside it): kept as they are.
std::string one_line(std::string_view message, std::size_t max_width) {
  return bounded(message, max_width, false);
}

std::pair<std::string, std::string> split_thread_name(std::string_view full) {
  const auto open = full.find(" (");
  if (open == std::string_view::npos || full.back() != ')') return {std::string(full), {}};
  return {std::string(full.substr(0, open)),
          std::string(full.substr(open + 2, full.size() - open - 3))};
}

std::string source_of(const std::string& file, int line) {
  if (file.empty()) return {};
  return line > 0 ? file + ":" + std::to_string(line) : file;
}

std::string format_ms(double ms) {
  char buf[32];
  if (ms >= 1000) {
    std::snprintf(buf, sizeof buf, "%.2f s", ms / 1000);
  } else if (ms >= 10) {
    std::snprintf(buf, sizeof buf, "%.0f ms", ms);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f ms", ms);
  }
  return buf;
}

std::string thread_number_name(int id) {
  return id == 0 ? std::string("MainThread") : "Thread-" + std::to_string(id);
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  std::string out = std::to_string(n) + " ";
  if (n == 1) return out.append(one);
  if (!many.empty()) return out.append(many);
  return out.append(one).append("s");
}

}  // namespace racelab
