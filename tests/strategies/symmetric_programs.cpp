#include "symmetric_programs.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <memory>

#include "model/strategies/splitmix64.hpp"
#include "racelab/sync.hpp"

namespace racelab::strategy_tests::symmetric_programs {
namespace {

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

Code random_code(model::detail::SplitMix64& rng, int max_ops) {
  Code code;
  const int n = 1 + static_cast<int>(rng.next() % max_ops);
  for (int i = 0; i < n; ++i) {
    const auto k = static_cast<Kind>(rng.next() % 8);
    code.push_back({k, static_cast<int>(rng.next() % 4)});
  }
  return code;
}

}  // namespace

Program random_program(std::uint64_t seed, bool small) {
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

std::uint64_t programs() {
  const char* text = std::getenv("RACELAB_SYMMETRY_PROGRAMS");
  const std::uint64_t n = text != nullptr && *text != '\0' ? std::strtoull(text, nullptr, 10) : 30;
  return n > 0 ? n : 30;
}

}  // namespace racelab::strategy_tests::symmetric_programs
