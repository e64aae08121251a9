// src/cli/usage.hpp — exit codes and the one-line errors `racelab` gives for bad input.
//
// Every bad input (unknown scenario, implementation, flag or subcommand; a malformed or unfitting
// schedule token; an out-of-range number) becomes one line "racelab: error: <what>" and exit 2:
// app.cpp words CLI11's parse errors, and a command throws UsageError for what only it can
// refuse. Never a stack trace, never a crash.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace racelab::cli {

// What the exit code tells a script or a CI job.
enum ExitCode : int {
  kExitOk = 0,         // the property holds / every verdict as declared / the goal was reached
  kExitViolation = 1,  // a violation was found (check, replay) or a verdict differs (demo)
  kExitUsage = 2,      // bad input: nothing was run
  // racelab could not do its job: a bug in racelab itself, or its output did not reach stdout
  // (a full disk, a closed pipe). One line on stderr, never a stack trace.
  kExitInternal = 3,
  // racelab stress only: how real threads compare with the declared verdict (stress.cpp).
  // 0: declared safe, every trial clean; 1: declared violation, and trials found it.
  kExitMissed = 4,      // declared violation, every trial clean: real threads missed it
  kExitUnexpected = 5,  // declared safe, and trials went wrong: the implementation failed
  // stress and demo stopped by a signal while trials ran: 128 + the signal (130 SIGINT,
  // 143 SIGTERM), as a shell reports a process killed by it; the partial summary was printed.
  kExitInterrupted = 128,
  // stdout is a pipe whose reader is gone (`racelab list | head -1`): nothing on stderr, and
  // 128 + SIGPIPE, as a shell reports a command that SIGPIPE ended (SIGPIPE itself is ignored,
  // so that racelab ends its work and its child processes as usual).
  kExitBrokenPipe = 141,
};

// Flushes stdout and checks that everything written reached it. Returns `code` when it did;
// kExitBrokenPipe, quietly, when stdout is a pipe whose reader is gone (the reader chose to read
// no more: `| head -1`); otherwise prints one line on stderr and returns kExitInternal, so a CI
// job never reads an empty or cut document after a success.
int finish_output(int code);

// Bad input. what() is the whole message: what was wrong and what is accepted.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// "a, b or c": for the "accepted:" half of an error message.
std::string one_of(const std::vector<std::string>& names);
// "a, b, c".
std::string join(const std::vector<std::string>& names);
// Every line of `text` with `prefix` in front.
std::string indent(const std::string& text, const std::string& prefix);

}  // namespace racelab::cli
