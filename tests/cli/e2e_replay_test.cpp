// racelab replay: the token check printed re-runs exactly that interleaving, byte for byte, in
// every format.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "run_command.hpp"

namespace racelab::cli::testing {
namespace {

std::string failing_token() {
  const auto r = run_racelab({"check", "no-proxies", "--impl", "buggy", "--json"});
  return nlohmann::json::parse(r.out)["schedule"].get<std::string>();
}

CommandResult replay(const std::string& token, const std::string& format,
                     const std::string& impl = "buggy") {
  return run_racelab(
      {"replay", "no-proxies", "--impl", impl, "--schedule", token, "--format", format});
}

TEST(Replay, TextShowsTheTimelineAndTheViolation) {
  const auto token = failing_token();
  const auto r = replay(token, "text");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("schedule " + token), std::string::npos);
  EXPECT_NE(r.out.find("✗ KeyError: 'GCCDianaramirez'"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Thread-2"), std::string::npos);
  EXPECT_NE(r.out.find("registry.cpp:"), std::string::npos) << "every step names its source";
}

TEST(Replay, IsByteIdenticalRunAfterRun) {
  const auto token = failing_token();
  for (const char* format : {"text", "json", "markdown", "svg"}) {
    EXPECT_EQ(replay(token, format).out, replay(token, format).out) << format;
  }
}

TEST(Replay, JsonReproducesTheViolationsCheckReported) {
  const auto r = run_racelab({"check", "no-proxies", "--impl", "buggy", "--json"});
  const auto check = nlohmann::json::parse(r.out);
  const auto j = nlohmann::json::parse(replay(check["schedule"], "json").out);
  EXPECT_EQ(j["schedule"], check["schedule"]);
  EXPECT_EQ(j["verdict"], "violation");
  ASSERT_EQ(j["violations"].size(), check["violations"].size());
  for (std::size_t i = 0; i < j["violations"].size(); ++i) {
    EXPECT_EQ(j["violations"][i]["kind"], check["violations"][i]["kind"]);
    EXPECT_EQ(j["violations"][i]["message"], check["violations"][i]["message"]);
  }
  EXPECT_FALSE(j["steps"].empty());
}

TEST(Replay, MarkdownIsAReviewCommentWithAMermaidDiagram) {
  const auto md = replay(failing_token(), "markdown").out;
  EXPECT_NE(md.find("**racelab** found a race in scenario `no-proxies`"), std::string::npos);
  EXPECT_NE(md.find("```mermaid\nsequenceDiagram\n"), std::string::npos);
  EXPECT_NE(md.find("participant O0 as QUEUE_USER"), std::string::npos) << md;
  EXPECT_NE(md.find("Note over T"), std::string::npos);
}

TEST(Replay, SvgIsOneDocumentWithTheViolationHighlighted) {
  const auto svg = replay(failing_token(), "svg").out;
  EXPECT_EQ(svg.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg ", 0), 0u);
  EXPECT_NE(svg.find("class=\"step violating\""), std::string::npos);
  EXPECT_EQ(svg.substr(svg.size() - 7), "</svg>\n");
}

TEST(Replay, ASafeInterleavingExitsZero) {
  // A whole run of the fixed registry, as a student playing it would leave it: each thread in
  // turn, as far as it can go.
  std::string script;
  for (int round = 0; round < 6; ++round) {
    for (int thread = 0; thread <= 5; ++thread) script += std::to_string(thread) + "\n";
  }
  const auto played = run_racelab({"play", "no-proxies", "--impl", "fixed"}, script);
  ASSERT_EQ(played.exit_code, 1) << "the goal is out of reach for the fix\n" << played.out;
  const std::string label = "your schedule: ";
  const auto at = played.out.find(label);
  ASSERT_NE(at, std::string::npos) << played.out;
  const std::string token =
      played.out.substr(at + label.size(), played.out.find('\n', at) - at - label.size());
  const auto r = replay(token, "text", "fixed");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("✓ no violation in this interleaving"), std::string::npos);
}

}  // namespace
}  // namespace racelab::cli::testing
