// racelab/model/explore.hpp — run a concurrent test body under every interleaving (or a sample).
//
// The body runs as "MainThread" on a fiber; every sync::thread it starts is another fiber on the
// same OS thread. At each facade operation (lock, unlock, shared read/write, queue put/get/close,
// thread start/join, this_thread::yield) the scheduler picks who runs next. Same options and
// same body → byte-identical executions, in one process and across processes.
//
//   racelab::model::Options opts;               // dpor, exhaustive
//   auto report = racelab::model::explore(opts, [] { /* start threads, use sync:: types */ });
//   if (!report.failure) { /* safe over report.schedules schedules (complete if report.complete) */ }
//   for (const auto& id : racelab::model::witness_order(report)) {  // each bug, strongest first
//     const racelab::model::Execution& w = report.witnesses.at(id);  // w.schedule replays it
//   }
//
// Code under test must be built with RACELAB_BACKEND_MODEL (see racelab/sync.hpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "racelab/model/schedule.hpp"
#include "racelab/model/timeline.hpp"  // render_timeline(): how a failure reads
#include "racelab/model/trace.hpp"

namespace racelab::model {

enum class Strategy { dpor, dfs, random, pct, replay };
std::string to_string(Strategy s);
// Parses "dpor", "dfs", "random", "pct", "replay"; nullopt otherwise.
std::optional<Strategy> parse_strategy(const std::string& name);

// Part `index` (0-based) of `count` of one exploration (Options::partition, merge()).
struct Partition {
  std::size_t index = 0;
  std::size_t count = 1;
  friend bool operator==(const Partition&, const Partition&) = default;
};

// Steps one execution may take before it is Outcome::step_limit (a program that never ends is a
// livelock); every entry point that runs an execution defaults to it.
inline constexpr std::size_t kDefaultMaxSteps = 20000;

struct Options {
  Strategy strategy = Strategy::dpor;
  std::uint64_t seed = 0;         // random, pct
  int pct_depth = 3;              // pct: bug depth d (number of priority change points + 1)
  std::size_t max_schedules = 0;  // 0: unlimited for dfs/dpor, 1000 for random/pct
  // dfs/dpor: explore only schedules with <= K preemptions (leaving a condition_variable waiter
  // that only a spurious wake-up would free is none: it was waiting).
  std::optional<int> preemption_bound;
  std::size_t max_steps = kDefaultMaxSteps;  // per execution; exceeding it: Outcome::step_limit
  // condition_variable: how often each thread may wake without a notify, per execution (0: never).
  // One is enough to catch a wait that does not re-check its condition.
  int spurious_wakeups = 1;
  // Fair scheduling: when only spinning threads can run, each gets this many more turns before
  // the execution is a livelock (docs/model-library.md, "Fair scheduling and livelock").
  std::size_t spin_limit = 16;
  std::string schedule;  // replay: the token to run
  // dfs only: explore just the executions that begin with this schedule prefix (a replay token;
  // empty: all). Every execution below the prefix is run, so "no violation" means none is
  // reachable from there (racelab play asks whether its goal still is). A prefix that does not
  // fit the body throws std::invalid_argument.
  std::string prefix;
  bool stop_on_first_violation = true;  // false: keep exploring and count every outcome
  bool shrink = true;  // re-search each witness for fewest preemptions, then no spurious wake-ups
  // Called after each execution with its result (trace left empty unless record_traces).
  std::function<void(const struct Execution&)> on_execution;
  // Called after each execution with its violations alone (empty: none), before on_execution:
  // for a caller that only counts what was found, without the replay token and the copies an
  // Execution costs (racelab check's outcome table: 3% of a 7,164-trace check).
  std::function<void(const std::vector<Violation>&)> on_violations;
  bool record_traces = false;  // keep the full trace of every execution (slow)
  // Applies with stop_on_first_violation only. true: after the first violation keep exploring up
  // to the witness bound (witness_limit()), so that every distinct violation id reachable there
  // gets its own witness (Report::witnesses); false: stop right at the first violation, as
  // before witnesses (racelab check --first).
  bool every_witness = true;
  // Run a few schedules again after the others and compare them step by step (the determinism
  // guard, nondeterministic_body below; Report::reruns counts those runs). false: only the
  // failures are run again (their violations compared), e.g. for a body that counts its runs.
  bool check_determinism = true;
  // Runs part index of count of the exploration (a shard), so that parts run apart — other
  // processes, other machines — and merge() gives exactly the report of the whole (count 1: the
  // whole, as the parts see it). What changes against a run without it (docs/cli.md, "Sharding"):
  //   * dpor (no preemption bound) and dfs: the tree is cut into subtrees by schedule prefix
  //     (src/model/shard.hpp), and every subtree is explored: stop_on_first_violation,
  //     every_witness and max_schedules do not apply. dpor's traces, dfs's schedules, the verdict,
  //     completeness and the violation ids equal the run without a partition; `runs` (abandoned
  //     executions included) may differ: the split runs executions of its own.
  //   * random, pct: schedule i of the max_schedules (1000 by default) draws from its own seed,
  //     derived from (seed, i); each part runs its share of the i (next_unit below). So the samples are not
  //     those of a run without a partition (one stream through every schedule), but the same for
  //     every count. pct's k (the steps the change points are drawn over) is measured once, by a
  //     run that is not counted, instead of growing with the longest execution so far.
  //   * witnesses are canonical: for each id, the first execution in bounded dfs order at the
  //     fewest preemptions that shows it (a search from the root, the same in every part that
  //     found the id), whatever order found it; shrink is implied. first_seen counts schedules in
  //     the order of the units (subtrees, samples), as a run of count 1 explores them.
  // A dpor run with a preemption bound cannot be cut (its sleep sets depend on what the bound
  // cut elsewhere): explore() throws std::invalid_argument.
  // dpor IS NOT PROVEN SOUND with a partition yet: the parts match the run without one trace by
  // trace on the catalogue at 2 and 3 workers (the loss found there is fixed: dpor_impl.hpp,
  // prefix_sleep_), but on random programs with spawns by two threads at once and a condition
  // variable the trace counts still differ both ways (tests/strategies/shard_dpor_test.cpp):
  // plain dpor misses some Mazurkiewicz classes there (no end state so far), and so do the
  // parts, differently; the trace counts are then not comparable.
  // Do not rest a proof on a partitioned dpor run; `racelab check` refuses it (docs/cli.md).
  std::optional<Partition> partition;
  // With partition: the units this part runs. Empty: the units whose hash (shard.hpp) falls to
  // this part, fixed and spread evenly. Set: called for the next unit to run, until it returns one
  // >= the number of units; the parts of one exploration share one counter (racelab check --jobs:
  // an atomic in shared memory), so each unit runs once, in whichever part is free first. It must
  // return increasing units.
  std::function<std::size_t()> next_unit;
  // Symmetry reduction (dpor, dfs, random, pct): threads tagged interchangeable
  // (sync::thread::interchangeable) that took the same steps so far take their turns at each
  // change in the order they were tagged, so executions equal up to renaming them are explored
  // once (or fewer times). Sound under the tag's promise (see
  // docs/model-library.md, "Symmetry reduction"); every execution run is a real one, and its
  // token replays without it. Off by default: counts stay those of the unreduced search. When an
  // interchangeable thread spins, the search starts again without it (Report::symmetry_off).
  bool symmetry = false;
  // dpor's known gap (Report::dpor_gap): when a complete dpor run with no violation took a
  // spurious wake-up, explore() runs dfs over the same body — every interleaving, no gap — up to
  // min(close_dpor_gap, 1000 + 100 × dpor's runs) schedules (a count, so the result is the same
  // on every machine). dfs done and safe: the gap is closed (Report::dpor_gap_closed). dfs finds
  // a violation: that report is returned, saying so in dpor_gap. dfs stopped at the limit: the
  // gap stays, saying so. 0: never.
  std::size_t close_dpor_gap = 50'000;
};

struct Report {
  Strategy strategy = Strategy::dpor;
  std::size_t schedules = 0;  // executions run
  std::size_t traces = 0;     // distinct Mazurkiewicz traces, when the strategy knows (dpor)
  // true: exhaustive exploration finished (every trace covered) — with a preemption_bound, every
  // trace that has an execution within the bound: traces needing more preemptions were not run.
  bool complete = false;
  double elapsed_ms = 0;
  std::size_t failing_schedules = 0;
  // Every execution started, abandoned ones included (DPOR gives up on a sleep-set-blocked one:
  // it is no schedule). runs - schedules is the work the search wasted.
  std::size_t runs = 0;
  // The first failure found, shrunk when Options::shrink (as before witnesses: API-compatible).
  // Its first violation's id has it as witness too; the strongest bug is witness_order()[0].
  std::optional<Execution> failure;
  // Every distinct violation id found ("data-race", "assertion", "KeyError", "deadlock",
  // "livelock", each property id …) → the first execution that showed it, traced, and shrunk
  // toward fewest preemptions (when Options::shrink) while keeping that id among its violations.
  std::map<std::string, Execution> witnesses;
  // Each id in `witnesses` → the schedule (1-based) of the exploration that first showed it.
  std::map<std::string, std::size_t> first_seen;
  // Executions run again by the determinism guard (two per sample; not in `schedules`): the
  // body ran schedules + reruns times, plus the failures' re-runs and shrinking.
  std::size_t reruns = 0;
  // Executions the witness shrink ran (Options::shrink, or a partitioned run's canonical
  // witnesses; not in `runs` or `schedules`): the bounded searches for fewer preemptions.
  std::size_t shrink_runs = 0;
  // Options::partition set: which part this is, and what merge() needs to put parts together.
  std::optional<Partition> partition;
  std::size_t units = 0;  // subtrees or samples of the whole exploration (every part agrees)
  // The units this part ran, ascending, with the schedules each counted.
  std::vector<std::pair<std::size_t, std::size_t>> unit_schedules;
  // Each id in `witnesses` → where this part first saw it: {unit, schedule within the unit,
  // 1-based}.
  std::map<std::string, std::pair<std::size_t, std::size_t>> first_seen_at;
  // The id of `failure` (the first violation of this part's first failing schedule).
  std::string failure_id;
  // Symmetry: whether Options::symmetry applied, and the most groups of two or more
  // interchangeable threads (and threads in them) one execution tagged, with it on or off.
  bool symmetry = false;
  int symmetric_groups = 0;
  int symmetric_threads = 0;
  // Options::symmetry asked for, but dropped: "" or why, a sentence starting "turned off: "
  // that names the first interchangeable thread that spun and where. The reduction is not known
  // to keep every class when interchangeable threads spin (the fair scheduler picks among
  // spinners by name), so explore() started again without it: the counts, verdict and witnesses
  // are those of the unreduced search; `symmetry` is false and `runs` counts the runs made
  // before the switch too.
  std::string symmetry_off;
  // Interleavings are sequentially consistent. When the program's atomics use weaker orders in
  // a way a weak machine may reorder — two accesses of one thread to different atomics that
  // other threads may see the other way round — a sentence naming the first such pair found
  // (thread, atomics, orders, source lines; src/model/engine_weak.cpp), else "". Not a
  // violation: a "safe" verdict with it proves less than it says (docs/model-library.md, §8).
  std::string weak_memory;
  // Strategy::dpor only: "" unless some execution took a spurious wake-up and the gap was not
  // closed (Options::close_dpor_gap). Then a sentence saying that dpor may have missed
  // interleavings in which a waiter sleeps on past a spurious wake-up it could take
  // (docs/model-library.md, "A known gap"), and that Strategy::dfs runs them all. Not a
  // violation: a "safe" verdict with it proves less than "every interleaving".
  std::string dpor_gap;
  // The schedules of the dfs run that closed dpor's gap (Options::close_dpor_gap: every
  // interleaving run, none failed), else 0.
  std::size_t dpor_gap_closed = 0;
  // "" unless a loop the fair scheduler took for a spin ends by itself (a bounded poll, a
  // try_lock retried N times, a lone yield(); docs/model-library.md, "Fairness"). Then a
  // sentence naming each such loop and what its thread went on to do: "fairness: Thread-2's
  // loop at f.cpp:12 ends by itself: with nothing it observed changed, it went on to store y
  // (f.cpp:14) — not a spin, so …". Threads there are not hidden as spinners, and the search
  // started again without hiding them (the counts are the new search's; `runs` counts both).
  // Not a gap: the verdict covers those interleavings.
  std::string bounded_spin;
  // "" unless some execution destroyed a joinable sync::thread (not while an exception unwound):
  // then a sentence naming the first such thread and where it was started. The model lets the
  // thread run on, as Python does; the real mapping is std::thread, which calls std::terminate
  // (new-user trial 7: "safe" under the model, exit 134 on real threads). Not a violation —
  // test programs may leave idle workers behind on purpose — but the build for real threads
  // will abort there.
  std::string unjoined;
  // "" unless the body started threads and none of them, in any execution, used a racelab::sync
  // object (var, shared, atomic, mutex, queue …): then a sentence saying that racelab sees only
  // those, so what the threads share as plain C++ data was not checked (new-user trial 7: a lost
  // update on an int member was "safe" in 1 schedule). Not a violation.
  std::string unshared;
};

// One of a report's notes: the field it comes from (its JSON key too) and its sentence.
struct ReportNote {
  std::string field;  // "bounded_spin", "dpor_gap", "weak_memory", "unjoined" or "unshared"
  std::string text;
};

// A report's notes — what its verdict does not cover although the run may be complete, and how
// the search was changed to cover it — in the order every printer shows them (run_model_test,
// racelab check, racelab verify's reports): unshared, bounded_spin, dpor_gap, weak_memory, then
// unjoined. Empty when the report has none.
inline std::vector<ReportNote> notes(const Report& r) {
  std::vector<ReportNote> out;
  if (!r.unshared.empty()) out.push_back({"unshared", r.unshared});
  if (!r.bounded_spin.empty()) out.push_back({"bounded_spin", r.bounded_spin});
  if (!r.dpor_gap.empty()) out.push_back({"dpor_gap", r.dpor_gap});
  if (!r.weak_memory.empty()) out.push_back({"weak_memory", r.weak_memory});
  if (!r.unjoined.empty()) out.push_back({"unjoined", r.unjoined});
  return out;
}

// Puts the parts of one partitioned exploration (Options::partition, every index from 0 to
// count-1 once, in any order) together: the report of the whole, as a run with partition
// {0, 1} gives it (runs, reruns and shrink_runs are the sums; elapsed_ms the longest part's;
// weak_memory the note of the lowest-numbered part that has one: whether there is one is the
// whole run's answer, which pair it names may differ; dpor_gap the same way). Throws
// std::invalid_argument, one line, for parts that do not belong together (other count or
// strategy or units, an index missing or given twice, a report without a partition, two
// witnesses of one id with different schedules).
Report merge(const std::vector<Report>& parts);

// After the first violation, at schedule `first` (1-based), exploration with the default
// options (stop_on_first_violation, every_witness) goes on until the schedule count reaches
// max(kWitnessFactor × first, first + kWitnessSlack), or the exploration ends, or
// Options::max_schedules. Why this bound: see explore.cpp.
inline constexpr std::size_t kWitnessFactor = 4;
inline constexpr std::size_t kWitnessSlack = 200;
std::size_t witness_limit(std::size_t first);

// How strong a violation kind is as a bug report, 0 strongest: an escaped exception, a failed
// assertion and a broken property (the wrong result itself) before a deadlock and a livelock
// (the program hangs), before a data race (the cause that made a wrong result possible; on its
// own a race may be benign in a given run), before a step limit (maybe no bug: a long run).
int strength(Outcome kind);

// The ids of report.witnesses, strongest first (strength() of the id's kind), then in the order
// exploration found them, then by id.
std::vector<std::string> witness_order(const Report& report);

// The body of a run: the test. It runs as MainThread and may start threads.
using Body = std::function<void()>;
// Checked once each execution ends (all threads finished, or idle on queues). Runs outside the
// model: facade reads here are inspections, not steps. Returns the properties that do not hold.
using EndCheck = std::function<std::vector<Violation>()>;

// The body did not behave the same when one of its schedules ran again: the verdict would rest on
// executions that cannot be reproduced, so explore() refuses to give one. A std::logic_error
// (the body breaks explore()'s precondition; existing `catch (const std::logic_error&)` still
// catches it). what() is one line: the schedule, the first diverging step and the likely cause.
//
// How explore() checks (docs/reliability.md): after every other execution it runs again
//   * the first schedule explored, and every kRecheckEvery-th one after it (at most
//     kMaxRechecks), under every strategy, comparing the two traces step by step and then their
//     violations — a body that keeps state between executions, reads a clock or draws random
//     numbers takes another path, or ends differently;
//   * every failure it reports (its witnesses), comparing the violations.
// And it watches the facade while it runs: an operation on a sync object from an OS thread the
// model does not schedule (a std::thread behind the facade's back) is reported too.
class nondeterministic_body : public std::logic_error {
 public:
  nondeterministic_body(std::string schedule, std::size_t step, std::string first,
                        std::string second, std::string cause);
  // The replay token that ran differently.
  const std::string& schedule() const noexcept { return schedule_; }
  // The first step (1-based) at which the two runs differ; 0 when every step was the same and
  // only the end (the violations) differs, or when no step could be compared.
  std::size_t step() const noexcept { return step_; }
  // What that step (or the end) was the first time, and what it was when run again.
  const std::string& first() const noexcept { return first_; }
  const std::string& second() const noexcept { return second_; }
  // The likely cause, in words: "state kept between executions …", "time or randomness …",
  // "a std::thread behind the facade's back …".
  const std::string& cause() const noexcept { return cause_; }

