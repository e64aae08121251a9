// A failing schedule replayed in a fresh process (fresh_replay.hpp): posix_spawn of this binary.
#include "fresh_replay.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "json.hpp"

extern char** environ;

namespace racelab::cli {

namespace {

// Runs argv (argv[0]: this binary) and returns its stdout; stdin and stderr are /dev/null.
std::string run_capturing(const std::vector<std::string>& args) {
  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("fresh replay: pipe failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = -1;
  const int rc = ::posix_spawn(&pid, "/proc/self/exe", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out[1]);
  if (rc != 0) {
    ::close(out[0]);
    throw std::runtime_error("fresh replay: could not start racelab again");
  }
  std::string text;
  char buf[65536];
  for (;;) {
    const ssize_t n = ::read(out[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    text.append(buf, static_cast<std::size_t>(n));
  }
  ::close(out[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return text;
}

constexpr const char* kCause =
    "state outside the process (a file the body reads or writes, the environment, the PID), "
    "time or randomness";

std::string step_words(const Json& step) {
  std::string t =
      "thread " + std::to_string(step.value("thread", 0)) + ": " + step.value("op", "?");
  if (step.contains("value")) t += " → " + step["value"].get<std::string>();
  return t;
}

// The steps without "flagged" (it follows from the violations, compared after the steps).
Json steps_of(const Json& execution) {
  Json steps = execution["steps"];
  for (auto& s : steps) s.erase("flagged");
  return steps;
}

std::string violation_ids(const Json& violations) {
  std::string t;
  for (const auto& v : violations) t += (t.empty() ? "" : ", ") + v.value("kind", "?");
  return t.empty() ? "no violation" : t;
}

}  // namespace

void confirm_in_fresh_process(const Subject& s, const model::Execution& x) {
  const std::string mine = dump(execution_json(s, x));
  std::vector<std::string> args = {"racelab",    "replay",   s.scenario, "--impl", s.impl,
                                   "--schedule", x.schedule, "--format", "json"};
  // The workload's size, as every printed replay command carries it (" --workers 6").
  std::istringstream size(s.size);
  for (std::string word; size >> word;) args.push_back(word);
  const std::string fresh = run_capturing(args);
  if (fresh == mine) return;
  if (fresh.empty()) {
    throw std::runtime_error("a fresh 'racelab replay' of schedule " + x.schedule +
                             " printed nothing");
  }
  const Json a = Json::parse(mine, nullptr, false);
  const Json b = Json::parse(fresh, nullptr, false);
  if (a.is_discarded() || b.is_discarded() || !a.contains("steps") || !b.contains("steps")) {
    throw model::nondeterministic_body(x.schedule, 0, "this process's output",
                                       "another in a fresh process", kCause);
  }
  const Json xs = steps_of(a);
  const Json ys = steps_of(b);
  for (std::size_t i = 0; i < std::max(xs.size(), ys.size()); ++i) {
    if (i < xs.size() && i < ys.size() && xs[i] == ys[i]) continue;
    throw model::nondeterministic_body(
        x.schedule, i + 1, i < xs.size() ? step_words(xs[i]) : "the end of the execution",
        (i < ys.size() ? step_words(ys[i]) : "the end of the execution") + " in a fresh process",
        kCause);
  }
  throw model::nondeterministic_body(x.schedule, 0, violation_ids(a["violations"]),
                                     violation_ids(b["violations"]) + " in a fresh process",
                                     kCause);
}

}  // namespace racelab::cli
