// tests/model/model_test_main.hpp — running run_model_test (racelab/model/model_test.hpp) as a
// user's model test binary "./mine" would run, for the ModelTestMain tests (split by subject:
// model_test_main_test.cpp, model_test_limits_test.cpp, model_test_reductions_test.cpp).
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "programs.hpp"
#include "racelab/model/model_test.hpp"

namespace racelab::model::testing {

struct Exit {
  int code;
  std::string out, err;
};

inline Exit run(std::vector<std::string> args, const Body& body) {
  args.insert(args.begin(), "./mine");
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  ::testing::internal::CaptureStdout();
  ::testing::internal::CaptureStderr();
  const int code = run_model_test(static_cast<int>(argv.size()), argv.data(), body);
  Exit r{code, ::testing::internal::GetCapturedStdout(), ::testing::internal::GetCapturedStderr()};
  return r;
}

// The arguments after "replay: ./mine" on the last line that starts with it.
inline std::vector<std::string> replay_args(const std::string& out) {
  const std::string head = "replay: ./mine ";
  const auto at = out.rfind(head);
  if (at == std::string::npos) return {};
  std::vector<std::string> args;
  std::string rest = out.substr(at + head.size(), out.find('\n', at) - at - head.size());
  for (std::size_t start = 0; start <= rest.size();) {
    const auto space = rest.find(' ', start);
    args.push_back(rest.substr(start, space - start));
    if (space == std::string::npos) break;
    start = space + 1;
  }
  return args;
}

}  // namespace racelab::model::testing
