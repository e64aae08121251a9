#include "markdown_outline.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace racelab::docs {
namespace {

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.rfind(prefix, 0) == 0;
}

// "  cmd --x   # comment" → "  cmd --x"; "# comment" → "" (dropped by the caller). A `#` inside
// quotes or right after a non-space (e.g. "a#b", "$#") is not a comment, as in the shell.
std::string without_shell_comment(const std::string& line) {
  char quote = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) {
      std::string kept = line.substr(0, i);
      while (!kept.empty() && (kept.back() == ' ' || kept.back() == '\t')) kept.pop_back();
      return kept;
    }
  }
  return line;
}

std::string heading_key(const std::string& line) {
  const auto level = line.find_first_not_of('#');
  std::string key = std::to_string(level);
  std::istringstream words(line.substr(level));
  std::string first;
  words >> first;
  const bool numbered = !first.empty() && std::isdigit(static_cast<unsigned char>(first[0])) != 0;
  if (numbered) key += " " + first;
  return key;
}

void collect_inline_commands(const std::string& line, std::vector<std::string>& out) {
  static const char* const kCommands[] = {"racelab ", "cmake ", "bash ", "ctest ",
                                          "diff ",    "git ",   "build/"};
  std::size_t open = line.find('`');
  while (open != std::string::npos) {
    const std::size_t close = line.find('`', open + 1);
    if (close == std::string::npos) break;
    const std::string span = line.substr(open + 1, close - open - 1);
    for (const char* command : kCommands) {
      if (starts_with(span, command)) {
        out.push_back(span);
        break;
      }
    }
    open = line.find('`', close + 1);
  }
}

}  // namespace

MarkdownOutline outline_of(const std::string& markdown) {
  MarkdownOutline outline;
  std::istringstream in(markdown);
  std::string line;
  bool in_block = false;
  bool shell = false;
  std::string block;
  while (std::getline(in, line)) {
    if (starts_with(line, "```")) {
      if (!in_block) {
        const std::string info = line.substr(3);
        shell = info == "sh" || info == "bash" || info == "shell";
        block.clear();
      } else {
        outline.blocks.push_back(block);
      }
      in_block = !in_block;
      continue;
    }
    if (in_block) {
      const std::string kept = shell ? without_shell_comment(line) : line;
      if (!(shell && kept.empty() && !line.empty())) block += kept + "\n";
      continue;
    }
    if (starts_with(line, "#")) {
      outline.headings.push_back(heading_key(line));
      continue;
    }
    collect_inline_commands(line, outline.inline_commands);
  }
  std::sort(outline.inline_commands.begin(), outline.inline_commands.end());
  return outline;
}

}  // namespace racelab::docs
