#include "play_source.hpp"

#include <fstream>

// The build defines it for this file (src/cli/CMakeLists.txt); a build that does not (the fuzz
// target) shows file:line alone.
#ifndef RACELAB_SOURCE_TREE
#define RACELAB_SOURCE_TREE ""
#endif

namespace racelab::cli {

SourcePanel::SourcePanel(std::vector<std::string> folders) : folders_(std::move(folders)) {
  folders_.push_back("");
  folders_.push_back("src");
}

const char* SourcePanel::source_tree() { return RACELAB_SOURCE_TREE; }

const std::vector<std::string>* SourcePanel::lines_of(const std::string& file) {
  auto [it, inserted] = cache_.try_emplace(file);
  if (inserted && source_tree()[0] != '\0' && file.find("..") == std::string::npos) {
    for (const std::string& folder : folders_) {
      std::ifstream in(std::string(source_tree()) + "/" + (folder.empty() ? "" : folder + "/") +
                       file);
      if (!in) continue;
      for (std::string line; std::getline(in, line);) it->second.push_back(line);
      break;
    }
  }
  return it->second.empty() ? nullptr : &it->second;
}

std::string SourcePanel::line_text(const std::string& file, int line) {
  if (file.empty() || line <= 0) return "";
  const auto* lines = lines_of(file);
  if (lines == nullptr || static_cast<std::size_t>(line) > lines->size()) return "";
  const std::string& text = (*lines)[static_cast<std::size_t>(line - 1)];
  const auto first = text.find_first_not_of(" \t");
  return first == std::string::npos ? "" : text.substr(first);
}

}  // namespace racelab::cli
