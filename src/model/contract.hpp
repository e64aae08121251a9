// src/model/contract.hpp — what the engine does when code under test breaks the model's contract.
//
// A breach (a sync object used after it died, a thread started outside an execution, ...) is a
// bug in the test, not an outcome to explore: it stops the process with a message that says what
// to change, as loom and shuttle do.
#pragma once

#include <string>

namespace racelab::model::detail {

[[noreturn]] void contract_failure(const std::string& what);

}  // namespace racelab::model::detail
