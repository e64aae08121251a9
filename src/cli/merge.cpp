// racelab check --shard / --jobs and racelab merge (merge.hpp).
#include "merge.hpp"

#include <poll.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <new>
#include <set>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include "commands.hpp"
#include "fresh_replay.hpp"
#include "long_search.hpp"
#include "racelab/internal/text.hpp"
#include "usage.hpp"

namespace racelab::cli {

namespace {

constexpr std::size_t kMaxParts = 10'000;

// check --json plus what merging needs (merge.hpp).
Json part_json(const scenarios::CheckResult& r) {
  const auto& rep = r.report;
  const auto& o = r.options;
  Json j = check_json(r);
  Json shard = {{"index", rep.partition->index + 1},
                {"count", rep.partition->count},
                {"units", rep.units},
                {"seed", o.seed},
                {"max_schedules", o.max_schedules},
                {"pct_depth", o.pct_depth}};
  shard["preemption_bound"] = o.preemption_bound ? Json(*o.preemption_bound) : Json();
  shard["reruns"] = rep.reruns;
  Json units = Json::array();
  for (const auto& [unit, n] : rep.unit_schedules) units.push_back({unit, n});
  shard["unit_schedules"] = std::move(units);
  Json seen = Json::object();
  for (const auto& [id, at] : rep.first_seen_at) seen[id] = {at.first, at.second};
  shard["first_seen_at"] = std::move(seen);
  shard["failure_id"] = rep.failure_id;
  Json outcomes = Json::object();
  for (const auto& [label, n] : r.outcomes) outcomes[label] = n;
  shard["outcomes"] = std::move(outcomes);
  j["shard"] = std::move(shard);
  return j;
}

// A part as read back: where it came from (a file name, "part 2 of 3") for the messages.
struct Part {
  std::string name;
  Json json;
};

// What identifies the run a part belongs to: parts must agree on every one of these.
const std::vector<std::string>& run_keys() {
  static const std::vector<std::string> keys = {"scenario", "impl", "workers", "requests",
                                                "strategy"};
  return keys;
}
const std::vector<std::string>& shard_keys() {
  static const std::vector<std::string> keys = {"count",         "units",     "seed",
                                                "max_schedules", "pct_depth", "preemption_bound"};
  return keys;
}

std::string value_text(const Json& j) { return j.is_null() ? "none" : j.dump(); }

void check_same_run(const std::vector<Part>& parts) {
  const Part& first = parts.front();
  for (const Part& p : parts) {
    if (!p.json.is_object() || !p.json.contains("shard") || !p.json["shard"].is_object()) {
      throw UsageError("merge: " + p.name +
                       " is not a part (accepted: the JSON of 'racelab check ... --shard I/K')");
    }
    for (const auto& key : run_keys()) {
      const Json a = first.json.value(key, Json()), b = p.json.value(key, Json());
      if (a != b) {
        throw UsageError("merge: " + p.name + " is a part of another run: " + key + " " +
                         value_text(b) + ", not " + value_text(a) + " as in " + first.name);
      }
    }
    for (const auto& key : shard_keys()) {
      const Json a = first.json["shard"].value(key, Json()), b = p.json["shard"].value(key, Json());
      if (a != b) {
        throw UsageError("merge: " + p.name + " is a part of another run: " + key + " " +
                         value_text(b) + ", not " + value_text(a) + " as in " + first.name);
      }
    }
  }
  const std::size_t count = first.json["shard"]["count"].get<std::size_t>();
  std::map<std::size_t, std::string> given;
  for (const Part& p : parts) {
    const std::size_t index = p.json["shard"]["index"].get<std::size_t>();
    if (index < 1 || index > count) {
      throw UsageError("merge: " + p.name + " says it is part " + std::to_string(index) + " of " +
                       std::to_string(count));
    }
    const auto [it, added] = given.emplace(index, p.name);
    if (!added) {
      throw UsageError("merge: part " + std::to_string(index) + " of " + std::to_string(count) +
                       " is given twice (" + it->second + ", " + p.name + ")");
    }
  }
  for (std::size_t i = 1; i <= count; ++i) {
    if (given.count(i) == 0) {
      throw UsageError("merge: part " + std::to_string(i) + " of " + std::to_string(count) +
                       " is missing (accepted: every part from 1 to " + std::to_string(count) +
                       " once)");
    }
  }
}

struct Merged {
  scenarios::Scenario scenario;
  scenarios::CheckResult result;
};

// The parts of one run (checked: UsageError) put together; witnesses are replayed from their
// schedules, so the merged report reads like a single run's.
Merged merge_parts(const std::vector<Part>& parts) {
  if (parts.empty()) throw UsageError("merge: no parts given (accepted: PART.json ...)");
  check_same_run(parts);
  const Json& head = parts.front().json;
  Merged m;
  try {
    m.scenario =
        scenarios::sized(head.at("scenario").get<std::string>(),
                         scenarios::Size{head.at("workers").get<int>(), head.value("requests", 0)});
    const std::string impl = head.at("impl").get<std::string>();
    const auto run = scenarios::model_run(m.scenario, impl);
    const Json& shard = head.at("shard");
    model::Options o;
    o.strategy = *model::parse_strategy(head.at("strategy").get<std::string>());
    o.seed = shard.at("seed").get<std::uint64_t>();
    o.max_schedules = shard.at("max_schedules").get<std::size_t>();
    o.pct_depth = shard.at("pct_depth").get<int>();
    if (!shard.at("preemption_bound").is_null())
      o.preemption_bound = shard.at("preemption_bound").get<int>();
    o.stop_on_first_violation = false;
    o.partition = model::Partition{0, 1};
    std::map<std::string, model::Execution> replayed;  // by schedule
    std::vector<model::Report> reports;
    scenarios::CheckResult& r = m.result;
    for (const Part& p : parts) {
      const Json& j = p.json;
      const Json& s = j.at("shard");
      model::Report rep;
      rep.strategy = o.strategy;
      rep.partition =
          model::Partition{s.at("index").get<std::size_t>() - 1, s.at("count").get<std::size_t>()};
      rep.units = s.at("units").get<std::size_t>();
      rep.schedules = j.at("schedules").get<std::size_t>();
      rep.traces = j.value("traces", std::size_t{0});
      rep.runs = j.at("runs").get<std::size_t>();
      rep.reruns = s.at("reruns").get<std::size_t>();
      rep.shrink_runs = j.value("shrink_runs", std::size_t{0});
      rep.failing_schedules = j.at("failing_schedules").get<std::size_t>();
      rep.complete = j.at("complete").get<bool>();
      rep.elapsed_ms = j.at("elapsed_ms").get<double>();
      for (const auto& u : s.at("unit_schedules"))
        rep.unit_schedules.emplace_back(u.at(0).get<std::size_t>(), u.at(1).get<std::size_t>());
      for (const auto& [id, at] : s.at("first_seen_at").items())
        rep.first_seen_at[id] = {at.at(0).get<std::size_t>(), at.at(1).get<std::size_t>()};
      rep.failure_id = s.at("failure_id").get<std::string>();
      for (const auto& w : j.at("witnesses")) {
        const std::string schedule = w.at("schedule").get<std::string>();
        auto it = replayed.find(schedule);
        if (it == replayed.end()) {
          model::Execution x = model::replay(schedule, run.body, run.end_check, o.max_steps);
          if (run.name_culprits) run.name_culprits(x);
          it = replayed.emplace(schedule, std::move(x)).first;
        }
        rep.witnesses[w.at("kind").get<std::string>()] = it->second;
        r.found.insert(w.at("kind").get<std::string>());
      }
      for (const auto& [label, n] : s.at("outcomes").items())
        r.outcomes[label] += n.get<std::size_t>();
      reports.push_back(std::move(rep));
    }
    r.scenario = &m.scenario;
    r.impl = impl;
    r.options = o;
    r.report = model::merge(reports);
    r.asked = o.strategy;
    const auto declared = m.scenario.expected.find(impl);
    if (declared != m.scenario.expected.end()) r.expected = declared->second;
  } catch (const Json::exception& e) {
    throw UsageError("merge: a part is not what 'racelab check --shard' writes: " +
                     std::string(e.what()));
  } catch (const std::invalid_argument& e) {
    throw UsageError("merge: " + std::string(e.what()));
  }
  return m;  // the caller points m.result.scenario at m.scenario where m stays
}

void write_all(int fd, const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<std::size_t>(n);
  }
}

// Runs part i of n in a forked child each; returns their JSON documents in part order.
std::vector<Part> run_children(const scenarios::Scenario& s, const std::string& impl,
                               const model::Options& o, int n) {
  std::cout.flush();
  std::fflush(nullptr);
  struct Child {
    pid_t pid = -1;
    int fd = -1;
    std::string out;
  };
  std::vector<Child> kids(static_cast<std::size_t>(n));
  // The next unit to run, shared by the children: whoever is free takes it (model::Options::
  // next_unit), so a part with small subtrees does not wait for one with big ones.
  void* shared = ::mmap(nullptr, sizeof(std::atomic<std::size_t>), PROT_READ | PROT_WRITE,
                        MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (shared == MAP_FAILED) throw std::system_error(errno, std::generic_category(), "mmap");
  auto* counter = new (shared) std::atomic<std::size_t>(0);
  struct Unmap {
    void* p;
    ~Unmap() { ::munmap(p, sizeof(std::atomic<std::size_t>)); }
  } unmap{shared};
  for (int i = 0; i < n; ++i) {
    int fds[2];
    if (::pipe(fds) != 0) throw std::system_error(errno, std::generic_category(), "pipe");
    const pid_t pid = ::fork();
    if (pid < 0) throw std::system_error(errno, std::generic_category(), "fork");
    if (pid == 0) {
      ::close(fds[0]);
      int code = 0;
      std::string out;
      try {
        model::Options part = o;
        part.partition = model::Partition{static_cast<std::size_t>(i), static_cast<std::size_t>(n)};
        part.next_unit = [counter] { return counter->fetch_add(1); };
        out = dump(part_json(scenarios::check(s, impl, part)));
      } catch (const std::exception& e) {
        std::fprintf(stderr, "racelab: error: part %d of %d: %s\n", i + 1, n,
                     one_line(e.what()).c_str());
        code = kExitInternal;
      }
      write_all(fds[1], out);
      ::_exit(code);
    }
    ::close(fds[1]);
    kids[static_cast<std::size_t>(i)].pid = pid;
    kids[static_cast<std::size_t>(i)].fd = fds[0];
  }
  for (;;) {  // read every pipe to its end (a child blocks on a full pipe otherwise)
    std::vector<pollfd> fds;
    for (const Child& k : kids)
      if (k.fd >= 0) fds.push_back({k.fd, POLLIN, 0});
    if (fds.empty()) break;
    if (::poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      throw std::system_error(errno, std::generic_category(), "poll");
    }
    for (Child& k : kids) {
      if (k.fd < 0) continue;
      const auto it =
          std::find_if(fds.begin(), fds.end(), [&](const pollfd& p) { return p.fd == k.fd; });
      if (it == fds.end() || it->revents == 0) continue;
      char buf[65536];
      const ssize_t got = ::read(k.fd, buf, sizeof buf);
      if (got > 0) {
        k.out.append(buf, static_cast<std::size_t>(got));
      } else if (got == 0 || errno != EINTR) {
        ::close(k.fd);
        k.fd = -1;
      }
    }
  }
  std::vector<Part> parts;
  int failed = 0;
  for (int i = 0; i < n; ++i) {
    Child& k = kids[static_cast<std::size_t>(i)];
    int status = 0;
    while (::waitpid(k.pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || k.out.empty()) {
      ++failed;
      continue;
    }
    parts.push_back(
        {"part " + std::to_string(i + 1) + " of " + std::to_string(n), Json::parse(k.out)});
  }
  if (failed > 0) {
    throw std::runtime_error(std::to_string(failed) + " of " + std::to_string(n) +
                             " parts failed (see above)");
  }
  return parts;
}

}  // namespace

model::Partition parse_shard(const std::string& text) {
  const auto bad = [&]() {
    return UsageError("--shard expects I/K, part I of K with 1 <= I <= K <= " +
                      std::to_string(kMaxParts) + " (e.g. 1/4), got '" + echo_input(text) + "'");
  };
  const auto slash = text.find('/');
  if (slash == std::string::npos) throw bad();
  const std::string i = text.substr(0, slash), k = text.substr(slash + 1);
  const auto digits = [](const std::string& t) {
    return !t.empty() && t.size() <= 5 && t.find_first_not_of("0123456789") == std::string::npos;
  };
  if (!digits(i) || !digits(k)) throw bad();
  const std::size_t index = std::stoul(i), count = std::stoul(k);
  if (count < 1 || count > kMaxParts || index < 1 || index > count) throw bad();
  return model::Partition{index - 1, count};
}

int run_check_part(const scenarios::Scenario& s, const std::string& impl, model::Options o) {
  const Subject subject = cli::subject(s, impl);
  warn_before_parts(s, impl, o, o.partition ? o.partition->count : 1);
  const scenarios::CheckResult r = scenarios::check(s, impl, o);
  for (const auto& entry : r.report.witnesses) confirm_in_fresh_process(subject, entry.second);
  std::cout << dump(part_json(r));
  return r.report.failure ? kExitViolation : kExitOk;
}

int run_check_jobs(const scenarios::Scenario& s, const std::string& impl, model::Options o,
                   int jobs, bool json, const std::string& expect, bool focus) {
  std::vector<Part> parts;
  warn_before_parts(s, impl, o, static_cast<std::size_t>(jobs));
  if (jobs == 1) {  // in this process: the same part, the same merge
    o.partition = model::Partition{0, 1};
    parts.push_back({"part 1 of 1", part_json(scenarios::check(s, impl, o))});
  } else {
    parts = run_children(s, impl, o, jobs);
  }
  Merged m = merge_parts(parts);
  m.result.scenario = &m.scenario;
  const Subject subject = cli::subject(s, impl);
  for (const auto& entry : m.result.report.witnesses) {
    confirm_in_fresh_process(subject, entry.second);
  }
  return show_check(m.scenario, m.result, json, expect, focus);
}

int run_merge(const std::vector<std::string>& files, bool json) {
  std::vector<Part> parts;
  for (const auto& file : files) {
    std::ifstream in(file);
    if (!in) {
      throw UsageError("merge: cannot read " + echo_input(file) +
                       " (accepted: the PART.json files 'racelab check --shard I/K' wrote)");
    }
    std::stringstream text;
    text << in.rdbuf();
    Json j = Json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) {
      throw UsageError("merge: " + echo_input(file) +
                       " is not JSON (accepted: what 'racelab check ... --shard I/K' prints)");
    }
    parts.push_back({echo_input(file), std::move(j)});
  }
  Merged m = merge_parts(parts);
  m.result.scenario = &m.scenario;
  return show_check(m.scenario, m.result, json, "");
}

}  // namespace racelab::cli
