// run_trials.cpp — the parent's poll() loop over up to `jobs` children, and the histogram.
#include "racelab/harness/run_trials.hpp"

#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <memory>
#include <stdexcept>

#include "child_process.hpp"
#include "racelab/python_errors.hpp"
#include "racelab/sync/real.hpp"
#include "wire.hpp"

namespace racelab::harness {
namespace {

using detail::ChildProcess;
using detail::Clock;

// What runs in the child: a fresh Python-like process state, the body, its report as bytes.
std::string child_body(const TrialFn& body) {
  clear_thread_exceptions();
  sync::reset_thread_numbering();
  TrialReport report;
  try {
    report = body();
  } catch (const std::exception& e) {
    // Reported like a thread's, as MainThread's; the trial completes.
    const std::string text = python_thread_exception_report("MainThread", e);
    std::fwrite(text.data(), 1, text.size(), stderr);
    report = report_recorded_thread_exceptions();
    report.exceptions.push_back({"MainThread", python_error_type(e), python_error_line(e)});
  } catch (...) {
    report = report_recorded_thread_exceptions();
    report.exceptions.push_back({"MainThread", current_exception_type(), current_exception_line()});
  }
  return detail::encode(report);
}

void wait_for_input(const std::vector<std::unique_ptr<ChildProcess>>& active, bool cancellable) {
  std::vector<pollfd> fds;
  const auto now = Clock::now();
  auto sleep = Clock::duration::max();
  for (const auto& c : active) {
    c->add_poll_fds(fds);
    sleep = std::min(sleep, c->time_to_next_check(now));
  }
  // Round up so a deadline 0.4 ms away does not turn into a busy loop of 0 ms polls.
  const auto ms = std::chrono::ceil<std::chrono::milliseconds>(sleep).count();
  // A signal between the cancel check and poll() would otherwise wait out a whole timeout.
  const int timeout =
      static_cast<int>(std::clamp<long long>(ms, 0, cancellable ? kCancelPollMs : 60'000));
  if (::poll(fds.data(), fds.size(), timeout) < 0 && errno != EINTR) {
    throw std::system_error(errno, std::generic_category(), "racelab harness: poll");
  }
}

bool cancelled(const RunOptions& o) { return o.cancel != nullptr && *o.cancel != 0; }

}  // namespace

TrialResult run_trial(const TrialFn& body, std::chrono::milliseconds timeout) {
  RunOptions options;
  options.timeout = timeout;
  TrialResult result;
  options.on_trial = [&](const TrialResult& r) { result = r; };
  run_trials(options, body);
  return result;
}

Histogram run_trials(const RunOptions& options, const TrialFn& body) {
  if (options.trials < 0) throw std::invalid_argument("run_trials: trials must be >= 0");
  if (options.jobs < 1) throw std::invalid_argument("run_trials: jobs must be >= 1");
  detail::require_single_threaded("racelab::harness::run_trials");

  const std::function<std::string()> in_child = [&body] { return child_body(body); };
  const auto start = Clock::now();
  Histogram h;
  std::vector<std::unique_ptr<ChildProcess>> active;
  int launched = 0;

  while (true) {
    while (!h.stopped_early && !cancelled(options) && launched < options.trials &&
           static_cast<int>(active.size()) < options.jobs) {
      active.push_back(std::make_unique<ChildProcess>(launched++, in_child, options.timeout,
                                                      options.max_output_bytes));
    }
    if (cancelled(options) && (!active.empty() || launched < options.trials)) {
      active.clear();  // ~ChildProcess kills and reaps each one; they are not counted
      h.interrupted = true;
      break;
    }
    if (active.empty()) break;
    wait_for_input(active, options.cancel != nullptr);
    if (cancelled(options)) continue;
    for (auto& c : active) c->read_available();
    const auto now = Clock::now();
    for (auto it = active.begin(); it != active.end();) {
      if (!(*it)->try_finish(now)) {
        ++it;
        continue;
      }
      TrialResult r = (*it)->result();
      it = active.erase(it);
      ++h.trials;
      if (options.on_trial) options.on_trial(r);
      if (options.stop_when && options.stop_when(r)) h.stopped_early = true;
      TrialOutcome o = r.outcome();
      auto row = std::lower_bound(
          h.rows.begin(), h.rows.end(), o,
          [](const Histogram::Row& a, const TrialOutcome& b) { return a.outcome < b; });
      if (row == h.rows.end() || row->outcome != o) {
        row = h.rows.insert(row, Histogram::Row{std::move(o), 0, std::move(r)});
      }
      ++row->count;
    }
  }
  // "Stopped early" only when trials were actually left unrun.
  h.stopped_early = h.stopped_early && launched < options.trials;
  h.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
  return h;
}

int Histogram::count(const TrialOutcome& o) const {
  return count_if([&](const TrialOutcome& x) { return x == o; });
}

int Histogram::count_if(const std::function<bool(const TrialOutcome&)>& pred) const {
  int n = 0;
  for (const auto& row : rows) n += pred(row.outcome) ? row.count : 0;
  return n;
}

const TrialResult* Histogram::first_where(
    const std::function<bool(const TrialOutcome&)>& pred) const {
  const TrialResult* best = nullptr;
  for (const auto& row : rows) {
    if (pred(row.outcome) && (best == nullptr || row.first.index < best->index)) best = &row.first;
  }
  return best;
}

std::string Histogram::summary() const {
  std::string out = "trials=" + std::to_string(trials);
  for (const auto& row : rows) out += " " + row.outcome.id() + "=" + std::to_string(row.count);
  return out;
}

}  // namespace racelab::harness
