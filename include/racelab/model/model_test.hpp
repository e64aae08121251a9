// racelab/model/model_test.hpp — a test of your own concurrent class under the model, as one
// CTest test: every interleaving (dpor), the strongest failure printed with its replay token.
//
//   // my_queue_test.cpp, registered with racelab_add_model_test(NAME my_queue SOURCES ...)
//   #include "racelab/model/model_test.hpp"
//   #include "my_queue.hpp"                 // written against racelab/sync.hpp
//   int main(int argc, char** argv) {
//     return racelab::model::run_model_test(argc, argv, [] {
//       auto q = std::make_shared<MyQueue>();
//       racelab::sync::thread a("producer", [q] { q->push(1); });
//       racelab::sync::thread b("consumer", [q] { q->pop(); });
//       a.join();
//       b.join();
//       racelab::model::check(q->empty(), "the item was lost");
//     });
//   }
//
// Exit code: 0 when no interleaving violates anything (a proof for this body), 1 with a failure's
// timeline and token otherwise — the strongest kind found, in witness_order() (explore.hpp) —
// and one "also found:" line, with its own replay, per other kind of violation the search met. --max-steps N (1..1000000, default 20000) ends an
// execution longer than N steps as a "step-limit" violation: for a loop that may never end
// (two threads taking turns, each undoing what the other needs), whose search is endless
// otherwise; a replay needs the same --max-steps, and the printed command carries it. When the
// search passes 100000 schedules, or runs an execution of more than 1000 steps, with no violation
// yet, one line on stderr says so and why it may not end (a loop, or a search that is merely
// large, and what cuts it). --preemption-bound K runs every interleaving with at most K
// preemptions (the safe line says so: a bounded proof); --max-schedules N stops after N schedules
// (the safe line then says it is not a proof). --spurious-wakeups N (0..1000, default 1) is how
// often each thread may wake from a condition_variable wait without a notify, per execution
// (Options::spurious_wakeups): 0 cuts a search that such wake-ups make large, but then a wait that
// does not re-check its condition is not caught; a replay needs the same N, and the printed
// command carries it. --symmetry explores one interleaving per class of interleavings that differ
// only by renaming threads tagged interchangeable (Options::symmetry, sync::thread::
// interchangeable); a line says what was reduced, or why the reduction was turned off, and a
// token it prints replays without it. There is no time budget (racelab check --budget chooses
// between a proof and a sample from an estimate of the search's size, which dpor cannot make for
// a body of yours): racelab_add_model_test's TIMEOUT bounds the time. After a violation the
// search goes on up to the witness bound (witness_limit(), explore.hpp) and a note says that
// other kinds may lie beyond it; --all searches every interleaving instead.
// With --expect-violation (racelab_add_model_test's
// EXPECT violation), the other way round: 0 exactly when a violation is found — a test that the
// checker still catches a known bug; a safe run then ends with a "FAIL:" line saying so.
// --weak-memory-fails (WEAK_MEMORY_FAILS) makes a weak-memory note (Report::weak_memory: atomics
// whose orders allow outcomes the model does not run) fail the test, exit 1: a CI log shows a
// passed test's note to nobody. A safe line with that note says "every sequentially consistent
// interleaving". --replay TOKEN runs one interleaving and prints it (exit 0
// when it is clean, 1 when it shows a violation); with --format markdown it prints the review
// comment of racelab/model/review.hpp instead of the timeline, and a failing run prints that
// command too ("review: …"). --strategy dfs runs every interleaving one by
// one instead of dpor's one per class: slower, but without dpor's known gap around spurious
// wake-ups (explore() runs that dfs itself, within a limit, when dpor took one:
// Options::close_dpor_gap; the note a safe verdict may print says when it could not);
// --strategy dpor is the default. --help prints these options and exits 0. Bad input (an unknown argument, --replay
// without a token, a token that is not one or does not fit this body, a strategy other than dpor
// or dfs, a number out of its range) is one line on stderr and exit 2; a body the model cannot
// give a verdict on is one line and exit 3: not deterministic, a breach of the model's contract
// (more than 64 threads, an object used after it died: "racelab::model: no verdict: …"), or no
// step for 120 s (a thread blocked outside racelab::sync, such as a std::mutex held across a
// facade operation; RACELAB_STALL_EXIT_SECONDS=N, 0 never).
#pragma once

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <stdexcept>
#include <string>
#include <vector>

