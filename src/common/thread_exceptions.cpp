#include "racelab/thread_exceptions.hpp"

#include <atomic>
#include <cstdio>
#include <mutex>

#include "racelab/invisible_lock.hpp"
#include "racelab/python_errors.hpp"

namespace racelab {
namespace {
std::mutex g_mu;
std::vector<ThreadException> g_log;
std::atomic<bool> g_echo{true};
}  // namespace

void record_thread_exception(const std::string& thread, const std::exception& e) {
  const std::string report = python_thread_exception_report(thread, e);
  detail::invisible_lock lock(g_mu);
  // One fwrite under the lock keeps each report's two lines together, as Python's are.
  if (g_echo.load(std::memory_order_relaxed)) {
    std::fwrite(report.data(), 1, report.size(), stderr);
    std::fflush(stderr);
  }
  g_log.push_back({thread, python_error_type(e), python_error_line(e)});
}

std::vector<ThreadException> recorded_thread_exceptions() {
  detail::invisible_lock lock(g_mu);
  return g_log;
}

void clear_thread_exceptions() {
  detail::invisible_lock lock(g_mu);
  g_log.clear();
}

void set_thread_exception_echo(bool on) { g_echo.store(on, std::memory_order_relaxed); }

}  // namespace racelab
