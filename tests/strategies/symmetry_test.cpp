// tests/strategies/symmetry_test.cpp — symmetry reduction (engine_symmetry.cpp) against the
// unreduced search, on random facade programs with groups of interchangeable threads.
//
// A program: MainThread starts a group of 2-4 identical workers (tagged interchangeable), maybe a
// second group of 2 running other code, maybe one thread of its own, and joins them all at the
// end (the promise: nothing tells the members apart). Worker code is a random sequence of cell
// reads and writes whose values steer it, critical sections on two mutexes (a second group may
// take them in the other order: deadlocks), try_locks and an atomic counter whose old value picks
// a branch. The end check turns the final state into a violation id ("end A=3 B=1 n=2"), so
// comparing the sets of violation ids compares the reachable end states too, beside data races,
// deadlocks and exceptions.
//
// The reduced search (dpor and dfs with Options::symmetry) must find exactly the ids the
// unreduced one finds: plain dfs (every interleaving) where it fits a budget, else unreduced dpor
// (itself checked against dfs on thousands of programs, engine_dpor_test.cpp and dpor_test.cpp).
// And every witness the reduced search reports must replay, without symmetry, to its violations.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <iterator>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "model/engine.hpp"
#include "model/strategies/splitmix64.hpp"
#include "racelab/model/explore.hpp"
#include "racelab/sync.hpp"

