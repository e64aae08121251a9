// tests/strategies/facade_programs.cpp — see facade_programs.hpp.
#include "facade_programs.hpp"

#include <memory>
#include <string>

#include "model/strategies/splitmix64.hpp"
#include "racelab/sync.hpp"

namespace racelab::strategy_tests {
namespace {

struct State {
  sync::shared<int> a{"A", 0};
  sync::shared<int> b{"B", 0};
  sync::mutex m{"M"};
  sync::condition_variable cv{"CV"};
  bool flag = false;  // guarded by m
  sync::atomic<int> n{"n", 0};
};

void run_code(State& s, const FacadeCode& code) {
  int acc = 0;
  for (const FacadeOp& op : code) {
    switch (op.kind) {
      case FacadeOpKind::read_a:
        acc = acc * 3 + s.a.read("get a", [](const int& v) { return v; });
        break;
      case FacadeOpKind::write_a:
        s.a.write("set a", [&](int& v) { v = (v + acc + op.arg) % 5; });
        break;
      case FacadeOpKind::write_b: s.b.write("set b", [&](int& v) { v = (v * 2 + acc) % 7; }); break;
      case FacadeOpKind::section: {
        sync::lock_guard g(s.m);
        s.b.write("add b", [&](int& v) { v += 1 + acc % 2; });
        break;
      }
      case FacadeOpKind::try_lock:
        if (s.m.try_lock()) {
          acc += s.b.read("get b", [](const int& v) { return v; });
          s.m.unlock();
        }
        break;
      case FacadeOpKind::counter:
        if (s.n.fetch_add(1) == op.arg % 2) s.a.write("bump a", [](int& v) { v = (v + 1) % 5; });
        break;
      case FacadeOpKind::signal: {
        sync::lock_guard g(s.m);
        s.flag = true;
        s.cv.notify_all();
        break;
      }
      case FacadeOpKind::await: {
        sync::unique_lock<sync::mutex> lk(s.m);
        s.cv.wait(lk, [&] { return s.flag; });
        break;
      }
    }
  }
}

FacadeCode random_code(model::detail::SplitMix64& rng, int max_ops) {
  FacadeCode code;
  const int n = 1 + static_cast<int>(rng.next() % static_cast<unsigned>(max_ops));
  for (int i = 0; i < n; ++i)
    code.push_back({static_cast<FacadeOpKind>(rng.next() % 8), static_cast<int>(rng.next() % 4)});
  return code;
}

const char* name_of(FacadeOpKind k) {
  switch (k) {
    case FacadeOpKind::read_a: return "read_a";
    case FacadeOpKind::write_a: return "write_a";
    case FacadeOpKind::write_b: return "write_b";
    case FacadeOpKind::section: return "section";
    case FacadeOpKind::try_lock: return "try_lock";
    case FacadeOpKind::counter: return "counter";
    case FacadeOpKind::signal: return "signal";
    case FacadeOpKind::await: return "await";
  }
  return "?";
}

std::string text(const FacadeCode& code) {
  std::string s;
  for (const FacadeOp& op : code)
    s += std::string(s.empty() ? "" : " ") + name_of(op.kind) + "(" + std::to_string(op.arg) + ")";
  return s;
}

}  // namespace

FacadeProgram random_facade_program(std::uint64_t seed, FacadeShape shape) {
  model::detail::SplitMix64 rng(seed);
  FacadeProgram p;
  for (int i = 0; i < 2; ++i) {
    p.parent[i] = random_code(rng, shape.max_ops);
    const int kids = 1 + static_cast<int>(rng.next() % static_cast<unsigned>(shape.max_children));
    for (int k = 0; k < kids; ++k) p.children[i].push_back(random_code(rng, shape.max_ops));
  }
  return p;
}

std::string describe(const FacadeProgram& p) {
  std::string s;
  for (int i = 0; i < 2; ++i) {
    s += "parent " + std::to_string(i) + ": " + text(p.parent[i]) + "\n";
    for (std::size_t k = 0; k < p.children[i].size(); ++k)
      s += "  child " + std::to_string(i) + "." + std::to_string(k) + ": " +
           text(p.children[i][k]) + "\n";
  }
  return s;
}

FacadeHarness facade_harness(const FacadeProgram& p) {
  // The end check reads the state the body's last execution built (see symmetry_test.cpp).
  auto current = std::make_shared<std::weak_ptr<State>>();
  FacadeHarness h;
  h.body = [p, current] {
    auto s = std::make_shared<State>();
    *current = s;
    model::keep_until_end(s);
    std::vector<sync::thread> parents;
    for (int i = 0; i < 2; ++i) {
      parents.emplace_back("parent", [s, code = p.parent[i], kids = p.children[i]] {
        std::vector<sync::thread> children;
        for (const FacadeCode& k : kids)
          children.emplace_back("child", [s, k] { run_code(*s, k); });
        run_code(*s, code);
        for (auto& c : children) c.join();
      });
    }
    for (auto& t : parents) t.join();
  };
  h.end_check = [current] {
    const auto alive = current->lock();
    State& s = *alive;
    model::Violation v;
    v.kind = model::Outcome::property_violated;
    v.id = "end A=" + std::to_string(s.a.read("end", [](const int& x) { return x; })) +
           " B=" + std::to_string(s.b.read("end", [](const int& x) { return x; })) +
           " n=" + std::to_string(s.n.load()) + " f=" + std::to_string(s.flag ? 1 : 0);
    v.message = v.id;
    return std::vector<model::Violation>{v};
  };
  return h;
}

void explore_whole_or_parts(const FacadeHarness& h, model::Options o, std::size_t parts) {
  if (parts == 0) {
    model::explore(o, h.body, h.end_check);
    return;
  }
  for (std::size_t j = 0; j < parts; ++j) {
    o.partition = model::Partition{j, parts};
    model::explore(o, h.body, h.end_check);
  }
}

}  // namespace racelab::strategy_tests
