// counter_check.cpp — two threads increment a shared counter; is an increment ever lost?
// The lost-update example of docs/model-library.md, as a consumer project's check: DPOR must
// find the unsynchronised counter (a data race), and the failure's replay token must reproduce
// it. Exit 0 when it does, 1 otherwise.
#include <cstdio>
#include <memory>
#include <string>

#include "racelab/model/explore.hpp"
#include "racelab/sync.hpp"

using namespace racelab;  // racelab::sync (the facade), racelab::model (the explorer)

// The code under test, written against the facade instead of std::.
struct Counter {
  sync::shared<int> value{"counter", 0};
  void increment() {
    const int seen = value.read("load", [](const int& v) { return v; });
    value.write("store", [seen](int& v) { v = seen + 1; });
  }
};

namespace {

bool has_race_on_counter(const model::Execution& e) {
  for (const model::Violation& v : e.violations) {
    if (v.kind == model::Outcome::data_race && v.message.find("counter") != std::string::npos) {
      return true;
    }
  }
  return false;
}

}  // namespace

int main() {
  // The test body: MainThread starts two threads, joins them and checks the total.
  const model::Body body = [] {
    auto counter = std::make_shared<Counter>();
    sync::thread a("increment", [counter] { counter->increment(); });
    sync::thread b("increment", [counter] { counter->increment(); });
    a.join();
    b.join();
    const int total = counter->value.read("total", [](const int& v) { return v; });
    model::check(total == 2, "lost update: counter is " + std::to_string(total));
  };

  model::Options opts;
  opts.strategy = model::Strategy::dpor;
  const model::Report report = model::explore(opts, body);
  if (!report.failure) {
    std::printf(
        "FAIL: dpor found no violation in %zu schedules (expected a data race on counter)\n",
        report.schedules);
    return 1;
  }
  std::printf("%s", model::render_timeline(*report.failure).c_str());
  if (!has_race_on_counter(*report.failure)) {
    std::printf("FAIL: the first failure is not a data race on counter\n");
    return 1;
  }
  if (!has_race_on_counter(model::replay(report.failure->schedule, body))) {
    std::printf("FAIL: replaying %s does not reproduce the race\n",
                report.failure->schedule.c_str());
    return 1;
  }
  std::printf("OK: data race on counter found by dpor; schedule %s replays it\n",
              report.failure->schedule.c_str());
  return 0;
}
