// markdown_outline.hpp — what must not differ between a doc page and its translation, read from
// the Markdown: the section numbering, the fenced blocks (commands and shown output) and the
// commands quoted inline. Prose is free; these are not.
#pragma once

#include <string>
#include <vector>

namespace racelab::docs {

struct MarkdownOutline {
  // One entry per heading, in order: its level and its leading number ("## 4. Fix" → "2 4."),
  // or just the level when the heading has no number.
  std::vector<std::string> headings;
  // Every fenced block's text, in order. In shell blocks (```sh, ```bash) comments are dropped
  // — a whole-line `# ...` and a trailing `  # ...` — since they are prose and get translated.
  std::vector<std::string> blocks;
  // Inline code spans that are commands (start with racelab, cmake, bash, ctest, diff, git or
  // build/), sorted: a translation may reorder a sentence, not change a command.
  std::vector<std::string> inline_commands;
};

MarkdownOutline outline_of(const std::string& markdown);

}  // namespace racelab::docs
