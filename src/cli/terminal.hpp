// src/cli/terminal.hpp — colours and progress, only where a person is watching.
//
// Colour goes to a stream only when it is a terminal, TERM is not "dumb" and NO_COLOR is unset
// or empty (no-color.org). Progress goes to stderr only when stderr is a terminal and the output
// is not machine-readable (--json): a pipe or a CI log never sees a carriage return.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>

namespace racelab::cli {

// Wraps text in ANSI colours, or leaves it alone when colour is off.
class Style {
 public:
  explicit Style(bool colour = false) : colour_(colour) {}
  bool colour() const { return colour_; }

  std::string bad(std::string_view s) const { return wrap("31", s); }     // red: ✗ violations
  std::string good(std::string_view s) const { return wrap("32", s); }    // green: ✓ safe
  std::string warn(std::string_view s) const { return wrap("33", s); }    // yellow: caveats
  std::string bold(std::string_view s) const { return wrap("1", s); }     // headings
  std::string dim(std::string_view s) const { return wrap("2", s); }      // file:line, hints
  std::string accent(std::string_view s) const { return wrap("36", s); }  // commands to run

 private:
  std::string wrap(const char* code, std::string_view s) const;
  bool colour_;
};

// True when fd is a terminal.
bool is_terminal(int fd);
// The style for what is written to fd (1: stdout, 2: stderr), by the rules above.
Style style_for(int fd);

// A one-line progress meter on stderr: "<label>: 1,234 schedules · 5.6k/s · ETA 3 s".
// Does nothing when disabled. Redraws at most 10 times a second; the line is erased by finish()
// (or the destructor) so the report that follows starts on a clean line.
class Progress {
 public:
  // total: the number of units expected, or 0 when unknown (no ETA then).
  Progress(bool enabled, std::string label, std::string unit, std::size_t total = 0);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void update(std::size_t done);
  void finish();

 private:
  using clock = std::chrono::steady_clock;
  bool enabled_;
  std::string label_;
  std::string unit_;
  std::size_t total_;
  clock::time_point start_ = clock::now();
  clock::time_point last_draw_{};
  bool drawn_ = false;
};

// Whether progress should be drawn: stderr is a terminal that can erase a line (TERM is not
// "dumb") and the output is for a person.
bool progress_wanted(bool json_output);

// "1.2k", "34" — a count short enough for a progress line.
std::string short_count(double n);

}  // namespace racelab::cli
