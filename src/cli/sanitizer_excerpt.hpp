// src/cli/sanitizer_excerpt.hpp — what `racelab stress` shows of a trial's own output: a
// ThreadSanitizer/AddressSanitizer report condensed to what a person reads, and the head or tail
// of a crashed child's output. Pure string functions (tests/cli/sanitizer_excerpt_test.cpp).
#pragma once

#include <string>

namespace racelab::cli {

// The last `n` lines of a child's output: where a crash says what it was doing.
std::string tail_lines(const std::string& text, int n);

// The first `n` lines, and "…" on a line of its own when there were more.
std::string head_lines(const std::string& text, int n);

// "std::_Hashtable<...>::find(...) const" → "std::_Hashtable::find": a frame's function without
// template arguments, parameters, qualifiers or return type; operator() stays whole.
std::string bare_function(std::string f);

// "/work/main/buggy/registry.cpp:17:50" → "buggy/registry.cpp:17": the last folder, the file and
// the line, without the column.
std::string short_location(const std::string& loc);

// A sanitizer report as a person reads it: its headline and access lines, and in each stack only
// the first `max_frames_per_stack` frames in racelab's own code (none under /usr/), each as
// "bare_function  short_location".
std::string condensed_report(const std::string& text, int max_frames_per_stack = 3);

}  // namespace racelab::cli
