#include "racelab/python_errors.hpp"

namespace racelab {

PythonError::PythonError(std::string type, std::string detail)
    : type_(std::move(type)), detail_(std::move(detail)), line_(type_ + ": " + detail_) {}

// Python's repr() of a str key: single quotes, as in the seed's log.
KeyError::KeyError(const std::string& key) : PythonError("KeyError", "'" + key + "'") {}

std::string python_error_line(const std::exception& e) {
  if (dynamic_cast<const PythonError*>(&e) != nullptr) return e.what();
  return std::string("RuntimeError: ") + e.what();
}

std::string python_error_type(const std::exception& e) {
  if (const auto* p = dynamic_cast<const PythonError*>(&e); p != nullptr) return p->type();
  return "RuntimeError";
}

std::string python_thread_exception_report(const std::string& thread_name,
                                           const std::exception& e) {
  return "Exception in thread " + thread_name + ":\n" + python_error_line(e) + "\n";
}

}  // namespace racelab
