// tests/cli/run_command.hpp — runs the built racelab binary (or another program a test built) as
// a person or a script would.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace racelab::cli::testing {

struct CommandResult {
  int exit_code = -1;  // the exit status; 128 + signal when killed by a signal
  std::string out;     // stdout (on a terminal: everything the terminal showed)
  std::string err;     // stderr (empty on a terminal: it is merged into out)
};

struct RunSpec {
  std::vector<std::string> args;   // after the program name
  std::string input;               // written to stdin, which is then closed
  std::vector<std::string> env;    // extra NAME=value pairs
  std::vector<std::string> unset;  // variables to remove (NO_COLOR, ...)
  bool terminal = false;           // run on a pseudo-terminal (stdin, stdout and stderr)
  // Where stdout goes instead of the pipe `out` reads: a file opened for writing ("/dev/full"),
  // or, with stdout_closed, a pipe whose reader is already gone (`racelab ... | true`).
  std::string stdout_file;
  bool stdout_closed = false;
  // Nonzero: stdout is a pipe of one page (4 KiB) whose reader takes the first stdout_head bytes
  // and then closes it (`racelab ... | head -c N`): output longer than the page cannot all fit,
  // so racelab meets the closed pipe whatever the timing. `out` holds the bytes read.
  std::size_t stdout_head = 0;
  // Kill the program (SIGKILL) once stderr holds its first whole line: for what a run that would
  // go on for days says before it starts.
  bool kill_after_stderr_line = false;
  std::string program;  // the program to run; empty: racelab (RACELAB_BIN)
};

// Runs spec.program (RACELAB_BIN when empty) with the spec and waits for it (a minute at most,
// then kills it).
CommandResult run_racelab(const RunSpec& spec);
// Shorthand: plain pipes, inherited environment.
CommandResult run_racelab(const std::vector<std::string>& args, const std::string& input = "");

// Lines of text, without their newlines.
std::vector<std::string> lines_of(const std::string& text);

}  // namespace racelab::cli::testing
