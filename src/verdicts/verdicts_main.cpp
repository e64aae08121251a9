// racelab-verdicts — regenerates the verdict table: every scenario × implementation under the
// model (exhaustive dpor), measured against the declared verdicts. Prints Markdown to stdout;
// exits 1 when a measured verdict disagrees with the declared one.
//
//   build/dev/bin/racelab-verdicts     (scripts/update-verdicts.sh puts it in docs/verdicts.md)
#include <algorithm>
#include <cstdio>
#include <iostream>

#include "verdict_table.hpp"

int main(int argc, char** argv) {
  if (argc > 1) {
    std::fprintf(stderr, "racelab-verdicts: takes no arguments (got '%s'); it prints the table\n",
                 argv[1]);
    return 2;
  }
  const auto rows = racelab::verdicts::check_all();
  std::cout << racelab::verdicts::render_markdown(rows);
  return std::all_of(rows.begin(), rows.end(), [](const auto& r) { return r.as_declared(); }) ? 0
                                                                                              : 1;
}
