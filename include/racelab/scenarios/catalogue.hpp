// racelab/scenarios/catalogue.hpp — the scenario catalogue: workloads on the registry, their properties
// and the verdict each implementation is declared to get.
//
// A scenario is written once (scenarios/<id>.cpp) against the registry interface every
// implementation shares, and runs on every backend: under the model (every interleaving), on
// real threads, under ThreadSanitizer. Verdicts are declared here, never inferred from a run:
// tests and `racelab check` compare what they measure with what is declared.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "racelab/model/explore.hpp"
#include "racelab/thread_exceptions.hpp"

namespace racelab::scenarios {

enum class Verdict { safe, violation };
// "safe" or "violation": the verdict words of every output (text, JSON, docs/verdicts.md).
// Inline, so that the renderers use it without linking the catalogue.
inline const char* to_string(Verdict v) { return v == Verdict::safe ? "safe" : "violation"; }

struct Property {
  std::string id;    // stable, cited in reviews: "no-keyerror", "one-live-group", ...
  std::string text;  // one line
};

struct Expectation {
  Verdict verdict = Verdict::safe;
  // For a violation: the violation ids the model must find (e.g. {"KeyError", "data-race"}).
  std::vector<std::string> finds;
};

// A workload's size: what `--workers` and `--requests` set (check, replay, play, stress).
// Defaults are the seed's: 4 workers per group. requests 0 means "the scenario's own count":
// only scenarios whose requests all run the same code at once take another (concurrent-add).
struct Size {
  int workers = 4;
  int requests = 0;
  friend bool operator==(const Size&, const Size&) = default;
};
// The accepted range. From 2 workers, because every declared verdict is about workers racing
// each other (one worker races nobody); the model runs at most 64 threads (kMaxThreads), which
// sized() checks for the whole workload.
inline constexpr int kMinWorkers = 2;
inline constexpr int kMaxWorkers = 16;
inline constexpr int kMinRequests = 2;
inline constexpr int kMaxRequests = 8;
inline constexpr int kMaxThreads = 64;

struct Scenario {
  std::string id;     // "no-proxies"
  std::string title;  // "1 request, 4 workers, 0 proxies"
  std::string story;  // two or three lines
  std::vector<Property> properties;
  std::map<std::string, Expectation> expected;  // implementation → declared verdict
  // The workload's shape: proxies each new worker group sees (creation order, last repeats) and
  // workers per group.
  std::vector<int> proxies_per_group;
  int workers_per_user = 4;
  // Requests that run at once (concurrent-add: 2); 0 when the scenario's requests are fixed.
  int requests = 0;
  // For `racelab play`: what the student is asked to make happen, and when it has happened.
  std::string goal;
  std::function<bool(const std::vector<model::Violation>&)> goal_reached;
};

// The reference implementations every scenario runs on: "buggy", "fixed", "complete".
const std::vector<std::string>& implementations();
// The student's copy of buggy/ (exercise/). Every scenario declares it "safe": the goal of the
// exercise, as complete/ reaches it. Not a reference implementation: the verdict table and the
// declared-verdict tests leave it out, since it starts out buggy.
inline constexpr const char* kExercise = "exercise";
const std::vector<Scenario>& catalogue();
// nullptr when there is no such scenario / implementation.
const Scenario* find_scenario(std::string_view id);
// The catalogue's scenario `id` at another size: its title, story, goal and workload say the new
// numbers; the declared verdicts are the same (tests/scenarios/size_test.cpp checks 2–5 workers).
// Throws std::invalid_argument, with a one-line message naming what is wrong and what is
// accepted, for an unknown id, a size out of range, requests on a scenario whose requests are
// fixed, or a workload of more than kMaxThreads threads.
Scenario sized(std::string_view id, const Size& size);
// The size the scenario was built with (its requests are 0 when fixed).
Size size_of(const Scenario& s);
// The command-line flags that give s's size, empty at the catalogue's own size:
// "" or " --workers 6" or " --workers 6 --requests 3". Replay commands carry them.
// spelled_out: every size flag the scenario takes, even at the catalogue's size (" --workers 4";
// a message that names the size something was tried at).
std::string size_flags(const Scenario& s, bool spelled_out = false);
// True for the reference implementations and for the exercise.
bool is_implementation(std::string_view impl);

// The scenario's workload and end-of-run check for the model backend.
struct ModelRun {
  model::Body body;
  model::EndCheck end_check;
  // The registry and its worker groups as a person reads them, e.g.
  // "QUEUE_USER = { 'GCCDianaramirez': group#1 }  group#1: 4 workers (Starting×3, TearingDown×1)".
  // Valid while an execution is running or paused (inspection: no step is taken).
  std::function<std::string()> describe_state;
  // Names the culprit step of e's end-of-run violations (Violation::step, -1 before): the step
  // that made each one true where one exists — the pop that removed another group's entry, the
  // put onto a queue whose workers are gone (scenarios/properties.hpp, culprit_step). Re-runs
  // prefixes of e's schedule (model::probe): for the few executions a person reads.
  std::function<void(model::Execution& e)> name_culprits;
  // The registry's content, as describe_state words it, after the first k steps of e (a probe of
  // that prefix): what a focused report shows before and after the culprit step. Re-runs a
  // prefix; unset where the scenario cannot describe its state.
  std::function<std::string(const model::Execution& e, int k)> describe_after;
};
ModelRun model_run(const Scenario& s, const std::string& impl);

// One run of the scenario on real OS threads in this process (TSan sees it when built so).
// Undefined behaviour for buggy: run it in a child process (src/harness) if a crash must not
// take the caller down.
struct RealRun {
  std::vector<ThreadException> exceptions;   // Python-style, as the threads raised them
  std::vector<model::Violation> violations;  // every broken property, exceptions included
};
RealRun real_run(const Scenario& s, const std::string& impl);

}  // namespace racelab::scenarios
