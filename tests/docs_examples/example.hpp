// tests/docs_examples/example.hpp — what every example header shares.
//
// Each example is a test body written the way a newcomer would write it, between the markers
// `// [doc:NAME]` and `// [end:NAME]`. docs/model-library.md shows the same text verbatim in a
// ```cpp block (check_doc_examples.cmake enforces it), and examples_test.cpp explores each body
// with DPOR and checks the outcome the doc declares.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <vector>

#include "racelab/model/explore.hpp"
#include "racelab/sync.hpp"

namespace racelab::docs_examples {

using namespace racelab;  // as a user writes it: sync:: is the facade

struct Example {
  const char* name;              // the marker's NAME
  void (*body)();                // run as MainThread under model::explore
  std::vector<std::string> ids;  // the violation ids explore finds (report.witnesses); {}: fixed
  int spurious_wakeups;          // Options::spurious_wakeups (1 is the default)
};

}  // namespace racelab::docs_examples
