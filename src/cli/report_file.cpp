#include "report_file.hpp"

#include <cstdio>

#include "racelab/internal/text.hpp"
#include "usage.hpp"

namespace racelab::cli {

ReportFile::ReportFile(const std::string& path) : path_(path) {
  if (path_.empty()) return;
  out_.open(path_, std::ios::binary | std::ios::trunc);
  if (!out_) {
    throw UsageError("cannot write '" + echo_input(path_) + "' (accepted: a writable file path)");
  }
}

bool ReportFile::write(const std::function<std::string()>& text) {
  if (path_.empty()) return true;
  out_ << text();
  out_.close();
  if (out_) return true;
  std::fprintf(stderr, "racelab: error: the report could not be written to '%s'\n",
               echo_input(path_).c_str());
  return false;
}

}  // namespace racelab::cli