 private:
  std::string schedule_;
  std::size_t step_;
  std::string first_, second_, cause_;
};

// The schedules explore() runs again to check the body is deterministic: the 1st, and every
// kRecheckEvery-th after it (1, 101, 201, …), at most kMaxRechecks of them.
inline constexpr std::size_t kRecheckEvery = 100;
inline constexpr std::size_t kMaxRechecks = 16;

// Explores the body under Options. Throws std::invalid_argument for a malformed or unfitting
// replay token (the message says what is wrong and what is accepted), and
// nondeterministic_body when a schedule ran again does not run the same way. When no step is
// taken for 10 s (a thread blocked outside racelab::sync: a std::mutex, a sleep, I/O), a
// watchdog thread says so on stderr (RACELAB_STALL_SECONDS=N sets the 10, 0 never); after 120 s
// without a step (RACELAB_STALL_EXIT_SECONDS=N, 0 never; racelab grade: 60) it ends the process
// with one line and exit code 3, no verdict (src/model/stall_watch.hpp).
Report explore(const Options& options, const Body& body, const EndCheck& end_check = {});

// Runs exactly one schedule and returns it with its full trace. Throws std::invalid_argument
// when the token is malformed or does not fit the body (see docs/model-library.md). It runs with
// the default spurious_wakeups and spin_limit; `replay(e.schedule, body) == e` for every
// execution e that explore() ran with them.
Execution replay(const std::string& schedule, const Body& body, const EndCheck& end_check = {},
                 std::size_t max_steps = kDefaultMaxSteps);
// The same under the semantics of `options` — its max_steps, spurious_wakeups and spin_limit
// (the rest does not apply to one schedule): a token found with other values than the defaults
// replays exactly with the Options that found it (with the defaults' replay, a wake-up that
// could be spurious there and not here changes where preemptions fall, or whether it fits).
Execution replay(const std::string& schedule, const Body& body, const EndCheck& end_check,
                 const Options& options);

// --- Stepping an execution by hand (racelab play) -------------------------------------------

// What a live thread would do if it ran next.
struct ThreadNext {
  int thread = 0;
  std::string name;      // "Thread-2 (worker)"
  bool enabled = false;  // false: blocked; `waits` says on what
  Step op;               // the step it would take (no value yet; exit: file "" and line 0)
  std::string waits;     // blocked only: "waits for QUEUE_USER_LOCK held by Thread-3 (worker)"

