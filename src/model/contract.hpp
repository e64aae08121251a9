// src/model/contract.hpp — what the engine does when code under test breaks the model's contract,
// and when the engine finds itself broken.
//
// A breach (a sync object used after it died, a thread started outside an execution, more threads
// than the model runs, ...) is a bug in the test, not an outcome to explore: it stops the process
// with a message that says what to change, as loom and shuttle do. It ends with exit code 3, the
// "no verdict" of racelab's commands and of a model test (model_test.hpp), so that CTest shows a
// failed test with that line instead of "Subprocess aborted" and a core dump (new-user trial 6).
#pragma once

#include <string>

namespace racelab::model::detail {

// The test broke the contract: "racelab::model: no verdict: <what>" on stderr, exit code 3.
[[noreturn]] void contract_failure(const std::string& what);

// racelab broke its own invariant (a bug to report): the message, then std::abort(), so that a
// core dump or a debugger shows where.
[[noreturn]] void internal_failure(const std::string& what);

}  // namespace racelab::model::detail
