// Same seed, same schedules, same traces — in this process and in two others.
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "determinism.hpp"
#include "programs.hpp"

extern char** environ;

namespace racelab::model::testing {

std::string determinism_sample() {
  Options opts;
  opts.strategy = Strategy::random;
  opts.seed = 2024;
  opts.max_schedules = 25;
  opts.stop_on_first_violation = false;
  opts.record_traces = true;
  std::string out;
  opts.on_execution = [&](const Execution& e) { out += render_timeline(e) + "\n"; };
  explore(opts, lost_update_counter(CounterLocking::none));
  // Plus a DFS over a program with idle workers, unwinding included.
  Options dfs;
  dfs.strategy = Strategy::dfs;
  dfs.record_traces = true;
  dfs.max_schedules = 25;
  dfs.on_execution = opts.on_execution;
  explore(dfs, idle_workers(2, 2));
  return out;
}

namespace {

// Runs this test binary as a child that writes determinism_sample() to `path`.
void run_child(const std::string& path) {
  char exe[4096];
  const ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  ASSERT_GT(n, 0);
  exe[n] = '\0';
  std::vector<std::string> env_strings;
  for (char** e = environ; *e != nullptr; ++e) env_strings.emplace_back(*e);
  env_strings.push_back(std::string(kDeterminismChildEnv) + "=" + path);
  std::vector<char*> envp;
  for (auto& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  char* argv[] = {exe, nullptr};
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, exe, nullptr, nullptr, argv, envp.data()), 0);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "child status " << status;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(Determinism, SameSeedSameTracesInOneProcess) {
  EXPECT_EQ(determinism_sample(), determinism_sample());
}

TEST(Determinism, SameScheduleSameTraceInAnotherProcess) {
  const std::string here = determinism_sample();
  ASSERT_GT(here.size(), 1000u);
  char dir_template[] = "/tmp/racelab-determinism-XXXXXX";
  ASSERT_NE(mkdtemp(dir_template), nullptr);
  const std::string dir = dir_template;
  for (int child = 0; child < 2; ++child) {
    const std::string path = dir + "/sample" + std::to_string(child) + ".txt";
    run_child(path);
    EXPECT_EQ(read_file(path), here) << "child " << child << " wrote " << path;
    std::remove(path.c_str());
  }
  rmdir(dir.c_str());
}

}  // namespace
}  // namespace racelab::model::testing
