#include "racelab/python_errors.hpp"

#include <cxxabi.h>

#include <cstdlib>
#include <memory>
#include <typeinfo>

namespace racelab {

PythonError::PythonError(std::string type, std::string detail)
    : type_(std::move(type)), detail_(std::move(detail)), line_(type_ + ": " + detail_) {}

// Python's repr() of a str key: single quotes, as in the seed's log.
KeyError::KeyError(const std::string& key) : PythonError("KeyError", "'" + key + "'") {}

namespace {

// The demangled name of a type, without libstdc++'s inline namespace and ABI tags:
// "std::__cxx11::basic_string<…>[abi:cxx11]" reads "std::basic_string<…>", and a test file's
// "(anonymous namespace)::Full" reads "Full".
std::string type_name(const char* mangled) {
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> demangled(
      abi::__cxa_demangle(mangled, nullptr, nullptr, &status), std::free);
  std::string name = status == 0 && demangled ? demangled.get() : mangled;
  for (const std::string noise : {"__cxx11::", "[abi:cxx11]", "(anonymous namespace)::"}) {
    for (std::size_t at = name.find(noise); at != std::string::npos; at = name.find(noise, at))
      name.erase(at, noise.size());
  }
  return name;
}

}  // namespace

std::string python_error_type(const std::exception& e) {
  if (const auto* p = dynamic_cast<const PythonError*>(&e); p != nullptr) return p->type();
  return type_name(typeid(e).name());
}

std::string python_error_line(const std::exception& e) {
  if (dynamic_cast<const PythonError*>(&e) != nullptr) return e.what();
  const std::string type = python_error_type(e);
  const std::string what = e.what();
  // "KeyError: 'x'" thrown as a home-made KeyError: the type is said once.
  const std::size_t colons = type.rfind("::");
  const std::string own = colons == std::string::npos ? type : type.substr(colons + 2);
  if (what.compare(0, own.size() + 1, own + ":") == 0) return what;
  return type + ": " + what;
}

std::string current_exception_type() {
  const std::type_info* t = abi::__cxa_current_exception_type();
  return t != nullptr ? type_name(t->name()) : "unknown";
}

std::string current_exception_line() {
  return current_exception_type() + ": an exception that is not a std::exception";
}

std::string python_thread_exception_report(const std::string& thread_name,
                                           const std::exception& e) {
  return "Exception in thread " + thread_name + ":\n" + python_error_line(e) + "\n";
}

}  // namespace racelab
