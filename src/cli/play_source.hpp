// src/cli/play_source.hpp — play's source panel: the line of code each thread runs next.
//
// A step knows its file as the last two components of the path it was compiled from
// ("buggy/registry.cpp", "01-lost-update/page_counter.hpp") and its line. The panel looks the
// file up under a few folders of the source tree the binary was built from (its path is compiled
// in), reads it once and shows the line's text. When the tree is gone (an installed binary, a
// moved checkout) it shows file:line alone: never an error, never a guess.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace racelab::cli {

class SourcePanel {
 public:
  // `folders`: where to look first, relative to the source tree ("tests/course/start"); the
  // tree's top and src/ are always searched after them.
  explicit SourcePanel(std::vector<std::string> folders = {});

  // The text of `file`'s line `line`, without its indentation; "" when unknown.
  std::string line_text(const std::string& file, int line);

  // The source tree compiled into this binary ("" when none was).
  static const char* source_tree();

 private:
  const std::vector<std::string>* lines_of(const std::string& file);

  std::vector<std::string> folders_;
  std::map<std::string, std::vector<std::string>> cache_;  // file -> lines; empty: not found
};

}  // namespace racelab::cli
