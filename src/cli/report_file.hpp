// A report file a command writes after it ran (verify's --junit/--sarif/--markdown, grade's
// --junit), opened before anything runs: a path that cannot be written is bad input (exit 2,
// nothing ran), not a failure after a long run.
#pragma once

#include <fstream>
#include <functional>
#include <string>

namespace racelab::cli {

class ReportFile {
 public:
  // An empty path: no report; write() does nothing. Throws UsageError when `path` cannot be
  // opened for writing.
  explicit ReportFile(const std::string& path);
  // False, with one line on stderr, when the text did not reach the file (a full disk).
  bool write(const std::function<std::string()>& text);

 private:
  std::string path_;
  std::ofstream out_;
};

}  // namespace racelab::cli
