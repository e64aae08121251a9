// racelab verify and check --expect: exit 0 exactly when every verdict is as declared. The
// catalogue passes today; changing one declaration (RACELAB_TEST_DECLARE, a test-only override)
// makes it fail with that pair named, in the JSON and in the JUnit report.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "run_command.hpp"

namespace racelab::cli::testing {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(Verify, TheCatalogueIsAsDeclared) {
  const auto r = run_racelab({"verify", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["as_declared"], true);
  EXPECT_EQ(j["pairs"].size(), 15U);  // 5 scenarios × buggy, fixed, complete
  for (const auto& p : j["pairs"]) {
    EXPECT_EQ(p["as_declared"], true) << p.dump();
    if (p["expected"] == "safe") {
      EXPECT_EQ(p["exhaustive"], true) << p.dump();
    }
  }
}

TEST(Verify, OneChangedDeclarationFailsAndIsNamed) {
  RunSpec spec;
  const std::string junit = ::testing::TempDir() + "verify-fail.xml";
  spec.args = {"verify", "--junit", junit};
  spec.env = {"RACELAB_TEST_DECLARE=no-proxies:fixed=violation:KeyError"};
  const auto r = run_racelab(spec);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("✗ 1 verdict NOT as declared"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("≠ NOT as declared (violation)"), std::string::npos) << r.out;
  const std::string xml = read_file(junit);
  EXPECT_NE(xml.find("failures=\"1\""), std::string::npos) << xml;
  const auto at = xml.find("<testcase classname=\"racelab.no-proxies\" name=\"fixed\"");
  ASSERT_NE(at, std::string::npos);
  EXPECT_EQ(xml.find("<failure ", at), xml.find("<failure "));  // the only failure is this one's
  std::remove(junit.c_str());
}

TEST(Verify, ADeclaredViolationThatIsSafeFailsToo) {
  RunSpec spec;
  spec.args = {"verify", "stale-teardown", "--impl", "fixed", "--json"};
  spec.env = {"RACELAB_TEST_DECLARE=stale-teardown:fixed=safe"};
  const auto r = run_racelab(spec);
  EXPECT_EQ(r.exit_code, 1);
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["pairs"].size(), 1U);
  EXPECT_EQ(j["pairs"][0]["verdict"], "violation");
  EXPECT_EQ(j["pairs"][0]["as_declared"], false);
}

TEST(Verify, SelectsScenariosAndImplementations) {
  const auto r = run_racelab({"verify", "no-proxies", "happy-path", "--impl", "fixed", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["pairs"].size(), 2U);
  EXPECT_EQ(j["pairs"][0]["scenario"], "no-proxies");
  EXPECT_EQ(j["pairs"][1]["scenario"], "happy-path");
  EXPECT_EQ(j["pairs"][1]["impl"], "fixed");
}

TEST(Verify, BadInputIsOneLineAndExit2) {
  const auto unknown = run_racelab({"verify", "--impl", "bugy"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_EQ(unknown.err,
            "racelab: error: unknown implementation 'bugy' (accepted: buggy, fixed or "
            "complete)\n");
  RunSpec spec;
  spec.args = {"verify", "happy-path"};
  spec.env = {"RACELAB_TEST_DECLARE=happy-path:fixed=maybe"};
  const auto bad = run_racelab(spec);
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(lines_of(bad.err).size(), 1U) << bad.err;
  RunSpec unmatched;
  unmatched.args = {"verify", "happy-path"};
  unmatched.env = {"RACELAB_TEST_DECLARE=no-proxies:fixed=safe"};
  const auto none = run_racelab(unmatched);
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_EQ(none.out, "");  // nothing ran
  EXPECT_NE(none.err.find("which this run does not verify"), std::string::npos) << none.err;
  const auto unwritable = run_racelab({"verify", "happy-path", "--junit", "/nonexistent/x.xml"});
  EXPECT_EQ(unwritable.exit_code, 2);
  EXPECT_EQ(unwritable.err,
            "racelab: error: cannot write '/nonexistent/x.xml' (accepted: a writable file path)\n");
  EXPECT_EQ(unwritable.out, "");  // refused before anything ran
  const auto full = run_racelab({"verify", "happy-path", "--sarif", "/dev/full"});
  EXPECT_EQ(full.exit_code, 3);  // output not written, as for stdout
  EXPECT_EQ(full.err, "racelab: error: the report could not be written to '/dev/full'\n");
}

TEST(CheckExpect, ExitZeroExactlyWhenTheVerdictIsTheOneExpected) {
  EXPECT_EQ(
      run_racelab({"check", "no-proxies", "--impl", "buggy", "--expect", "violation"}).exit_code,
      0);
  EXPECT_EQ(
      run_racelab({"check", "no-proxies", "--impl", "buggy", "--expect", "declared"}).exit_code, 0);
  EXPECT_EQ(run_racelab({"check", "no-proxies", "--impl", "buggy", "--expect", "safe"}).exit_code,
            1);
  EXPECT_EQ(
      run_racelab({"check", "no-proxies", "--impl", "fixed", "--expect", "violation"}).exit_code,
      1);
  const auto j =
      run_racelab({"check", "no-proxies", "--impl", "fixed", "--expect", "safe", "--json"});
  EXPECT_EQ(j.exit_code, 0);
  EXPECT_EQ(nlohmann::json::parse(j.out)["expect_met"], true);
  const auto bad = run_racelab({"check", "no-proxies", "--impl", "fixed", "--expect", "ok"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.err,
            "racelab: error: unknown expectation 'ok' (accepted: safe, violation or declared)\n");
}

}  // namespace
}  // namespace racelab::cli::testing

namespace racelab::cli::testing {
namespace {

nlohmann::json run_json(const std::vector<std::string>& args) {
  const auto r = run_racelab(args);
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
  return nlohmann::json::parse(r.out);
}

// The step a violation names, read back from a replay of its schedule.
nlohmann::json culprit_of(const std::string& scenario, const std::string& impl,
                          const nlohmann::json& v) {
  const auto trace = run_json({"replay", scenario, "--impl", impl, "--schedule",
                               v["schedule"].get<std::string>(), "--format", "json"});
  const int step = v["step"].get<int>();
  auto s = trace["steps"][static_cast<std::size_t>(step - 1)];
  s["thread_name"] = trace["threads"][s["thread"].get<std::size_t>()];
  EXPECT_EQ(trace["steps"][static_cast<std::size_t>(step - 1)]["flagged"], true);
  return s;
}

// issue 13 §2: an end-of-run violation names the step that made it true.
TEST(Culprit, StaleTeardownFixedIsThePopOfAnOldWorkerThatRemovedTheNewGroupsEntry) {
  const auto j = run_json({"check", "stale-teardown", "--impl", "fixed", "--json"});
  ASSERT_FALSE(j["witnesses"].empty());
  for (const auto& v : j["witnesses"]) {
    ASSERT_TRUE(v.contains("step")) << v.dump();
    const auto s = culprit_of("stale-teardown", "fixed", v);
    EXPECT_EQ(s["op"], "write QUEUE_USER: pop user") << v.dump();
    EXPECT_EQ(s["file"], "fixed/registry.cpp");
    // Threads 2–5 are group#1's workers (Thread-1 started them); the entry was group#2's.
    const int t = s["thread"].get<int>();
    EXPECT_TRUE(t >= 2 && t <= 5) << s.dump();
    EXPECT_NE(v["message"].get<std::string>().find("group#2"), std::string::npos);
  }
}

TEST(Culprit, EnqueueDuringTeardownLostTaskIsThePutOntoTheDyingQueue) {
  const auto j = run_json({"check", "enqueue-during-teardown", "--impl", "fixed", "--json"});
  bool seen = false;
  for (const auto& v : j["witnesses"]) {
    if (v["kind"] != "lost-task") continue;
    seen = true;
    ASSERT_TRUE(v.contains("step")) << v.dump();
    const auto s = culprit_of("enqueue-during-teardown", "fixed", v);
    EXPECT_EQ(s["kind"], "put") << s.dump();
    EXPECT_EQ(s["thread_name"], "Thread-1 (request)");
  }
  EXPECT_TRUE(seen);
}

TEST(Culprit, TheTextAndMarkdownReportsMarkTheCulpritStep) {
  const auto j = run_json({"check", "stale-teardown", "--impl", "fixed", "--json"});
  const std::string token = j["witnesses"][0]["schedule"];
  const std::string step = std::to_string(j["witnesses"][0]["step"].get<int>());
  const auto md = run_racelab(
      {"replay", "stale-teardown", "--impl", "fixed", "--schedule", token, "--format", "markdown"});
  EXPECT_NE(md.out.find("group#2 and group#3 (step " + step + ")"), std::string::npos) << md.out;
  const auto text =
      run_racelab({"replay", "stale-teardown", "--impl", "fixed", "--schedule", token});
  EXPECT_NE(text.out.find(step + "  "), std::string::npos);
  EXPECT_NE(text.out.find("✗ write QUEUE_USER: pop user"), std::string::npos) << text.out;
  const auto svg = run_racelab(
      {"replay", "stale-teardown", "--impl", "fixed", "--schedule", token, "--format", "svg"});
  EXPECT_NE(svg.out.find("<g class=\"step violating\">\n    <title>write QUEUE_USER: pop user"),
            std::string::npos);
}

}  // namespace
}  // namespace racelab::cli::testing
