// libFuzzer: racelab's argument handling. The input is argv (arguments separated by NUL bytes);
// app.cpp is compiled with RACELAB_CLI_PARSE_ONLY, so a command line that parses is not run. Every
// input exits 0 (parsed, or --help) or 2 with exactly one line on stderr, no control byte in it,
// and a bounded length — never a crash, an exception or CLI11's own wording.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

int racelab_cli_parse_only(int argc, char** argv);  // app.cpp under RACELAB_CLI_PARSE_ONLY

namespace {

void require(bool ok) {
  if (!ok) std::abort();
}

// racelab writes its errors with fprintf(stderr, …): `stderr` points at a memory stream while an
// input runs, read back after it. libFuzzer keeps the real stderr (it took it before
// LLVMFuzzerInitialize), so its own reports still reach the terminal.
char* g_buf = nullptr;
std::size_t g_len = 0;

void open_capture() {
  stderr = ::open_memstream(&g_buf, &g_len);
  require(stderr != nullptr);
}

std::string take_stderr() {
  std::fflush(stderr);
  std::string text(g_buf, g_len);
  std::fclose(stderr);
  std::free(g_buf);
  g_buf = nullptr;
  g_len = 0;
  open_capture();
  return text;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  open_capture();
  std::FILE* null = std::fopen("/dev/null", "w");
  ::dup2(::fileno(null), STDOUT_FILENO);  // --help and the like
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 2048) return 0;
  std::vector<std::string> args = {"racelab"};
  std::string current;
  for (std::size_t i = 0; i < size; ++i) {
    if (data[i] == 0) {
      args.push_back(current);
      current.clear();
    } else {
      current += static_cast<char>(data[i]);
    }
  }
  args.push_back(current);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const int code = racelab_cli_parse_only(static_cast<int>(args.size()), argv.data());
  const std::string err = take_stderr();
  require(code == 0 || code == 2);
  if (code == 2) {
    require(err.size() >= 2 && err.back() == '\n' && err.size() < 2000);
    require(err.rfind("racelab: error: ", 0) == 0);
    for (std::size_t i = 0; i + 1 < err.size(); ++i) {
      const auto b = static_cast<unsigned char>(err[i]);
      require(b >= 0x20 && b != 0x7f);
    }
    // CLI11's raw wording never reaches the user (unless the user typed it: it is echoed).
    const std::string input(reinterpret_cast<const char*>(data), size);
    for (const char* cli11 : {"Could not convert", "At Most", "required but received"}) {
      require(err.find(cli11) == std::string::npos || input.find(cli11) != std::string::npos);
    }
  }
  return 0;
}
