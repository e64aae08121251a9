// The parts of a crashed or sanitized child's output that a person reads: see the header.
#include "sanitizer_excerpt.hpp"

#include <sstream>

namespace racelab::cli {

// The last `n` lines of a child's output: where a crash says what it was doing.
std::string tail_lines(const std::string& text, int n) {
  std::size_t pos = text.size();
  if (pos > 0 && text[pos - 1] == '\n') --pos;
  for (int i = 0; i < n && pos != std::string::npos && pos > 0; ++i) {
    pos = text.rfind('\n', pos - 1);
  }
  return pos == std::string::npos || pos == 0 ? text : text.substr(pos + 1);
}

std::string head_lines(const std::string& text, int n) {
  std::size_t pos = 0;
  for (int i = 0; i < n; ++i) {
    pos = text.find('\n', pos);
    if (pos == std::string::npos) return text;
    ++pos;
  }
  return text.substr(0, pos) + "…\n";
}

// "std::_Hashtable<...>::find(...) const" → "std::_Hashtable::find": a frame's function without
// template arguments and parameters, which in the standard library run to hundreds of characters.
std::string bare_function(std::string f) {
  // operator() is a name, not a parameter list: keep it through the stripping below.
  for (auto p = f.find("operator()"); p != std::string::npos; p = f.find("operator()", p)) {
    f.replace(p, 10, "operator\x01");
  }
  std::string out;
  int angle = 0, paren = 0;
  for (char c : f) {
    if (c == '<') ++angle;
    if (c == '(') ++paren;
    if (angle == 0 && paren == 0) out += c;
    if (c == '>' && angle > 0) --angle;
    if (c == ')' && paren > 0) --paren;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.size() >= 6 && out.compare(out.size() - 6, 6, " const") == 0) out.resize(out.size() - 6);
  const auto space = out.rfind(' ');  // a return type in front ("decltype void f")
  if (space != std::string::npos) out = out.substr(space + 1);
  for (auto p = out.find('\x01'); p != std::string::npos; p = out.find('\x01', p)) {
    out.replace(p, 1, "()");
  }
  return out;
}

// "/work/main/buggy/registry.cpp:17:50" → "buggy/registry.cpp:17".
std::string short_location(const std::string& loc) {
  std::string path = loc;
  if (const auto col = path.rfind(':'); col != std::string::npos) {
    const auto line = path.rfind(':', col - 1);
    if (line != std::string::npos) path = path.substr(0, col);
  }
  const auto last = path.rfind('/');
  if (last == std::string::npos || last == 0) return path;
  const auto before = path.rfind('/', last - 1);
  return before == std::string::npos ? path : path.substr(before + 1);
}

// A sanitizer report as a person reads it: its headline and access lines, and in each stack only
// the frames in racelab's own code (not the standard library), short.
std::string condensed_report(const std::string& text, int max_frames_per_stack) {
  std::istringstream in(text);
  std::string line, out;
  int frames = 0;
  while (std::getline(in, line)) {
    const auto start = line.find_first_not_of(' ');
    if (start == std::string::npos) continue;
    if (line[start] != '#') {
      frames = 0;
      out += line + '\n';
      continue;
    }
    // "#4 FUNCTION /path/file.cpp:17:50 (module+0x1e4fd1) (BuildId: ...)"
    const auto func_start = line.find(' ', start);
    auto module = line.find(" (", func_start);
    while (module != std::string::npos && line.compare(module + 2, 1, "/") == 0) {
      module = line.find(" (", module + 2);  // a "(" inside the function's own text
    }
    const std::string body = line.substr(
        func_start + 1, module == std::string::npos ? std::string::npos : module - func_start - 1);
    const auto file_at = body.rfind(' ');
    if (file_at == std::string::npos) continue;
    const std::string file = body.substr(file_at + 1);
    if (file.rfind("/usr/", 0) == 0 || file.find(':') == std::string::npos) continue;
    if (++frames > max_frames_per_stack) continue;
    out += std::string(start + 2, ' ') + bare_function(body.substr(0, file_at)) + "  " +
           short_location(file) + '\n';
  }
  return out;
}

}  // namespace racelab::cli
