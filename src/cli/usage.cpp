#include "usage.hpp"

#include <poll.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <sstream>

namespace racelab::cli {

namespace {

// stdout is a pipe (or a socket) whose reader is gone. A write there failed with EPIPE, but
// maybe in an earlier flush whose errno is lost; poll() still says so: POLLERR on a pipe without
// a reader, POLLHUP on a socket whose peer hung up.
bool reader_gone() {
  struct stat st {};
  if (::fstat(1, &st) != 0 || !(S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode))) return false;
  pollfd out{1, 0, 0};
  return ::poll(&out, 1, 0) == 1 && (out.revents & (POLLERR | POLLHUP)) != 0;
}

}  // namespace

int finish_output(int code) {
  errno = 0;
  std::cout.flush();  // synced with stdio: this is stdout's fflush
  const bool flushed = static_cast<bool>(std::cout) && std::fflush(stdout) == 0;
  const int why = errno;
  if (flushed && std::ferror(stdout) == 0) return code;
  // The reader stopped reading (`racelab list | head -1`): what it wanted, it got.
  if (why == EPIPE || reader_gone()) return kExitBrokenPipe;
  // With no errno, the failing write was an earlier flush, whose errno is gone by now.
  std::fprintf(stderr, "racelab: error: the output could not be written to standard output (%s)\n",
               why != 0 ? std::strerror(why) : "a full disk or a closed pipe?");
  return kExitInternal;
}

std::string one_of(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += (i + 1 == names.size()) ? " or " : ", ";
    out += names[i];
  }
  return out;
}

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

std::string indent(const std::string& text, const std::string& prefix) {
  std::istringstream in(text);
  std::string line, out;
  while (std::getline(in, line)) out += prefix + line + '\n';
  return out;
}

}  // namespace racelab::cli
