// No orphaned trials (issue 15 §3): SIGINT or SIGTERM to a `racelab stress` parent whose trials
// hang kills every trial (checked by PID), prints the partial summary and exits 128 + signal;
// a parent killed outright takes its trials with it; a trial's own deadline does not need its
// parent. The hanging trials come from a test-only hook (RACELAB_TEST_HANG_TRIALS, stress.cpp):
// the first trial runs normally, every later one writes DIR/<pid> and hangs. The tests wait for
// those files — conditions, never a blind sleep.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace racelab::cli::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// Polls `done` until it holds or 30 s pass (a hang in racelab fails the test, not the suite).
template <class F>
bool eventually(F done) {
  const auto give_up = std::chrono::steady_clock::now() + 30s;
  while (!done()) {
    if (std::chrono::steady_clock::now() > give_up) return false;
    std::this_thread::sleep_for(5ms);
  }
  return true;
}

// A racelab started in the background with stdout to a file and RACELAB_TEST_HANG_TRIALS set.
struct Background {
  pid_t pid = -1;
  fs::path dir;
  fs::path out;

  explicit Background(const std::vector<std::string>& args) {
    char tmpl[] = "/tmp/racelab-signals-XXXXXX";
    dir = ::mkdtemp(tmpl);
    out = dir / "stdout.txt";
    std::vector<std::string> env_strings;
    for (char** e = environ; *e != nullptr; ++e) env_strings.emplace_back(*e);
    env_strings.push_back("RACELAB_TEST_HANG_TRIALS=" + (dir / "pids").string());
    fs::create_directory(dir / "pids");
    std::vector<char*> envp;
    for (auto& s : env_strings) envp.push_back(s.data());
    envp.push_back(nullptr);
    std::vector<std::string> all = {RACELAB_BIN};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    EXPECT_EQ(posix_spawn(&pid, RACELAB_BIN, &actions, nullptr, argv.data(), envp.data()), 0);
    posix_spawn_file_actions_destroy(&actions);
  }
  ~Background() {
    if (pid > 0) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, nullptr, 0);
    }
    std::error_code ignored;
    fs::remove_all(dir, ignored);
  }

  // The PIDs of the hanging trials, once `n` of them exist.
  std::vector<pid_t> hanging(std::size_t n) {
    std::vector<pid_t> pids;
    EXPECT_TRUE(eventually([&] {
      pids.clear();
      for (const auto& e : fs::directory_iterator(dir / "pids")) {
        const std::string name = e.path().filename().string();
        if (name != "first" && name[0] != '.') pids.push_back(std::stoi(name));
      }
      return pids.size() >= n;
    })) << "the trials never started";
    return pids;
  }

  // Waits for the parent; returns its exit code (128 + signal when a signal killed it).
  int wait() {
    int status = 0;
    EXPECT_EQ(::waitpid(pid, &status, 0), pid);
    pid = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

  std::string output() const {
    std::ifstream in(out);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
};

// A process that no longer runs: gone, or a zombie waiting for init to reap it.
bool not_running(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  if (!stat) return true;
  std::string line;
  std::getline(stat, line);
  const auto close = line.rfind(')');
  return close == std::string::npos || line.size() < close + 3 || line[close + 2] == 'Z' ||
         line[close + 2] == 'X';
}

class Interrupt : public ::testing::TestWithParam<int> {};

TEST_P(Interrupt, KillsEveryTrialPrintsThePartialSummaryAndExits128PlusSignal) {
  const int sig = GetParam();
  Background run({"stress", "no-proxies", "--impl", "fixed", "--trials", "6", "--jobs", "2"});
  // Two hanging trials at once: the third was launched only after the first ended and was
  // counted, so the partial summary has exactly one trial.
  const auto trials = run.hanging(2);
  ASSERT_EQ(trials.size(), 2u);
  ASSERT_EQ(::kill(run.pid, sig), 0);
  EXPECT_EQ(run.wait(), 128 + sig);
  for (pid_t t : trials) {
    // The parent reaped them before exiting: not even a zombie is left.
    EXPECT_EQ(::kill(t, 0), -1) << "trial " << t << " survived its parent";
    EXPECT_EQ(errno, ESRCH);
  }
  const std::string out = run.output();
  const std::string name = sig == SIGINT ? "SIGINT" : "SIGTERM";
  EXPECT_NE(out.find("interrupted by " + name + " after 1 of 6 trials"), std::string::npos) << out;
  EXPECT_NE(out.find("trials=1 ok=1"), std::string::npos) << out;
}

TEST_P(Interrupt, JsonSaysInterruptedToo) {
  const int sig = GetParam();
  Background run(
      {"stress", "no-proxies", "--impl", "fixed", "--trials", "6", "--jobs", "2", "--json"});
  const auto trials = run.hanging(2);
  ASSERT_EQ(::kill(run.pid, sig), 0);
  EXPECT_EQ(run.wait(), 128 + sig);
  for (pid_t t : trials) EXPECT_TRUE(not_running(t)) << t;
  const std::string out = run.output();
  EXPECT_NE(out.find(std::string("\"interrupted\": \"") + (sig == SIGINT ? "SIGINT" : "SIGTERM")),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("\"trials\": 1"), std::string::npos) << out;
}

INSTANTIATE_TEST_SUITE_P(SigintAndSigterm, Interrupt, ::testing::Values(SIGINT, SIGTERM),
                         [](const auto& info) {
                           return info.param == SIGINT ? "SIGINT" : "SIGTERM";
                         });

TEST(Containment, TrialsDieWithAParentKilledOutright) {
  Background run({"stress", "no-proxies", "--impl", "fixed", "--trials", "6", "--jobs", "2"});
  const auto trials = run.hanging(2);
  ASSERT_EQ(::kill(run.pid, SIGKILL), 0);  // no handler runs: PR_SET_PDEATHSIG does the work
  EXPECT_EQ(run.wait(), 128 + SIGKILL);
  for (pid_t t : trials) {
    EXPECT_TRUE(eventually([t] { return not_running(t); })) << "trial " << t << " outlived";
  }
}

TEST(Containment, ATrialsDeadlineDoesNotNeedItsParent) {
  // The parent is stopped, so it cannot kill anything; each hanging trial's own alarm
  // (--timeout-ms + 1 s grace, rounded up to whole seconds) ends it anyway.
  Background run({"stress", "no-proxies", "--impl", "fixed", "--trials", "3", "--jobs", "2",
                  "--timeout-ms", "100", "--json"});
  const auto trials = run.hanging(1);
  ASSERT_EQ(::kill(run.pid, SIGSTOP), 0);
  for (pid_t t : trials) {
    EXPECT_TRUE(eventually([t] { return not_running(t); })) << "trial " << t << " still runs";
  }
  ASSERT_EQ(::kill(run.pid, SIGCONT), 0);
  EXPECT_EQ(run.wait(), 5);  // declared safe, but trials hung: not as declared
  EXPECT_NE(run.output().find("\"outcome\": \"timeout\""), std::string::npos) << run.output();
}

}  // namespace
}  // namespace racelab::cli::testing
