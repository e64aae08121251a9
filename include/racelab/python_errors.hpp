// racelab/python_errors.hpp — the seed's Python errors, as C++ exceptions that print the same.
//
// The seed's log is what a newcomer recognises, so racelab keeps Python's words:
//   Exception in thread Thread-3 (worker):
//   KeyError: 'GCCDianaramirez'
#pragma once

#include <exception>
#include <string>

namespace racelab {

// A Python-style exception: what() is exactly the line Python prints ("KeyError: 'x'").
class PythonError : public std::exception {
 public:
  PythonError(std::string type, std::string detail);
  const char* what() const noexcept override { return line_.c_str(); }
  const std::string& type() const noexcept { return type_; }
  const std::string& detail() const noexcept { return detail_; }

 private:
  std::string type_;
  std::string detail_;
  std::string line_;
};

// `del d[k]` or `d[k]` on a missing key. detail() is the key; what() is "KeyError: 'key'".
class KeyError : public PythonError {
 public:
  explicit KeyError(const std::string& key);
};

// The two lines Python's threading.excepthook prints for an exception that escapes a thread
// (without the traceback): "Exception in thread NAME:\n" + the exception's line + "\n".
std::string python_thread_exception_report(const std::string& thread_name, const std::exception& e);

// The error line alone: a PythonError's what() ("KeyError: 'x'"); any other exception under its
// C++ type, as Python names a class: "std::out_of_range: map::at" (what() alone when it already
// begins with the type's own name and a colon, as a home-made `struct KeyError :
// std::runtime_error` carrying "KeyError: 'x'" does). New-user trial 7: "RuntimeError" named a
// type a C++ team's code never throws.
std::string python_error_line(const std::exception& e);
// The error's type: PythonError::type(), else the exception's dynamic C++ type, demangled
// ("std::out_of_range", "myapp::QueueFull"; the id a violation is reported under).
std::string python_error_type(const std::exception& e);
// Inside a catch (...): the current exception's C++ type, demangled ("int", "Oops"), or
// "unknown" when the runtime cannot name it (a foreign exception).
std::string current_exception_type();
// Inside a catch (...): the error line for it, "TYPE: an exception that is not a std::exception"
// (one wording for the model, the real threads' MainThread and the Relacy mapping).
std::string current_exception_line();

}  // namespace racelab
