#include "racelab/scenarios/catalogue.hpp"

#include <algorithm>
#include <stdexcept>

#include "workloads.hpp"

namespace racelab::scenarios {

const std::vector<std::string>& implementations() {
  static const std::vector<std::string> names{"buggy", "fixed", "complete"};
  return names;
}

bool is_implementation(std::string_view impl) {
  const auto& names = implementations();
  return impl == kExercise || std::find(names.begin(), names.end(), impl) != names.end();
}

namespace {
// The exercise's goal is the complete fix's verdict: safe on every scenario.
Scenario with_exercise_goal(Scenario s) {
  s.expected[kExercise] = Expectation{Verdict::safe, {}};
  return s;
}

// Each scenario's spec and thread count at a size, in catalogue order (scenarios/registered.hpp).
struct Entry {
  std::string_view id;
  Scenario (*spec)(const Size&);
  int (*threads)(const Size&);
  bool takes_requests;  // its requests all run the same code at once: their number may vary
};
const std::vector<Entry>& entries() {
  static const std::vector<Entry> all = [] {
    std::vector<Entry> v;
    Registered::for_each([&]<class D>() {
      v.push_back(Entry{D::id, &D::spec, &D::threads, D::takes_requests});
    });
    return v;
  }();
  return all;
}

const Entry* find_entry(std::string_view id) {
  for (const auto& e : entries()) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

std::string requests_takers() {
  std::string out;
  for (const auto& e : entries()) {
    if (e.takes_requests) out += (out.empty() ? "" : ", ") + std::string(e.id);
  }
  return out;
}
}  // namespace

const std::vector<Scenario>& catalogue() {
  static const std::vector<Scenario> all = [] {
    std::vector<Scenario> v;
    for (const auto& e : entries()) v.push_back(with_exercise_goal(e.spec(Size{})));
    return v;
  }();
  return all;
}

Scenario sized(std::string_view id, const Size& size) {
  const Entry* e = find_entry(id);
  if (e == nullptr) throw std::invalid_argument("unknown scenario '" + std::string(id) + "'");
  const auto range = [](const char* flag, int n, int lo, int hi) {
    if (n < lo || n > hi) {
      throw std::invalid_argument(std::string(flag) + " " + std::to_string(n) +
                                  " is out of range (accepted: " + std::to_string(lo) + ".." +
                                  std::to_string(hi) + ")");
    }
  };
  range("--workers", size.workers, kMinWorkers, kMaxWorkers);
  if (size.requests != 0) {
    if (!e->takes_requests) {
      throw std::invalid_argument("--requests applies to " + requests_takers() + " only ('" +
                                  std::string(id) + "' has a fixed sequence of requests)");
    }
    range("--requests", size.requests, kMinRequests, kMaxRequests);
  }
  const int threads = e->threads(size);
  if (threads > kMaxThreads) {
    throw std::invalid_argument(
        std::string(id) + " with --workers " + std::to_string(size.workers) +
        (size.requests ? " --requests " + std::to_string(size.requests) : std::string()) +
        " starts up to " + std::to_string(threads) + " threads (accepted: at most " +
        std::to_string(kMaxThreads) + ", the model's limit)");
  }
  return with_exercise_goal(e->spec(size));
}

Size size_of(const Scenario& s) { return Size{s.workers_per_user, s.requests}; }

std::string size_flags(const Scenario& s, bool spelled_out) {
  const Scenario* base = find_scenario(s.id);
  std::string out;
  if (base == nullptr) return out;
  if (spelled_out || s.workers_per_user != base->workers_per_user) {
    out += " --workers " + std::to_string(s.workers_per_user);
  }
  // Requests are 0 where the scenario fixes them (size_of): no flag to spell.
  if (spelled_out ? s.requests > 0 : s.requests != base->requests) {
    out += " --requests " + std::to_string(s.requests);
  }
  return out;
}

const Scenario* find_scenario(std::string_view id) {
  for (const auto& s : catalogue()) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

}  // namespace racelab::scenarios
