// Bad input never runs anything and never crashes: one line on stderr naming what was wrong and
// what is accepted, nothing on stdout, exit 2. Help works everywhere and exits 0.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "run_command.hpp"

namespace racelab::cli::testing {
namespace {

struct BadInputCase {
  const char* name;  // test name suffix: letters and digits only
  std::vector<std::string> args;
  std::string says;  // the error line contains this
};

void PrintTo(const BadInputCase& c, std::ostream* os) { *os << c.name; }

class BadInput : public ::testing::TestWithParam<BadInputCase> {};

TEST_P(BadInput, GetsOneLineErrorAndExitTwo) {
  const auto& c = GetParam();
  const auto r = run_racelab(c.args);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(r.out, "");
  const auto lines = lines_of(r.err);
  ASSERT_EQ(lines.size(), 1u) << r.err;
  EXPECT_EQ(lines[0].rfind("racelab: error: ", 0), 0u) << lines[0];
  EXPECT_NE(lines[0].find(c.says), std::string::npos) << lines[0];
}

const std::string kToken = "0x1";

INSTANTIATE_TEST_SUITE_P(
    EveryKind, BadInput,
    ::testing::Values(
        BadInputCase{
            "UnknownSubcommand",
            {"frobnicate"},
            "unknown subcommand 'frobnicate' (accepted: demo, list, check, verify, replay, "
            "stress, merge, play, exercises or grade)"},
        BadInputCase{"UnknownTopFlag", {"--frob"}, "--frob"},
        BadInputCase{"UnknownFlag",
                     {"check", "no-proxies", "--impl", "buggy", "--frob"},
                     "unknown flag '--frob' for 'racelab check' (accepted: "},
        // An unknown flag is named before a missing argument (was: "SCENARIO is required").
        BadInputCase{"UnknownFlagAlone",
                     {"check", "--bogus"},
                     "unknown flag '--bogus' for 'racelab check' (accepted: "},
        BadInputCase{"UnknownFlagWithoutImpl",
                     {"check", "no-proxies", "--bogus"},
                     "unknown flag '--bogus' for 'racelab check' (accepted: "},
        // A misspelt flag with its value: the flag is named, not the value taken for SCENARIO
        // (new-user trial 9: "unknown scenario 'out.xml'").
        BadInputCase{"UnknownFlagWithAValue",
                     {"verify", "--junti", "out.xml"},
                     "unknown flag '--junti' for 'racelab verify' (accepted: "},
        BadInputCase{"UnknownFlagWithAValueBeforeTheScenario",
                     {"check", "--frob", "x", "no-proxies", "--impl", "buggy"},
                     "unknown flag '--frob' for 'racelab check' (accepted: "},
        BadInputCase{"UnknownScenario",
                     {"check", "nope", "--impl", "buggy"},
                     "unknown scenario 'nope' (accepted: no-proxies"},
        BadInputCase{
            "UnknownImplementation",
            {"check", "no-proxies", "--impl", "bugy"},
            "unknown implementation 'bugy' (accepted: buggy, fixed, complete or exercise)"},
        BadInputCase{"MissingImplementation", {"check", "no-proxies"}, "--impl is required"},
        BadInputCase{"MissingScenario",
                     {"replay", "--impl", "buggy", "--schedule", "0x1"},
                     "SCENARIO is required"},
        BadInputCase{"ExtraArgument",
                     {"check", "no-proxies", "extra", "--impl", "buggy"},
                     "unexpected argument 'extra'"},
        BadInputCase{"UnknownStrategy",
                     {"check", "no-proxies", "--impl", "buggy", "--strategy", "bfs"},
                     "unknown strategy 'bfs' (accepted: dpor, dfs, random or pct"},
        BadInputCase{"ZeroMaxSchedules",
                     {"check", "no-proxies", "--impl", "buggy", "--max-schedules", "0"},
                     "--max-schedules 0 is out of range (accepted: 1..1000000000)"},
        BadInputCase{"NegativeBound",
                     {"check", "no-proxies", "--impl", "buggy", "--preemption-bound", "-1"},
                     "--preemption-bound expects a whole number from 0 to 1000, got '-1'"},
        BadInputCase{
            "SeedNotANumber",
            {"check", "no-proxies", "--impl", "buggy", "--strategy", "random", "--seed", "x1"},
            "--seed expects a whole number"},
        // Past 2^64 - 1: refused, not saturated (new-user trial 9: it ran with the largest seed).
        BadInputCase{"SeedPastTheLargest",
                     {"check", "no-proxies", "--impl", "buggy", "--strategy", "random", "--seed",
                      "18446744073709551616"},
                     "--seed 18446744073709551616 is out of range (accepted: "
                     "0..18446744073709551615)"},
        BadInputCase{"SeedWithDpor",
                     {"check", "no-proxies", "--impl", "buggy", "--seed", "3"},
                     "--seed applies to --strategy random or pct only"},
        BadInputCase{"BoundWithRandom",
                     {"check", "no-proxies", "--impl", "buggy", "--strategy", "random",
                      "--preemption-bound", "2"},
                     "--preemption-bound applies to --strategy dpor or dfs only"},
        BadInputCase{
            "UnknownFormat",
            {"replay", "no-proxies", "--impl", "buggy", "--schedule", kToken, "--format", "pdf"},
            "unknown format 'pdf' (accepted: text, json, markdown or svg)"},
        BadInputCase{"MissingSchedule",
                     {"replay", "no-proxies", "--impl", "buggy"},
                     "--schedule is required"},
        BadInputCase{"MalformedToken",
                     {"replay", "no-proxies", "--impl", "buggy", "--schedule", "zz!?"},
                     "no-proxies --impl buggy: bad schedule token \"zz!?\""},
        BadInputCase{"TokenTooLong",
                     {"replay", "no-proxies", "--impl", "buggy", "--schedule", "0x99999"},
                     "no-proxies --impl buggy: schedule \"0x99999\" does not fit: step 2 chooses "
                     "MainThread, which is blocked"},
        // A token `check --workers 3` printed, replayed at the default size: the error says
        // which size it tried (it once said only "does not fit").
        BadInputCase{
            "TokenOfAnotherSize",
            {"replay", "no-proxies", "--impl", "buggy", "--schedule", "0.1x6.0x2.2x4.3x3.4x3"},
            "printed for this scenario, implementation and size; this replay's size is "
            "--workers 4)"},
        BadInputCase{"TokenWithUnknownThread",
                     {"replay", "no-proxies", "--impl", "buggy", "--schedule", "0.9x2"},
                     "step 2 chooses thread 9, which does not exist"},
        BadInputCase{"TokenEndsEarly",
                     {"replay", "no-proxies", "--impl", "buggy", "--schedule", "0"},
                     "the token ends after step 1, but the execution goes on"},

        BadInputCase{"ZeroTrials",
                     {"stress", "no-proxies", "--impl", "buggy", "--trials", "0"},
                     "--trials 0 is out of range (accepted: 1..1000000)"},
        BadInputCase{"TooManyJobs",
                     {"stress", "no-proxies", "--impl", "buggy", "--jobs", "1000"},
                     "--jobs 1000 is out of range (accepted: 1..64)"},
        BadInputCase{"NoiseOver100",
                     {"stress", "no-proxies", "--impl", "buggy", "--noise", "101"},
                     "--noise 101 is out of range (accepted: 0..100)"},
        BadInputCase{"DemoTrialsNotANumber",
                     {"demo", "--trials", "lots"},
                     "--trials expects a whole number from 0 to 100000, got 'lots'"},
        BadInputCase{
            "PlayUnknownScenario", {"play", "nope", "--impl", "buggy"}, "unknown scenario 'nope'"},
        BadInputCase{"PlayMalformedStart",
                     {"play", "no-proxies", "--impl", "buggy", "--schedule", "x.x"},
                     "--schedule: no-proxies --impl buggy: bad schedule token \"x.x\""},
        BadInputCase{"ListWithArgument", {"list", "extra"}, "unexpected argument 'extra'"},
        // What CLI11 itself would word ("At Most 1 required", "Could not convert") or accept
        // (hex, octal, a wrapped "-1") is worded and refused the way racelab does.
        BadInputCase{"RepeatedFlag",
                     {"check", "no-proxies", "--impl", "buggy", "--impl", "fixed"},
                     "--impl is given more than once"},
        BadInputCase{"FlagWithoutValue", {"check", "no-proxies", "--impl"}, "--impl needs a value"},
        BadInputCase{"SwitchWithValue",
                     {"check", "no-proxies", "--impl", "buggy", "--first=x"},
                     "--first does not take the value 'x'"},
        BadInputCase{"HexNumber",
                     {"stress", "no-proxies", "--impl", "buggy", "--jobs", "0x10"},
                     "--jobs expects a whole number from 1 to 64, got '0x10'"},
        BadInputCase{"SignedNumber",
                     {"stress", "no-proxies", "--impl", "buggy", "--trials", "+3"},
                     "--trials expects a whole number from 1 to 1000000, got '+3'"},
        BadInputCase{"HugeNumber",
                     {"check", "no-proxies", "--impl", "buggy", "--max-schedules",
                      "99999999999999999999999"},
                     "--max-schedules 99999999999999999999999 is out of range (accepted: "
                     "1..1000000000)"},
        BadInputCase{"DepthWithDpor",
                     {"check", "no-proxies", "--impl", "buggy", "--pct-depth", "2"},
                     "--pct-depth applies to --strategy pct only"}),
    [](const ::testing::TestParamInfo<BadInputCase>& param) {
      return std::string(param.param.name);
    });

// Tokens that are well formed but belong to another run: taken from check, then bent.
std::string seed_token() {
  const auto r = run_racelab({"check", "no-proxies", "--impl", "buggy", "--json"});
  return nlohmann::json::parse(r.out)["schedule"].get<std::string>();
}

void expect_one_line_error(const CommandResult& r, const std::string& says) {
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  ASSERT_EQ(lines_of(r.err).size(), 1u) << r.err;
  EXPECT_NE(r.err.find(says), std::string::npos) << r.err;
}

TEST(BadToken, FromAnotherScenarioDoesNotFit) {
  const std::string token = seed_token();
  expect_one_line_error(
      run_racelab({"replay", "concurrent-add", "--impl", "buggy", "--schedule", token}),
      "concurrent-add --impl buggy: schedule \"" + token + "\" does not fit");
}

TEST(BadToken, WithAStepTooManyDoesNotFit) {
  const std::string token = seed_token() + ".1";
  expect_one_line_error(
      run_racelab({"replay", "no-proxies", "--impl", "buggy", "--schedule", token}),
      "but the token has 1 more step");
}

TEST(Numbers, LeadingZerosAreDecimalNotOctal) {
  const auto r = run_racelab({"check", "no-proxies", "--impl", "fixed", "--strategy", "random",
                              "--max-schedules", "010", "--json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["schedules"], 10);
}

// The largest seed is a seed (SeedPastTheLargest: one more is refused).
TEST(Numbers, TheLargestSeedIsTakenAsItIs) {
  const auto r = run_racelab({"check", "no-proxies", "--impl", "fixed", "--strategy", "random",
                              "--seed", "18446744073709551615", "--max-schedules", "3"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("(seed 18446744073709551615)"), std::string::npos) << r.out;
}

TEST(Numbers, SamplingDefaultsToAThousandSchedules) {
  const auto r = run_racelab(
      {"check", "happy-path", "--impl", "fixed", "--strategy", "pct", "--seed", "3", "--json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["schedules"], 1000);
  EXPECT_EQ(j["complete"], false);
}

TEST(Help, TopLevelListsEverySubcommand) {
  const auto r = run_racelab({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* sub :
       {"demo", "list", "check", "replay", "stress", "merge", "play", "Exit codes"}) {
    EXPECT_NE(r.out.find(sub), std::string::npos) << sub;
  }
}

// One line, the project's VERSION (CMakeLists.txt), exit 0; --help lists it. A script can
// compare it: nothing else on the line, nothing on stderr.
TEST(Help, VersionIsOneLineWithTheProjectsVersion) {
  const auto r = run_racelab({"--version"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "racelab " RACELAB_VERSION "\n");
  EXPECT_EQ(r.err, "");
  const auto help = run_racelab({"--help"});
  EXPECT_NE(help.out.find("--version"), std::string::npos) << help.out;
  // Only the top level has it; a subcommand names it as unknown, as any flag it does not take.
  const auto sub = run_racelab({"list", "--version"});
  EXPECT_EQ(sub.exit_code, 2);
  EXPECT_NE(sub.err.find("unknown flag '--version' for 'racelab list'"), std::string::npos)
      << sub.err;
}

TEST(Help, EverySubcommandHasItsOwn) {
  for (const char* sub : {"demo", "list", "check", "replay", "stress", "merge", "play"}) {
    const auto r = run_racelab({sub, "--help"});
    EXPECT_EQ(r.exit_code, 0) << sub;
    EXPECT_NE(r.out.find(std::string("racelab ") + sub), std::string::npos) << r.out;
  }
  EXPECT_NE(run_racelab({"check", "--help"}).out.find("--preemption-bound"), std::string::npos);
  EXPECT_NE(run_racelab({"replay", "--help"}).out.find("--format"), std::string::npos);
}

}  // namespace
}  // namespace racelab::cli::testing