  friend bool operator==(const ThreadNext&, const ThreadNext&) = default;
};

struct Probe {
  Trace trace;                        // the steps of the prefix
  std::vector<ThreadNext> next;       // every live thread, by id; empty once finished
  std::vector<Violation> violations;  // so far (with the end's, once finished)
  bool finished = false;              // the prefix ran the execution to its end
  std::string schedule;               // the prefix, in canonical form ("0x4.1x3")
  std::string state;                  // what `describe` returned at the stop point, or ""
};

// Describes the program's state for a person ("QUEUE_USER = {...}"). Called at the stop point,
// outside the model (facade reads are inspections), before blocked threads are unwound.
using Describe = std::function<std::string()>;

// Runs the schedule prefix (a replay token, possibly empty) and stops before the next step,
// reporting who could run and what each would do. When the prefix ends the execution, the
// EndCheck runs and `finished` is true. Either way every fiber is unwound before returning, so
// probing again with a longer prefix re-runs the body from the start (stateless, like replay).
// Throws std::invalid_argument when the prefix is malformed or does not fit.
Probe probe(const std::string& prefix, const Body& body, const EndCheck& end_check = {},
            std::size_t max_steps = kDefaultMaxSteps, const Describe& describe = {});

// Keeps p alive until the running execution has ended: after the EndCheck has run and every
// thread still blocked (idle workers, deadlocked threads) has been unwound. A body that creates
// an object its threads outlive (the registry) hands it here instead of destroying it on return.
void keep_until_end(std::shared_ptr<void> p);

// Fails the current execution with Outcome::assertion_failed when cond is false.
void check(bool cond, const std::string& message);

}  // namespace racelab::model
