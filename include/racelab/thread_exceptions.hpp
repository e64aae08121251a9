// racelab/thread_exceptions.hpp — what happens when an exception escapes a thread body.
//
// Python's threading prints "Exception in thread NAME:" and the error, and the process lives on.
// The real backend's sync::thread does the same through this sink: it prints (unless echo is off)
// and records, invisibly to ThreadSanitizer, so a harness can count KeyErrors after joining.
// The model backend reports escapes to the scheduler instead, as a named outcome.
#pragma once

#include <exception>
#include <string>
#include <vector>

namespace racelab {

struct ThreadException {
  std::string thread;  // "Thread-3 (worker)"
  std::string type;    // "KeyError" (a PythonError), else the C++ type: "std::out_of_range"
  std::string line;    // "KeyError: 'GCCDianaramirez'"

  friend bool operator==(const ThreadException&, const ThreadException&) = default;
};

// Called by the real backend when an exception escapes a thread body. Thread-safe.
void record_thread_exception(const std::string& thread, const std::exception& e);

// Everything recorded since the last clear. Call after the threads that record have been joined.
std::vector<ThreadException> recorded_thread_exceptions();
void clear_thread_exceptions();

// Whether record_thread_exception also prints Python's two lines to stderr (default: true).
void set_thread_exception_echo(bool on);

}  // namespace racelab