namespace racelab::strategy_tests {
namespace {

using model::Body;
using model::EndCheck;

enum class Kind { read_a, write_a, read_b, write_b, section_1, section_2, try_2, counter };
struct Op {
  Kind kind;
  int arg;
};
using Code = std::vector<Op>;

struct State {
  sync::shared<int> a{"A", 0};
  sync::shared<int> b{"B", 0};
  sync::mutex m1{"M1"};
  sync::mutex m2{"M2"};
  sync::atomic<int> n{"n", 0};
};

// One simple step inside a critical section or a branch.
void simple(State& s, int& acc, int arg) {
  if (arg % 2 == 0) {
    acc = acc * 3 + s.a.read("get a", [](const int& v) { return v; });
  } else {
    s.b.write("add b", [&](int& v) { v += 1 + acc % 2; });
  }
}

void run_code(State& s, const Code& code, bool reversed) {
  int acc = 0;
  for (const Op& op : code) {
    switch (op.kind) {
      case Kind::read_a: acc = acc * 3 + s.a.read("get a", [](const int& v) { return v; }); break;
      case Kind::write_a: s.a.write("set a", [&](int& v) { v = (v + acc + op.arg) % 5; }); break;
      case Kind::read_b: acc += s.b.read("get b", [](const int& v) { return v; }); break;
      case Kind::write_b: s.b.write("set b", [&](int& v) { v = (v * 2 + acc) % 7; }); break;
      case Kind::section_1:
      case Kind::section_2: {
        // section_2 nests both mutexes, in the other order for a reversed group.
        sync::mutex& first = op.kind == Kind::section_1 || !reversed ? s.m1 : s.m2;
        sync::mutex& second = &first == &s.m1 ? s.m2 : s.m1;
        sync::lock_guard g1(first);
        if (op.kind == Kind::section_2) {
          sync::lock_guard g2(second);
          simple(s, acc, op.arg);
        } else {
          simple(s, acc, op.arg);
        }
        break;
      }
      case Kind::try_2:
        if (s.m2.try_lock()) {
          simple(s, acc, op.arg);
          s.m2.unlock();
        } else {
          acc += 5;
        }
        break;
      case Kind::counter:
        if (s.n.fetch_add(1) == 0) simple(s, acc, op.arg + 1);
        break;
    }
  }
}

struct Program {
  Code group;                 // the interchangeable workers' code
  int members = 2;            // how many of them
  Code second;                // a second group of 2 (empty: none), reversed lock order
  Code loner;                 // one thread of its own (empty: none)
  bool loner_tagged = false;  // the loner is tagged too, alone in its group: no effect
};

Code random_code(model::detail::SplitMix64& rng, int max_ops) {
  Code code;
  const int n = 1 + static_cast<int>(rng.next() % max_ops);
  for (int i = 0; i < n; ++i) {
    const auto k = static_cast<Kind>(rng.next() % 8);
    code.push_back({k, static_cast<int>(rng.next() % 4)});
  }
  return code;
}

// small: 2 or 3 workers of 1-2 operations and at most a loner of 1, for plain dfs to cover.
Program random_program(std::uint64_t seed, bool small = false) {
  model::detail::SplitMix64 rng(seed);
  Program p;
  p.members = 2 + static_cast<int>(rng.next() % (small ? 2 : 3));
  p.group = random_code(rng, small || p.members >= 3 ? 2 : 3);
  const auto extra = rng.next() % 4;
  if (extra == 1 && p.members <= 3 && !small) p.second = random_code(rng, 2);
  if (extra == 2) p.loner = random_code(rng, small ? 1 : 2);
  if (extra == 3) p.loner = random_code(rng, small ? 1 : 2), p.loner_tagged = true;
  return p;
}

struct Harness {
  Body body;
  EndCheck end_check;
};

Harness harness(const Program& p) {
  // The end check's view of the running execution's state; weak, so that each state dies with
  // its own execution (keep_until_end), not during the next one.
  auto current = std::make_shared<std::weak_ptr<State>>();
  Harness h;
  h.body = [p, current] {
    auto s = std::make_shared<State>();
    *current = s;
    model::keep_until_end(s);
    std::vector<sync::thread> threads;
    for (int i = 0; i < p.members; ++i) {
      threads.emplace_back("worker", [s, code = p.group] { run_code(*s, code, false); });
      threads.back().interchangeable("worker");
    }
    for (int i = 0; !p.second.empty() && i < 2; ++i) {
      threads.emplace_back("other", [s, code = p.second] { run_code(*s, code, true); });
      threads.back().interchangeable("other");
    }
    if (!p.loner.empty()) {
      threads.emplace_back("loner", [s, code = p.loner] { run_code(*s, code, true); });
      if (p.loner_tagged) threads.back().interchangeable("loner");
    }
    for (auto& t : threads) t.join();
  };
  h.end_check = [current] {
    const auto alive = current->lock();
    State& s = *alive;
    const int a = s.a.read("end", [](const int& v) { return v; });
    const int b = s.b.read("end", [](const int& v) { return v; });
    model::Violation v;
    v.kind = model::Outcome::property_violated;
    v.id = "end A=" + std::to_string(a) + " B=" + std::to_string(b) +
           " n=" + std::to_string(s.n.load());
    v.message = v.id;
    return std::vector<model::Violation>{v};
  };
  return h;
}

struct Found {
  std::set<std::string> ids;
  bool complete = false;
  std::size_t schedules = 0;
  model::Report report;
};

// Every execution of one search, none cut short by a violation or rerun by shrinking.
model::Options search_options(model::Strategy strategy, bool symmetry, std::size_t budget = 0) {
  model::Options o;
  o.strategy = strategy;
  o.symmetry = symmetry;
  o.stop_on_first_violation = false;
  o.shrink = false;
  o.max_schedules = budget;
  o.check_determinism = false;  // engine_dpor_test and the model tests cover the guard
  return o;
}

Found search(const Harness& h, model::Strategy strategy, bool symmetry, std::size_t budget = 0) {
  Found f;
  model::Options o = search_options(strategy, symmetry, budget);
  o.on_execution = [&f](const model::Execution& x) {
    for (const auto& v : x.violations) f.ids.insert(v.id);
  };
  f.report = model::explore(o, h.body, h.end_check);
  f.complete = f.report.complete;
  f.schedules = f.report.schedules;
  return f;
}

std::string show(const std::set<std::string>& ids) {
  std::string s;
  for (const auto& id : ids) s += "[" + id + "] ";
  return s;
}

// Kept small: the test runs in every CI preset. RACELAB_SYMMETRY_PROGRAMS (set by CMake: 30, 12
// under the sanitizers) programs, half of them small enough for plain dfs.
std::uint64_t programs() {
  const char* text = std::getenv("RACELAB_SYMMETRY_PROGRAMS");
  const std::uint64_t n = text != nullptr && *text != '\0' ? std::strtoull(text, nullptr, 10) : 30;
  return n > 0 ? n : 30;
}
constexpr std::size_t kDfsBudget = 2000;

TEST(Symmetry, RandomProgramsFindWhatTheUnreducedSearchFinds) {
  const std::uint64_t kPrograms = programs();
  std::size_t reduced = 0, unreduced = 0, with_dfs = 0, smaller = 0;
  for (std::uint64_t seed = 1; seed <= kPrograms; ++seed) {
    const Program p = random_program(seed, seed % 2 == 0);
    const Harness h = harness(p);
    Found base = search(h, model::Strategy::dfs, false, kDfsBudget);
    if (base.complete) {
      ++with_dfs;
    } else {
      base = search(h, model::Strategy::dpor, false);
    }
    ASSERT_TRUE(base.complete) << "seed " << seed;
    const Found dpor = search(h, model::Strategy::dpor, true);
    ASSERT_TRUE(dpor.complete) << "seed " << seed;
    EXPECT_EQ(show(dpor.ids), show(base.ids)) << "seed " << seed << ": dpor with symmetry";
    EXPECT_EQ(dpor.report.symmetric_threads, p.members + (p.second.empty() ? 0 : 2))
        << "seed " << seed;
    if (base.report.strategy == model::Strategy::dfs) {
      const Found dfs = search(h, model::Strategy::dfs, true, kDfsBudget);
      EXPECT_TRUE(dfs.complete) << "seed " << seed;
      EXPECT_EQ(show(dfs.ids), show(base.ids)) << "seed " << seed << ": dfs with symmetry";
    }
    const Found plain = base.report.strategy == model::Strategy::dpor
                            ? base
                            : search(h, model::Strategy::dpor, false);
    reduced += dpor.report.traces;
    unreduced += plain.report.traces;
    EXPECT_LE(dpor.report.traces, plain.report.traces) << "seed " << seed;
    smaller += dpor.report.traces < plain.report.traces ? 1 : 0;
  }
  std::cout << "symmetry: " << reduced << " traces explored where the unreduced dpor explores "
            << unreduced << ", over " << kPrograms << " programs (" << with_dfs
            << " also against plain dfs)\n";
  // The reduction is real on this population (not a property of every program).
  EXPECT_LT(reduced * 2, unreduced);
  EXPECT_GT(smaller, kPrograms / 3);
  EXPECT_GT(with_dfs, kPrograms / 6);
}

// The class of an execution up to renaming interchangeable threads, as a string. Each thread's
// history lists its accesses with the object's version when it made them (the changes of that
// object before it): equal in every execution of one Mazurkiewicz trace, since dependent steps
// keep their order; and, since a failed try_lock changes nothing, equal too when two of them
// swap (the same state either way, which the dependence relation does not know). Thread
// operations (start, spawn, join, exit) and yields and fences are left out: the programs start
// and join their threads in program order, and a yield or a fence touches no object. The members of a group ("Thread-3 (worker)": the name in
// parentheses) give their histories sorted, so renaming them changes nothing.
std::string orbit_of(const model::Trace& t) {
  std::map<std::string, int> changes;
  std::vector<std::string> history(t.threads.size());
  for (const model::Step& s : t.steps) {
    using K = model::OpKind;
    if (s.kind == K::spawn || s.kind == K::join || s.kind == K::exit || s.kind == K::start ||
        s.kind == K::yield || s.kind == K::fence)
      continue;
    int& version = changes[s.object];
    history[static_cast<std::size_t>(s.thread)] += std::to_string(static_cast<int>(s.kind)) + " " +
                                                   s.object + " " + s.detail + " @" +
                                                   std::to_string(version) + "; ";
    // A failed try_lock ("busy") only looks, like a read: the mutex is as it was (the engine's
    // version, which tells twins apart, does not move either).
    if (s.kind != K::read && s.kind != K::load && s.value != "busy") ++version;
  }
  std::map<std::string, std::vector<std::string>> groups;
  for (std::size_t i = 0; i < t.threads.size(); ++i) {
    const std::string& name = t.threads[i];
    const auto open = name.find(" (");
    const bool member = open != std::string::npos && name.find("(loner)") == std::string::npos;
    groups[member ? name.substr(open) : name].push_back(history[i]);
  }
  std::string orbit;
  for (auto& [group, histories] : groups) {
    std::sort(histories.begin(), histories.end());
    orbit += group + ": ";
    for (const auto& h : histories) orbit += "[" + h + "] ";
  }
  return orbit;
}

std::set<std::string> orbits(const Harness& h, bool symmetry, std::size_t* runs = nullptr) {
  std::set<std::string> found;
  model::Options o = search_options(model::Strategy::dpor, symmetry);
  o.record_traces = true;
  o.on_execution = [&found](const model::Execution& x) { found.insert(orbit_of(x.trace)); };
  const auto report = model::explore(o, h.body, h.end_check);
  EXPECT_TRUE(report.complete);
  if (runs != nullptr) *runs = report.runs;
  return found;
}

// The strong check: the reduced search explores at least one execution of every class the
// unreduced dpor explores, up to renaming (comparing violation ids, above, would not notice a
// lost class whose end state another class shares). RACELAB_SYMMETRY_PROGRAMS of them, as above.
// Known gaps, open (docs/model-library.md): of 1,500 programs, five lose classes. Two (seeds 177:
// 90 of 7,716; 301: 95 of 1,056) are DPOR's: TheRuleAllowsARenamingOfEveryExecution below runs a
// renaming of each lost class under the rule. Three (315: 3 of 6; 343: 16 of 246; 1209: 2 of 8)
// come from the fair scheduler (they pass with it off). Seed 233 and 93 of seed 177's lost
// classes were a plain-dpor bug, fixed (dpor_classes_test.cpp). The default 30 programs pass.
TEST(Symmetry, RandomProgramsExploreEveryClassUpToRenaming) {
  const std::uint64_t kPrograms = programs();
  // RACELAB_SYMMETRY_SEED=N: that program alone (to look at a failure).
  const char* only = std::getenv("RACELAB_SYMMETRY_SEED");
  const std::uint64_t first = only != nullptr ? std::strtoull(only, nullptr, 10) : 1;
  const std::uint64_t last = only != nullptr ? first : kPrograms;
  std::size_t classes = 0, reduced_runs = 0, unreduced_runs = 0;
  for (std::uint64_t seed = first; seed <= last; ++seed) {
    const Harness h = harness(random_program(seed, seed % 2 == 0));
    std::size_t plain_runs = 0, runs = 0;
    const auto all = orbits(h, false, &plain_runs);
    const auto reduced = orbits(h, true, &runs);
    std::vector<std::string> missing;
    std::set_difference(all.begin(), all.end(), reduced.begin(), reduced.end(),
                        std::back_inserter(missing));
    EXPECT_TRUE(missing.empty()) << "seed " << seed << ": " << missing.size() << " of "
                                 << all.size() << " classes not explored, e.g. " << missing.front();
    EXPECT_EQ(reduced.size(), all.size()) << "seed " << seed;
    classes += all.size();
    reduced_runs += runs;
    unreduced_runs += plain_runs;
  }
  std::cout << "symmetry: " << classes << " classes up to renaming over " << kPrograms
            << " programs, explored in " << reduced_runs << " runs (unreduced: " << unreduced_runs
            << ")\n";
}

// Runs one execution of the program under the turn rule, following `plan` (the threads of an
// execution found without symmetry) renamed as engine_symmetry.cpp's proof renames it: when the
// planned thread waits for its twin, the head of its chain (same state, same step) takes the
// step and the two names swap for the rest of the plan. MainThread's joins name one thread, so
// after a swap one may wait longer: they are put off, in order, until they can run (a join
// touches nothing the class records).
class RenamingPlan final : public model::detail::Scheduler {
 public:
  explicit RenamingPlan(std::vector<int> plan) : plan_(std::move(plan)) {
    for (int i = 0; i < 64; ++i) name_[static_cast<std::size_t>(i)] = i;
  }
  bool next_execution() override { return !started_ && (started_ = true); }
  int pick(const model::detail::Choice& c) override {
    if (c.enabled == 0) return -1;  // the end, or stuck: the caller sees which
    if (joins_put_off_ > 0 && (c.enabled & 1u)) return --joins_put_off_, 0;
    while (next_ < plan_.size() && plan_[next_] == 0 && (joins_put_off_ > 0 || !(c.enabled & 1u)))
      ++joins_put_off_, ++next_;
    // Past the plan's end (a deadlock), MainThread may join a thread the renaming let finish.
    if (next_ >= plan_.size() && c.enabled == 1u &&
        (*c.threads)[0].next.kind == model::OpKind::join)
      return 0;
    if (next_ >= plan_.size()) return refuse("the plan ended with threads left to run");
    const int t = name_[static_cast<std::size_t>(plan_[next_++])];
    if ((c.enabled >> t) & 1u) return t;
    if (!((c.twin_held >> t) & 1u))
      return refuse("thread " + std::to_string(t) + " cannot run at step " +
                    std::to_string(c.step) + " (offered: mask " + std::to_string(c.enabled) + ")");
    const int head = c.twin_head[t];
    for (int& x : name_) x = x == t ? head : x == head ? t : x;
    ++swaps_;
    return head;
  }
  const std::string& refused() const { return refused_; }
  int swaps() const { return swaps_; }

