// racelab-trial — run one scenario on real threads, each trial in its own child process, and
// print a one-line, machine-readable histogram of how the trials ended.
//
//   racelab-trial no-proxies buggy --trials 1000 --jobs 2
//   scenario=no-proxies impl=buggy jobs=2 runs_per_trial=1 elapsed_ms=2140 trials=1000
//   KeyError*3=960 ...
//
// A building block for tests and for measuring (docs/stress-baseline.md); `racelab stress` is
// the command for people. Exit status: 0 when the trials ran (whatever their outcomes), 2 for bad
// arguments.
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#include "racelab/harness/run_trials.hpp"
#include "racelab/scenarios/catalogue.hpp"
#include "racelab/sync.hpp"

namespace {

using namespace racelab;

constexpr const char* kUsage =
    "usage: racelab-trial <scenario> <impl> [options]\n"
    "  --trials N          trials, each in its own child process (default 1)\n"
    "  --jobs J            children at once (default 1)\n"
    "  --timeout-ms T      kill a child still running after T ms (default 10000)\n"
    "  --runs-per-trial K  run the scenario K times in each child (default 1)\n"
    "  --stop-on WHAT      launch no more trials after one with WHAT: tsan, crash, keyerror\n"
    "  --show-first WHAT   print the output of the first trial with WHAT\n"
    "  --noise P           pause 0-200 us at P% of facade operations (sync::set_noise)\n";

[[noreturn]] void usage_error(const std::string& message) {
  std::fprintf(stderr, "racelab-trial: %s\n%s", message.c_str(), kUsage);
  std::exit(2);
}

int positive(const std::string& flag, const char* text) {
  char* end = nullptr;
  const long v = std::strtol(text, &end, 10);
  if (end == text || *end != '\0' || v < 1 || v > 100'000'000) {
    usage_error(flag + " expects a positive integer, got '" + text + "'");
  }
  return static_cast<int>(v);
}

using Predicate = bool (*)(const harness::TrialOutcome&);
Predicate predicate(const std::string& flag, const std::string& name) {
  if (name == "tsan") return [](const harness::TrialOutcome& o) { return o.has_tsan_report(); };
  if (name == "crash") {
    return [](const harness::TrialOutcome& o) { return o.ending == harness::Ending::crashed; };
  }
  if (name == "keyerror") return [](const harness::TrialOutcome& o) { return o.key_errors() > 0; };
  usage_error(flag + " expects tsan, crash or keyerror, got '" + name + "'");
}

std::string known_scenarios() {
  std::string out;
  for (const auto& s : scenarios::catalogue()) out += (out.empty() ? "" : ", ") + s.id;
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) usage_error("expected a scenario and an implementation");
  const std::string scenario_id = argv[1];
  const std::string impl = argv[2];
  const scenarios::Scenario* scenario = scenarios::find_scenario(scenario_id);
  if (scenario == nullptr) {
    usage_error("unknown scenario '" + scenario_id + "' (expected one of: " + known_scenarios() +
                ")");
  }
  if (!scenarios::is_implementation(impl)) {
    usage_error("unknown implementation '" + impl + "' (expected one of: buggy, fixed, complete)");
  }

  harness::RunOptions options;
  int runs_per_trial = 1;
  Predicate show_first = nullptr;
  int noise = 0;
  for (int i = 3; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) usage_error(flag + " expects a value");
    const char* value = argv[++i];
    if (flag == "--trials") {
      options.trials = positive(flag, value);
    } else if (flag == "--jobs") {
      options.jobs = positive(flag, value);
    } else if (flag == "--timeout-ms") {
      options.timeout = std::chrono::milliseconds(positive(flag, value));
    } else if (flag == "--runs-per-trial") {
      runs_per_trial = positive(flag, value);
    } else if (flag == "--stop-on") {
      const Predicate p = predicate(flag, value);
      options.stop_when = [p](const harness::TrialResult& r) { return p(r.outcome()); };
    } else if (flag == "--show-first") {
      show_first = predicate(flag, value);
    } else if (flag == "--noise") {
      noise = positive(flag, value);
      if (noise > 100) usage_error("--noise expects a percentage, 1 to 100");
    } else {
      usage_error("unknown option '" + flag + "'");
    }
  }

  // The child runs the scenario K times and reports every exception and violation of all runs.
  const auto body = [&]() {
    sync::set_noise(noise);
    harness::TrialReport all;
    for (int run = 0; run < runs_per_trial; ++run) {
      harness::TrialReport one = harness::to_trial_report(scenarios::real_run(*scenario, impl));
      all.exceptions.insert(all.exceptions.end(), one.exceptions.begin(), one.exceptions.end());
      all.violations.insert(all.violations.end(), one.violations.begin(), one.violations.end());
    }
    return all;
  };
  const harness::Histogram h = harness::run_trials(options, body);

  if (show_first != nullptr) {
    if (const harness::TrialResult* first = h.first_where(show_first)) {
      std::cerr << "--- first trial (#" << first->index << ", " << first->outcome().label()
                << "), its output:\n"
                << first->output << "---\n";
    }
  }
  std::cout << "scenario=" << scenario_id << " impl=" << impl << " jobs=" << options.jobs
            << " runs_per_trial=" << runs_per_trial << " elapsed_ms=" << h.elapsed.count() << " "
            << h.summary() << (h.stopped_early ? " stopped_early=1" : "") << "\n";
  return 0;
}
