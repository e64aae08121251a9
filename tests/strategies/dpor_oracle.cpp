// tests/strategies/dpor_oracle.cpp — racelab_dpor_oracle: dpor (whole, and cut into K parts)
// against exhaustive dfs on random facade programs (facade_programs.hpp), trace class by trace
// class. The classes come from the recorded steps alone (trace_classes.hpp: Foata normal form,
// threads named by spawn path), so the check does not trust DPOR. Not a test (dfs is slow): a
// tool to run after changing dpor.cpp, dependence or the cut (shard.cpp).
//
//   racelab_dpor_oracle FIRST_SEED COUNT [MAX_OPS MAX_CHILDREN [MAX_DFS_SCHEDULES]]
//
// Environment: RACELAB_ORACLE_NO_DFS=1 skips dfs (too slow past a few hundred thousand
// interleavings) and takes the union of the dpor runs' classes as the reference: every class in
// it is a real execution, so a run that lacks one missed it. RACELAB_ORACLE_SPURIOUS=N sets
// Options::spurious_wakeups. RACELAB_ORACLE_SHOW=1 prints a missed class, =all every class.
//
// One line per program: dfs schedules, classes and end states; then for dpor and each K: its
// executions, the classes they cover, executions of a class already covered (duplicates),
// classes of dfs missing, end states missing. Exit 1 when some dpor run misses a class or an end
// state, or a class shows two different results (the dependence would be wrong).
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <string>

#include "facade_programs.hpp"
#include "trace_classes.hpp"

namespace {

using namespace racelab;
using namespace racelab::strategy_tests;

struct Census {
  std::size_t executions = 0;
  std::map<std::string, std::string> classes;  // normal form -> with values
  std::set<std::string> ends;
  std::size_t duplicates = 0;
  std::size_t inconsistent = 0;  // one class, two results
  std::string first_inconsistent;
};

model::Options options(model::Strategy s) {
  model::Options o;
  o.strategy = s;
  o.stop_on_first_violation = false;
  o.check_determinism = false;
  o.record_traces = true;
  // RACELAB_ORACLE_SPURIOUS=N: the spurious wake-ups each thread may take (default 1).
  if (const char* n = std::getenv("RACELAB_ORACLE_SPURIOUS")) o.spurious_wakeups = std::atoi(n);
  return o;
}

void count(Census& c, const model::Execution& x) {
  ++c.executions;
  const TraceClass tc = trace_class(x.trace);
  const auto [it, fresh] = c.classes.emplace(tc.normal_form, tc.with_values);
  if (!fresh) {
    ++c.duplicates;
    if (it->second != tc.with_values && c.inconsistent++ == 0)
      c.first_inconsistent = it->second + "\n  vs\n" + tc.with_values;
  }
  for (const model::Violation& v : x.violations) c.ends.insert(v.id);
}

Census run(const FacadeHarness& h, model::Options o, std::size_t parts) {
  Census c;
  o.on_execution = [&c](const model::Execution& x) { count(c, x); };
  explore_whole_or_parts(h, o, parts);
  return c;
}

std::size_t missing(const Census& truth, const Census& c, std::string* example) {
  std::size_t n = 0;
  for (const auto& [form, values] : truth.classes)
    if (c.classes.count(form) == 0 && n++ == 0 && example) *example = form;
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr,
                 "usage: racelab_dpor_oracle FIRST_SEED COUNT [MAX_OPS MAX_CHILDREN "
                 "[MAX_DFS_SCHEDULES]]\n");
    return 2;
  }
  const std::uint64_t first = std::strtoull(argv[1], nullptr, 0);
  const int programs = std::atoi(argv[2]);
  FacadeShape shape;
  if (argc > 4) shape = FacadeShape{std::atoi(argv[3]), std::atoi(argv[4])};
  const std::size_t dfs_limit = argc > 5 ? std::strtoull(argv[5], nullptr, 0) : 2000000;
  int bad = 0;
  for (int i = 0; i < programs; ++i) {
    const std::uint64_t seed = first + static_cast<std::uint64_t>(i);
    const FacadeProgram p = random_facade_program(seed, shape);
    const FacadeHarness h = facade_harness(p);
    model::Options dfs = options(model::Strategy::dfs);
    dfs.max_schedules = dfs_limit;
    Census truth;
    dfs.on_execution = [&truth](const model::Execution& x) { count(truth, x); };
    // RACELAB_ORACLE_NO_DFS: no dfs; the truth is the union of the dpor runs' classes.
    const bool no_dfs = std::getenv("RACELAB_ORACLE_NO_DFS") != nullptr;
    if (no_dfs) {
      for (std::size_t parts : {0u, 1u, 2u, 3u}) {
        const Census c = run(h, options(model::Strategy::dpor), parts);
        truth.classes.insert(c.classes.begin(), c.classes.end());
        truth.ends.insert(c.ends.begin(), c.ends.end());
      }
    }
    const model::Report r = no_dfs ? model::Report{} : model::explore(dfs, h.body, h.end_check);
    if (!no_dfs && !r.complete) {
      std::printf("seed %#llx: dfs over %zu schedules, skipped\n",
                  static_cast<unsigned long long>(seed), dfs_limit);
      continue;
    }
    std::printf("seed %#llx: %s %zu schedules, %zu classes, %zu end states%s\n",
                static_cast<unsigned long long>(seed), no_dfs ? "dpor runs together" : "dfs",
                no_dfs ? std::size_t{0} : truth.executions, truth.classes.size(), truth.ends.size(),
                truth.inconsistent ? " INCONSISTENT CLASSES" : "");
    bool wrong = truth.inconsistent > 0;
    if (truth.inconsistent) std::printf("  %s\n", truth.first_inconsistent.c_str());
    for (std::size_t parts : {0u, 1u, 2u, 3u}) {
      const Census c = run(h, options(model::Strategy::dpor), parts);
      std::string example;
      const std::size_t lost = missing(truth, c, &example);
      std::size_t lost_ends = 0;
      for (const std::string& e : truth.ends) lost_ends += c.ends.count(e) == 0 ? 1 : 0;
      std::size_t extra = 0;
      for (const auto& [form, values] : c.classes) extra += truth.classes.count(form) == 0;
      std::printf(
          "  dpor%s: %zu executions, %zu classes, %zu duplicates, %zu missing, %zu end "
          "states missing%s\n",
          parts == 0 ? "      " : (" K=" + std::to_string(parts) + "  ").c_str(), c.executions,
          c.classes.size(), c.duplicates, lost, lost_ends, extra ? " CLASSES DFS LACKS" : "");
      if (lost > 0 && std::getenv("RACELAB_ORACLE_SHOW"))
        std::printf("    e.g. %s\n", example.c_str());
      if (lost > 0 && std::getenv("RACELAB_ORACLE_SHOW") &&
          std::string(std::getenv("RACELAB_ORACLE_SHOW")) == "all") {
        for (const auto& [form, values] : c.classes) std::printf("    has %s\n", form.c_str());
        for (const auto& [form, values] : truth.classes)
          if (c.classes.count(form) == 0) std::printf("    lacks %s\n", form.c_str());
      }
      wrong |= lost > 0 || lost_ends > 0 || extra > 0;
    }
    if (wrong) {
      ++bad;
      std::printf("%s", describe(p).c_str());
    }
  }
  return bad ? 1 : 0;
}