 private:
  int refuse(std::string why) {
    refused_ = std::move(why);
    return -1;
  }
  std::vector<int> plan_;
  std::array<int, 64> name_{};  // the current name of each thread of the plan
  std::size_t next_ = 0;
  int joins_put_off_ = 0;
  int swaps_ = 0;
  bool started_ = false;
  std::string refused_;
};

// The rule's half of "nothing is lost, up to renaming", apart from DPOR: every execution the
// unreduced dpor explores has a renaming the rule allows — run under the rule, it ends in the
// same class. (A class this finds and the reduced search misses is then DPOR's loss, as the
// known gaps above are.) Without the fair scheduler (Semantics::fair): it is outside the rule,
// and a renaming does not preserve what it does — it hides a spinner while another thread can
// run, and MainThread's joins, which name threads, may be that other thread; it offers the
// lowest id when only spinners can run. A member that reads one cell twice at one line is a
// spinner to it, so on such programs the reduced search may miss classes for that reason
// (docs/model-library.md, "Known gaps"). 1,500 programs: 4,462,259 executions, 4,236,217
// of them renamed, every one allowed and in its class.
TEST(Symmetry, TheRuleAllowsARenamingOfEveryExecution) {
  const std::uint64_t kPrograms = programs();
  std::size_t checked = 0, renamed = 0;
  for (std::uint64_t seed = 1; seed <= kPrograms; ++seed) {
    const Harness h = harness(random_program(seed, seed % 2 == 0));
    // Every execution of the unreduced dpor, as a class and the threads that ran.
    std::vector<std::pair<std::string, std::vector<int>>> executions;
    model::detail::Semantics unfair;
    unfair.fair = false;
    model::detail::Engine engine(h.body, h.end_check, unfair);
    model::detail::RunConfig config;
    config.trace = true;
    const auto dpor = model::detail::make_dpor(std::nullopt);
    while (dpor->next_execution()) {
      if (engine.run(*dpor, config) == model::detail::RunEnd::abandoned) continue;
      const model::Trace trace = engine.take_trace();
      std::vector<int> plan;
      for (const model::Step& step : trace.steps) plan.push_back(step.thread);
      executions.emplace_back(orbit_of(trace), std::move(plan));
    }
    config.symmetry = true;
    for (const auto& [orbit, plan] : executions) {
      RenamingPlan renaming(plan);
      (void)renaming.next_execution();
      const auto end = engine.run(renaming, config);
      ASSERT_EQ(end, model::detail::RunEnd::ended) << "seed " << seed << ": " << renaming.refused();
      EXPECT_EQ(orbit_of(engine.take_trace()), orbit) << "seed " << seed;
      renamed += renaming.swaps() > 0 ? 1 : 0;
      ++checked;
    }
  }
  std::cout << "symmetry: " << checked << " executions, each run under the rule in its class ("
            << renamed << " of them renamed)\n";
  EXPECT_GT(renamed, 0u);  // the rule held some members back: the check checked something
}

// A witness found with symmetry is an execution of the program: it replays without symmetry
// (model::replay knows nothing of it) to the same violations, with the threads' real names.
TEST(Symmetry, WitnessesReplayWithoutSymmetry) {
  std::size_t replayed = 0;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const Harness h = harness(random_program(seed));
    model::Options o;
    o.symmetry = true;
    const model::Report r = model::explore(o, h.body, h.end_check);
    for (const auto& [id, w] : r.witnesses) {
      const model::Execution x = model::replay(w.schedule, h.body, h.end_check);
      std::vector<std::string> a, b;
      for (const auto& v : w.violations) a.push_back(v.id + "@" + v.thread);
      for (const auto& v : x.violations) b.push_back(v.id + "@" + v.thread);
      EXPECT_EQ(a, b) << "seed " << seed << " witness " << id << " " << w.schedule;
      EXPECT_EQ(w.preemptions, x.preemptions) << "seed " << seed << " " << w.schedule;
      ++replayed;
    }
  }
  EXPECT_GT(replayed, 20u);
}

// The seed's teardown: the fixed workers lock, erase and unlock; n! orders of their critical
// sections are one up to renaming. The buggy ones read, then erase: fewer classes, same bugs.
Body seed_workers(int workers, bool fixed, bool tagged) {
  return [workers, fixed, tagged] {
    auto cell = std::make_shared<sync::shared<int>>("QUEUE_USER", 1);
    auto lock = std::make_shared<sync::mutex>("QUEUE_USER_LOCK");
    std::vector<sync::thread> threads;
    for (int i = 0; i < workers; ++i) {
      threads.emplace_back("worker", [cell, lock, fixed] {
        sync::this_thread::yield("read proxy pool");
        if (fixed) {
          sync::lock_guard g(*lock);
          cell->write("pop", [](int& v) { v = 0; });
          return;
        }
        if (cell->read("find", [](const int& v) { return v; }) == 0) {
          throw std::runtime_error("KeyError");
        }
        cell->write("erase", [](int& v) { v = 0; });
      });
      if (tagged) threads.back().interchangeable("worker");
    }
    for (auto& t : threads) t.join();
  };
}

TEST(Symmetry, SeedTeardownCounts) {
  model::Options o;
  o.symmetry = true;
  o.stop_on_first_violation = false;
  for (int n = 2; n <= 5; ++n) {
    const auto fixed = model::explore(o, seed_workers(n, true, true));
    EXPECT_TRUE(fixed.complete);
    EXPECT_EQ(fixed.traces, 1u) << n << " workers: one order of the critical sections";
    EXPECT_FALSE(fixed.failure);
    // Untagged: no reduction, n! traces, even with the option on.
    std::size_t factorial = 1;
    for (int k = 2; k <= n; ++k) factorial *= static_cast<std::size_t>(k);
    EXPECT_EQ(model::explore(o, seed_workers(n, true, false)).traces, factorial);
    model::Options plain = o;
    plain.symmetry = false;
    const auto buggy_plain = model::explore(plain, seed_workers(n, false, true));
    const auto buggy = model::explore(o, seed_workers(n, false, true));
    EXPECT_LT(buggy.traces, buggy_plain.traces) << n;
    // Up to names, a buggy execution is where the erases fall among the look-ups: the k workers
    // that look before the first erase all erase, and the other n - k look-ups fall among the
    // k - 1 later erases in C(n-1, k-1) ways; summed over k, 2^(n-1). One trace per class.
    EXPECT_EQ(buggy.traces, std::size_t{1} << (n - 1)) << n;
    // And no run wasted on a reversal that only swaps two workers (dpor.cpp, renaming).
    EXPECT_EQ(buggy.runs, buggy.traces) << n;
    EXPECT_EQ(fixed.runs, 1u) << n;
    EXPECT_EQ(buggy.witnesses.size(), buggy_plain.witnesses.size()) << n;
    for (const auto& [id, w] : buggy_plain.witnesses)
      EXPECT_EQ(buggy.witnesses.count(id), 1u) << id;
  }
}

// n interchangeable readers of one cell and one writer. Up to renaming the readers, an execution
// is only how many of them read before the write: n + 1 classes, where the unreduced search has
// 2^n traces (each reader on either side of the write). Reads commute, so this is the case a rule
// that lets twins read in any order misses: one reader before the write and one after, or the
// other way round, is the same execution up to names (engine_symmetry.cpp, "Reads wait too").
Body readers_and_a_writer(int readers) {
  return [readers] {
    auto cell = std::make_shared<sync::shared<int>>("A", 0);
    std::vector<sync::thread> threads;
    for (int i = 0; i < readers; ++i) {
      threads.emplace_back("reader",
                           [cell] { (void)cell->read("get", [](const int& v) { return v; }); });
      threads.back().interchangeable("reader");
    }
    threads.emplace_back("writer", [cell] { cell->write("set", [](int& v) { v = 1; }); });
    for (auto& t : threads) t.join();
  };
}

TEST(Symmetry, ReadersOnEitherSideOfAWriteGiveOneTracePerCount) {
  model::Options o;
  o.symmetry = true;
  model::Options plain;
  for (int n = 1; n <= 6; ++n) {
    const auto reduced = model::explore(o, readers_and_a_writer(n));
    EXPECT_TRUE(reduced.complete);
    EXPECT_EQ(reduced.traces, static_cast<std::size_t>(n + 1)) << n << " readers";
    EXPECT_EQ(model::explore(plain, readers_and_a_writer(n)).traces, std::size_t{1} << n)
        << n << " readers";
  }
}

}  // namespace
}  // namespace racelab::strategy_tests
