#include "terminal.hpp"

#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace racelab::cli {

std::string Style::wrap(const char* code, std::string_view s) const {
  if (!colour_) return std::string(s);
  return std::string("\033[") + code + "m" + std::string(s) + "\033[0m";
}

bool is_terminal(int fd) { return ::isatty(fd) == 1; }

Style style_for(int fd) {
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') return Style(false);
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::strcmp(term, "dumb") == 0) return Style(false);
  return Style(is_terminal(fd));
}

bool progress_wanted(bool json_output) {
  // A dumb terminal cannot erase a line: the meter would pile up.
  const char* term = std::getenv("TERM");
  const bool dumb = term != nullptr && std::strcmp(term, "dumb") == 0;
  return !json_output && !dumb && is_terminal(2);
}

std::string short_count(double n) {
  char buf[32];
  if (n >= 1e6) {
    std::snprintf(buf, sizeof buf, "%.1fM", n / 1e6);
  } else if (n >= 1e4) {
    std::snprintf(buf, sizeof buf, "%.0fk", n / 1e3);
  } else if (n >= 1e3) {
    std::snprintf(buf, sizeof buf, "%.1fk", n / 1e3);
  } else {
    std::snprintf(buf, sizeof buf, "%.0f", n);
  }
  return buf;
}

Progress::Progress(bool enabled, std::string label, std::string unit, std::size_t total)
    : enabled_(enabled), label_(std::move(label)), unit_(std::move(unit)), total_(total) {}

Progress::~Progress() { finish(); }

void Progress::update(std::size_t done) {
  if (!enabled_) return;
  const auto now = clock::now();
  if (drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  // A quick run never flickers a meter: the first draw waits a quarter of a second.
  if (!drawn_ && now - start_ < std::chrono::milliseconds(250)) return;
  last_draw_ = now;
  drawn_ = true;
  const double secs = std::chrono::duration<double>(now - start_).count();
  const double rate = secs > 0 ? static_cast<double>(done) / secs : 0;
  std::string line = label_ + ": " + short_count(static_cast<double>(done));
  if (total_ > 0) line += "/" + short_count(static_cast<double>(total_));
  line += " " + unit_ + " · " + short_count(rate) + "/s";
  if (total_ > 0 && rate > 0 && done < total_) {
    const double eta = static_cast<double>(total_ - done) / rate;
    char buf[32];
    std::snprintf(buf, sizeof buf, " · ETA %.0f s", eta + 0.5);
    line += buf;
  }
  std::fprintf(stderr, "\r\033[K%s", line.c_str());
  std::fflush(stderr);
}

void Progress::finish() {
  if (enabled_ && drawn_) {
    std::fprintf(stderr, "\r\033[K");
    std::fflush(stderr);
  }
  drawn_ = false;
  enabled_ = false;
}

}  // namespace racelab::cli