#include "racelab/model/explore.hpp"
#include "racelab/model/review.hpp"
#include "racelab/model/schedule.hpp"

namespace racelab::model {

inline int run_model_test(int argc, char** argv, const Body& body, const EndCheck& end_check = {}) {
  bool expect_violation = false;
  bool weak_memory_fails = false;  // --weak-memory-fails: a weak-memory note fails the test
  bool markdown = false;           // --format markdown: a replay as a review comment (review.hpp)
  const char* replay_token = nullptr;
  Options options;  // dpor, exhaustive, the first failure shrunk to its fewest preemptions
  const std::size_t default_max_steps = options.max_steps;
  const int default_spurious = options.spurious_wakeups;
  // The whole number after argv[i] (a flag), from lo to hi; false (said on stderr) otherwise.
  const auto whole = [&](int& i, unsigned long long lo, unsigned long long hi,
                         unsigned long long& out) {
    const char* flag = argv[i];
    const char* n = i + 1 < argc ? argv[++i] : "";
    char* end = nullptr;
    out = std::strtoull(n, &end, 10);
    if (*n >= '0' && *n <= '9' && *end == '\0' && out >= lo && out <= hi) return true;
    std::fprintf(stderr, "%s: %s expects a whole number from %llu to %llu, got '%s'\n", argv[0],
                 flag, lo, hi, n);
    return false;
  };
  unsigned long long n = 0;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--expect-violation") == 0) {
      expect_violation = true;
    } else if (std::strcmp(argv[i], "--weak-memory-fails") == 0) {
      weak_memory_fails = true;
    } else if (std::strcmp(argv[i], "--all") == 0) {
      options.stop_on_first_violation = false;
    } else if (std::strcmp(argv[i], "--max-steps") == 0) {
      if (!whole(i, 1, 1000000, n)) return 2;
      options.max_steps = static_cast<std::size_t>(n);
    } else if (std::strcmp(argv[i], "--max-schedules") == 0) {
      if (!whole(i, 1, 1000000000000ull, n)) return 2;
      options.max_schedules = static_cast<std::size_t>(n);
    } else if (std::strcmp(argv[i], "--preemption-bound") == 0) {
      if (!whole(i, 0, 1000, n)) return 2;
      options.preemption_bound = static_cast<int>(n);
    } else if (std::strcmp(argv[i], "--spurious-wakeups") == 0) {
      if (!whole(i, 0, 1000, n)) return 2;
      options.spurious_wakeups = static_cast<int>(n);
    } else if (std::strcmp(argv[i], "--symmetry") == 0) {
      options.symmetry = true;
    } else if (std::strcmp(argv[i], "--replay") == 0) {
      if (i + 1 == argc) {
        std::fprintf(stderr, "%s: --replay needs a TOKEN (the one a failing run printed)\n",
                     argv[0]);
        return 2;
      }
      if (replay_token != nullptr) {  // which one was meant is not ours to guess
        std::fprintf(stderr, "%s: --replay given twice (accepted: one TOKEN)\n", argv[0]);
        return 2;
      }
      replay_token = argv[++i];
    } else if (std::strcmp(argv[i], "--format") == 0) {
      const char* format = i + 1 < argc ? argv[++i] : "";
      if (std::strcmp(format, "markdown") == 0 || std::strcmp(format, "text") == 0) {
        markdown = format[0] == 'm';
      } else {
        std::fprintf(stderr, "%s: --format expects text or markdown, got '%s'\n", argv[0], format);
        return 2;
      }
    } else if (std::strcmp(argv[i], "--strategy") == 0) {
      const char* name = i + 1 < argc ? argv[++i] : "";
      if (std::strcmp(name, "dpor") == 0 || std::strcmp(name, "dfs") == 0) {
        options.strategy = *parse_strategy(name);
      } else {
        std::fprintf(stderr, "%s: --strategy expects dpor or dfs, got '%s'\n", argv[0], name);
        return 2;
      }
    } else if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
      std::printf(
          "usage: %s [--strategy dpor|dfs] [--all] [--max-steps N] [--preemption-bound K]\n"
          "          [--max-schedules N] [--spurious-wakeups N] [--symmetry] [--expect-violation]\n"
          "          [--weak-memory-fails]\n"
          "       %s --replay TOKEN [--max-steps N] [--spurious-wakeups N] [--format F]\n"
          "Explores every interleaving of this model test (racelab/model/model_test.hpp).\n"
          "  --strategy dpor|dfs  dpor (default): one interleaving per class of equivalent ones;\n"
          "                       dfs: every interleaving, slower, no gap around spurious "
          "wake-ups\n"
          "  --all                after a violation, search on through every interleaving, so\n"
          "                       that no other kind of violation is missed (by default the\n"
          "                       search stops a bounded number of schedules after the first)\n"
          "  --max-steps N        an execution longer than N steps (1..1000000, default %zu) is a\n"
          "                       step-limit violation\n"
          "  --preemption-bound K every interleaving with at most K preemptions (0..1000): a\n"
          "                       bounded proof of a search too large to finish\n"
          "  --max-schedules N    stop after N schedules (not a proof)\n"
          "  --spurious-wakeups N wake-ups without a notify per thread and execution (0..1000,\n"
          "                       default %d); 0 cuts a condition-variable search, but then a\n"
          "                       wait that does not re-check its condition is not caught\n"
          "  --symmetry           one interleaving per class of those that differ only by\n"
          "                       renaming threads tagged interchangeable\n"
          "  --expect-violation   exit 0 exactly when a violation is found\n"
          "  --weak-memory-fails  a weak-memory note (atomics whose orders allow outcomes the\n"
          "                       model does not run) fails the test, exit 1\n"
          "  --replay TOKEN       run the one interleaving a failing run printed\n"
          "  --format text|markdown  with --replay: a timeline (default), or a review comment\n"
          "                       (Markdown and a Mermaid sequence diagram) to paste into a\n"
          "                       pull request\n"
          "Exit: 0 no violation (or one found, with --expect-violation), 1 the other way round, "
          "2 bad input, 3 no verdict (the body is not deterministic, breaks the model's\n"
          "contract, or takes no step for 120 s).\n",
          argv[0], argv[0], default_max_steps, default_spurious);
      return 0;
    } else {
      std::fprintf(stderr,
                   "%s: unknown argument '%s' (accepted: --expect-violation, --weak-memory-fails, "
                   "--replay TOKEN, "
                   "--all, --max-steps N, --preemption-bound K, --max-schedules N, "
                   "--spurious-wakeups N, --symmetry, --strategy dpor|dfs, --format "
                   "text|markdown, --help)\n",
                   argv[0], argv[i]);
      return 2;
    }
  }
  if (markdown && replay_token == nullptr) {
    std::fprintf(stderr,
                 "%s: --format markdown applies to --replay TOKEN (the review of one "
                 "interleaving; a failing run prints the command)\n",
                 argv[0]);
    return 2;
  }
  // What a replay needs besides the token: the semantics the search ran with (a token found with
  // other values replays exactly only with them; explore.hpp, replay()).
  std::string other_args;  // what a replay needs besides its --max-steps
  if (options.spurious_wakeups != default_spurious)
    other_args += " --spurious-wakeups " + std::to_string(options.spurious_wakeups);
  std::string replay_args = other_args;
  if (options.max_steps != default_max_steps)
    replay_args = " --max-steps " + std::to_string(options.max_steps) + other_args;
  if (replay_token != nullptr) {
    try {
      const Execution e = replay(replay_token, body, end_check, options);
      if (markdown) {
        const char* slash = std::strrchr(argv[0], '/');
        ReviewOptions review;
        review.subject = "model test " + review_code(slash != nullptr ? slash + 1 : argv[0]);
        review.replay = argv[0] + replay_args + " --replay " + e.schedule;
        std::printf("%s", review_markdown(e, review).c_str());
      } else {
        std::printf("%s", render_timeline(e).c_str());
      }
      return e.ok() ? 0 : 1;
    } catch (const std::invalid_argument& bad) {  // not a token, or not one of this body's
      std::fprintf(stderr, "%s: --replay: %s (accepted: the token a failing run printed)\n",
                   argv[0], bad.what());
      return 2;
    }
  }
  // "1 schedule", "2 schedules".
  const auto count = [](std::size_t n, const char* noun) {
    return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
  };
  // A search that may never end says so once, on stderr: after kLongSearch schedules, or at the
  // first execution longer than kLongRun steps (polite threads reach that within seconds).
  constexpr std::size_t kLongSearch = 100000;
  constexpr std::size_t kLongRun = 1000;
  std::size_t runs = 0;
  bool quiet = false;  // said it, or a violation was found: nothing to say
  options.on_execution = [&](const Execution& e) {
    quiet = quiet || !e.ok();
    ++runs;
    if (quiet) return;
    const std::size_t steps = Schedule::parse(e.schedule).size();
    if (runs < kLongSearch && steps <= kLongRun) return;
    quiet = true;
    if (steps > kLongRun) {  // long executions: a loop that may never end
      std::fprintf(stderr,
                   "%s: still searching after %s, its last execution %zu steps long, "
                   "no violation yet: a loop that can repeat forever (two threads taking turns) "
                   "makes the search endless; %s turns such a run into a step-limit violation\n",
                   argv[0], count(runs, "schedule").c_str(), steps,
                   options.max_steps == default_max_steps ? "--max-steps N (e.g. 1000)"
                                                          : "a smaller --max-steps");
      return;
    }
    // Short executions, many of them: a search that is merely large. What cuts it, each where it
    // can apply (which of them the body's threads need is not known from here).
    std::string cuts;
    if (options.strategy == Strategy::dfs)
      cuts += " --strategy dpor runs one interleaving per class of equivalent ones (far fewer);";
    cuts += options.preemption_bound
                ? " a --preemption-bound below " + std::to_string(*options.preemption_bound) +
                      " runs fewer interleavings;"
                : std::string(
                      " --preemption-bound K (e.g. 2) runs every interleaving with at "
                      "most K preemptions;");
    if (options.spurious_wakeups > 0) {
      cuts +=
          " if threads wait on a condition variable, --spurious-wakeups 0 runs no wake-up "
          "without a notify (fewer interleavings, but a wait that does not re-check its "
          "condition is then not caught);";
    }
    if (!options.symmetry) {
      cuts +=
          " if threads run the same code, --symmetry (with them tagged interchangeable: "
          "sync::thread::interchangeable) runs one interleaving per class up to renaming "
          "them;";
    }
    std::fprintf(stderr,
                 "%s: still searching after %zu schedules of at most %zu steps, no violation "
                 "yet: a large search;%s --max-schedules N stops after N (not a proof)\n",
                 argv[0], runs, kLongRun, cuts.c_str());
  };
  Report report;
  try {
    report = explore(options, body, end_check);
  } catch (const nondeterministic_body& no_verdict) {
    std::fprintf(stderr, "%s: no verdict: %s\n", argv[0], no_verdict.what());
    return 3;
  }
  // --symmetry: what was reduced, or why the reduction was dropped (the counts are then the
  // unreduced search's).
  const auto say_symmetry = [&] {
    if (!options.symmetry) return;
    if (!report.symmetry_off.empty()) {
      std::printf("symmetry: %s\n", report.symmetry_off.c_str());
    } else if (report.symmetric_threads == 0) {
      std::printf(
          "symmetry: no thread was tagged interchangeable (sync::thread::interchangeable); "
          "nothing reduced\n");
    } else {
      std::printf(
          "symmetry: %d interchangeable threads (%s); each schedule run stands for its class "
          "of interleavings up to renaming them\n",
          report.symmetric_threads,
          count(static_cast<std::size_t>(report.symmetric_groups), "group").c_str());
    }
  };
  if (!report.failure) {
    const std::string bound =
        options.preemption_bound
            ? " with at most " + std::to_string(*options.preemption_bound) + " preemptions"
            : std::string();
    // With dpor's gap (a spurious wake-up taken) "every interleaving" would overclaim: the note
    // under the line says which ones dpor may have missed (new-user trial 6, F5). So would it
    // with a weak-memory note: the outcomes the note names were not run (trial 10, F1).
    const bool weak = !report.weak_memory.empty();
    // The gap closed by dfs (Options::close_dpor_gap): the line says that dfs ran them all.
    const std::string but = !report.dpor_gap.empty() ? ", but for the note's gap"
                            : report.dpor_gap_closed > 0
                                ? "; dpor took a spurious wake-up, so dfs ran all " +
                                      count(report.dpor_gap_closed, "schedule") + " too"
                                : "";
    const std::string every = weak ? "every sequentially consistent interleaving" + bound + but +
                                         ": not the weak-memory outcomes the note names"
                                   : "every interleaving" + bound + but;
    std::printf("safe: %s%s, no violation\n", count(report.schedules, "schedule").c_str(),
                report.complete ? (" (" + every + ")").c_str() : "");
    say_symmetry();
    if (!report.complete && options.max_schedules != 0) {
      std::printf(
          "note: the search stopped at --max-schedules %zu: not every interleaving was "
          "run, so this is not a proof\n",
          options.max_schedules);
    }
    // What "every interleaving" did not include: dpor's gap, weaker memory orders (model::notes).
    for (const ReportNote& note : notes(report)) std::printf("note: %s\n", note.text.c_str());
    if (expect_violation) {  // the line above reads as a pass; this test wanted the bug found
      std::printf("FAIL: --expect-violation (EXPECT violation): no violation found\n");
      return 1;
    }
    if (weak && weak_memory_fails) {
      std::printf(
          "FAIL: --weak-memory-fails (WEAK_MEMORY_FAILS): the weak-memory note above names "
          "outcomes the model does not run\n");
      return 1;
    }
    return 0;
  }
  // The headline is the strongest kind found (witness_order: a wrong result or an exception
  // before a hang, a hang before a data race), as racelab check shows it; the others follow as
  // "also found:" (new-user trial 8: a lost update was only an "also found" under its race).
  const std::vector<std::string> order = witness_order(report);
  const Execution& f = order.empty() ? *report.failure : report.witnesses.at(order.front());
  // A step limit's schedule is as long as the limit: 20,000 steps make a 30 KB token, which no
  // one pastes (new-user trial 9). The execution had not ended at any of its steps, so its first
  // kShortSteps steps under --max-steps kShortSteps end in the same violation: the commands
  // replay that (checked here by running it; the whole token when it does not hold).
  constexpr std::size_t kShortSteps = 200;
  const auto step_limit_only = [](const Execution& e) {
    return !e.violations.empty() &&
           std::all_of(e.violations.begin(), e.violations.end(),
                       [](const Violation& v) { return v.id == "step-limit"; });
  };
  // The token of e's first kShortSteps steps when they replay its step limit, else "".
  const auto short_token = [&](const Execution& e) -> std::string {
    const Schedule steps = Schedule::parse(e.schedule);
    if (!step_limit_only(e) || steps.size() <= kShortSteps) return "";
    const std::string prefix =
        Schedule(std::vector<int>(steps.steps().begin(),
                                  steps.steps().begin() + static_cast<std::ptrdiff_t>(kShortSteps)))
            .str();
    Options short_run = options;
    short_run.max_steps = kShortSteps;
    try {
      return step_limit_only(replay(prefix, body, end_check, short_run)) ? prefix : "";
    } catch (const std::exception&) {  // a misfit: the body is not what it was
      return "";
    }
  };
  // The arguments that replay e: its first kShortSteps when `shorter` is their token.
  const auto replay_command = [&](const Execution& e, const std::string& shorter) {
    return shorter.empty() ? replay_args + " --replay " + e.schedule
                           : " --max-steps " + std::to_string(kShortSteps) + other_args +
                                 " --replay " + shorter;
  };
  // Which thread, when the message does not say (three workers' KeyError read the same), as
  // racelab check says it.
  const auto in_thread = [](const Violation& v) {
    return v.thread.empty() || v.message.find(v.thread) != std::string::npos ? std::string()
                                                                             : " in " + v.thread;
  };
  for (const Violation& v : f.violations)
    std::printf("violation: %s%s\n", v.message.c_str(), in_thread(v).c_str());
  // The other bugs the search found, each with its own witness: a test log should not hide a
  // deadlock found beside the wrong result it shows.
  for (const auto& found : report.witnesses) {
    const std::string& id = found.first;  // (clang 14 cannot capture a structured binding)
    const Execution& witness = found.second;
    const auto same = [&id](const Violation& v) { return v.id == id; };
    if (std::any_of(f.violations.begin(), f.violations.end(), same)) continue;
    const auto v = std::find_if(witness.violations.begin(), witness.violations.end(), same);
    if (v == witness.violations.end()) continue;
    std::printf("also found: %s%s (%s%s)\n", v->message.c_str(), in_thread(*v).c_str(), argv[0],
                replay_command(witness, short_token(witness)).c_str());
  }
  say_symmetry();
  // The witness bound ended the search: what it found is real, but it is not all there may be —
  // a deadlock of five philosophers lies past the schedules a data race was found in.
  if (!report.complete && options.stop_on_first_violation && options.max_schedules == 0) {
    std::size_t first = report.schedules;
    for (const auto& seen : report.first_seen) first = std::min(first, seen.second);
    std::printf(
        "note: the search stopped %s after the first violation (enough to give each kind it "
        "met its own witness): not every interleaving was run, so another kind of violation (a "
        "deadlock, a wrong result) may lie beyond; --all searches them all\n",
        count(report.schedules - first, "schedule").c_str());
  }
  // A long failure (a step limit: 20,000 steps) would flood the test log: show kShown steps
  // around the first violation's culprit, or the last ones when it has none (a step limit's
  // cycle is at the end); --replay prints every step.
  constexpr int kShown = 150;
  const int steps = static_cast<int>(f.trace.steps.size());
  const std::string shorter = short_token(f);
  const bool shortened = !shorter.empty();
  const std::string command = replay_command(f, shorter);
  TimelineOptions window;
  if (steps > 2 * kShown) {
    const int culprit = f.violations.empty() ? -1 : f.violations.front().step;
    window.first = culprit < 0 ? steps - kShown : std::max(0, culprit - kShown / 2);
    window.last = std::min(steps, window.first + kShown);
    window.first = window.last - kShown;
    std::printf("(steps %d to %d of %d shown%s)\n", window.first + 1, window.last, steps,
                shortened ? "" : "; --replay prints them all");
  }
  std::printf("%s", render_timeline(f, window).c_str());
  if (shortened) {
    std::printf(
        "(its schedule is %zu steps long: the commands replay its first %zu, which end in "
        "the same step limit)\n",
        Schedule::parse(f.schedule).size(), kShortSteps);
  }
  std::printf("replay: %s%s\n", argv[0], command.c_str());
  std::printf("review: %s%s --format markdown\n", argv[0], command.c_str());
  return expect_violation ? 0 : 1;
}

}  // namespace racelab::model
