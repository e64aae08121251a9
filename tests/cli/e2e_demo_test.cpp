// racelab demo, and racelab with no arguments: the seed's story end to end, exit 0 when every
// verdict is as declared.
#include <gtest/gtest.h>

#include "run_command.hpp"

namespace racelab::cli::testing {
namespace {

TEST(Demo, NoArgumentsTellsTheSeedsStoryAndEveryVerdictIsAsDeclared) {
  const auto r = run_racelab(std::vector<std::string>{});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  for (const char* part : {"KeyError: 'GCCDianaramirez'",  // the seed's log, found
                           "racelab replay no-proxies --impl buggy --schedule ",  // replayable
                           "✓ proved safe in every interleaving",                 // the fix
                           "stale-teardown",                                      // the table
                           "Real threads",                                        // real trials
                           "ThreadSanitizer",                                     // and TSan
                           "✓ every verdict as declared"}) {
    EXPECT_NE(r.out.find(part), std::string::npos) << part << "\n" << r.out;
  }
}

TEST(Demo, SubcommandIsTheSameAsNoArguments) {
  const auto r = run_racelab({"demo", "--trials", "0"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("skipped (--trials 0)"), std::string::npos);
}

}  // namespace
}  // namespace racelab::cli::testing
