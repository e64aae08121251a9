// The cause in every report (issue 13 §2): the culprit step of an end-of-run violation, whose
// entry or queue a step touched, which locks each side of a race held, preemptions, and --focus.
// Facts are taken from one rendering (JSON) and checked in the others, so each assertion can
// fail on its own: a mark at the wrong step, a lane too many, a lock not named.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "run_command.hpp"

namespace racelab::cli::testing {
namespace {

using nlohmann::json;

json json_of(const std::vector<std::string>& args) {
  const auto r = run_racelab(args);
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
  return json::parse(r.out);
}

// check --json's witness for `kind`: {step, schedule, locks_held, ...}.
json witness(const std::string& scenario, const std::string& impl, const std::string& kind) {
  const json j = json_of({"check", scenario, "--impl", impl, "--json"});
  for (const auto& w : j["witnesses"]) {
    if (w["kind"] == kind) return w;
  }
  ADD_FAILURE() << "no " << kind << " witness: " << j.dump();
  return json::object();
}

std::string replay(const std::string& scenario, const std::string& impl, const std::string& token,
                   const std::vector<std::string>& more = {}) {
  std::vector<std::string> args = {"replay", scenario, "--impl", impl, "--schedule", token};
  args.insert(args.end(), more.begin(), more.end());
  const auto r = run_racelab(args);
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
  return r.out;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The text timeline's row of step n ("    41  …" or "    41↯ …").
std::string row_of(const std::string& text, int n) {
  std::string num = std::to_string(n);
  num = std::string(6 - num.size(), ' ') + num;
  for (const auto& line : lines_of(text)) {
    if (line.rfind(num + " ", 0) == 0 || line.rfind(num + "↯", 0) == 0) return line;
  }
  return "";
}

TEST(Cause, StaleTeardownNamesThePopOfAnotherGroupsEntry) {
  const json w = witness("stale-teardown", "fixed", "duplicate-workers");
  ASSERT_TRUE(w.contains("step")) << w.dump();
  const int step = w["step"];
  EXPECT_EQ(w["locks_held"], json({"QUEUE_USER_LOCK"})) << w.dump();

  const json e =
      json::parse(replay("stale-teardown", "fixed", w["schedule"], {"--format", "json"}));
  const auto& culprit = e["steps"][static_cast<std::size_t>(step - 1)];
  EXPECT_EQ(culprit["op"], "write QUEUE_USER: pop user") << culprit.dump();
  const std::string value = culprit["value"];
  EXPECT_EQ(value.find("group#2's entry (this worker is group#1's)"), 0U) << value;
  EXPECT_EQ(culprit["flagged"], true);

  // Every renderer marks that step, and only a violation's step carries the mark.
  const std::string text = replay("stale-teardown", "fixed", w["schedule"]);
  EXPECT_NE(row_of(text, step).find("✗ write QUEUE_USER: pop user → group#2's entry"),
            std::string::npos)
      << text;
  EXPECT_EQ(row_of(text, step - 1).find("✗"), std::string::npos) << text;
  const std::string md = replay("stale-teardown", "fixed", w["schedule"], {"--format", "markdown"});
  const auto rect = md.find("rect rgb(255, 215, 215)\n");
  ASSERT_NE(rect, std::string::npos) << md;
  EXPECT_NE(md.find(": " + std::to_string(step) + ". write pop user", rect), std::string::npos)
      << md;
  const std::string svg = replay("stale-teardown", "fixed", w["schedule"], {"--format", "svg"});
  const auto box = svg.find("<g class=\"step violating\">");
  ASSERT_NE(box, std::string::npos);
  EXPECT_NE(svg.find(">" + std::to_string(step) + "</text>", box), std::string::npos);
  EXPECT_LT(svg.find(">" + std::to_string(step) + "</text>", box), svg.find("</g>", box));
  EXPECT_NE(svg.find("the step that caused the violation"), std::string::npos);
  EXPECT_NE(svg.find("<g class=\"lock-held\">"), std::string::npos);  // the lock spans
}

TEST(Cause, EnqueueDuringTeardownNamesTheQueueAndTheLocksOfEachAccess) {
  const json lost = witness("enqueue-during-teardown", "fixed", "lost-task");
  ASSERT_TRUE(lost.contains("step")) << lost.dump();
  const json e = json::parse(
      replay("enqueue-during-teardown", "fixed", lost["schedule"], {"--format", "json"}));
  EXPECT_EQ(e["steps"][static_cast<std::size_t>(lost["step"].get<int>() - 1)]["op"],
            "put group#1's queue");
  EXPECT_EQ(lost["locks_held"], json::array()) << lost.dump();  // the seed's put holds no lock

  const json race = witness("enqueue-during-teardown", "fixed", "data-race");
  const std::string message = race["message"];
  EXPECT_NE(message.find("; the write held QUEUE_USER_LOCK; the read held none"), std::string::npos)
      << message;
  EXPECT_EQ(race["locks_held"], json({"QUEUE_USER_LOCK"})) << race.dump();
  EXPECT_EQ(race["related_locks_held"], json::array({json::array()})) << race.dump();
}

TEST(Cause, ARaceWithNoLockOnEitherSideSaysSo) {
  const json race = witness("no-proxies", "buggy", "data-race");
  const std::string message = race["message"];
  EXPECT_NE(message.find("; the read held none; the write held none"), std::string::npos)
      << message;
  EXPECT_EQ(race["locks_held"], json::array());
  EXPECT_EQ(race["related_locks_held"], json::array({json::array()}));
}

TEST(Cause, FocusKeepsTheCulpritsThreadAndDropsTheUnrelatedOnes) {
  const json w = witness("stale-teardown", "fixed", "duplicate-workers");
  const int step = w["step"];
  const json e =
      json::parse(replay("stale-teardown", "fixed", w["schedule"], {"--format", "json"}));
  const int culprit_thread = e["steps"][static_cast<std::size_t>(step - 1)]["thread"];
  const std::string culprit_name = e["threads"][static_cast<std::size_t>(culprit_thread)];
  const std::size_t threads = e["threads"].size();
  ASSERT_EQ(threads, 16U);

  const std::string all = replay("stale-teardown", "fixed", w["schedule"], {"--format", "svg"});
  const std::string focus =
      replay("stale-teardown", "fixed", w["schedule"], {"--format", "svg", "--focus"});
  EXPECT_EQ(count(all, "<g class=\"lane\">"), threads);
  // The culprit (a group#1 worker) and the request that inserted the entry it pops.
  EXPECT_EQ(count(focus, "<g class=\"lane\">"), 2U);
  const std::string head = culprit_name.substr(0, culprit_name.find(" ("));  // "Thread-5"
  EXPECT_NE(focus.find(">" + head + "</text>"), std::string::npos) << focus;
  EXPECT_NE(focus.find("steps of 5 other threads"), std::string::npos);
  EXPECT_NE(focus.find("registry before step " + std::to_string(step) + ": QUEUE_USER = {"),
            std::string::npos);
  // The culprit box's owner label and its source line are both whole: each on its own line when
  // the two do not fit one, nothing cut with "…".
  const std::string box = focus.substr(focus.find("<g class=\"step violating\">"));
  const std::string culprit = box.substr(0, box.find("</g>"));
  EXPECT_NE(culprit.find(">→ group#2&apos;s entry (this worker is group#1&apos;s)</text>"),
            std::string::npos)
      << culprit;
  EXPECT_NE(culprit.find(">fixed/registry.cpp:"), std::string::npos) << culprit;
  EXPECT_EQ(culprit.find("…"), std::string::npos) << culprit;

  const std::string text = replay("stale-teardown", "fixed", w["schedule"], {"--focus"});
  const auto header = lines_of(text.substr(text.find("  step")));
  ASSERT_FALSE(header.empty());
  EXPECT_EQ(count(header.front(), "Thread-"), 2U) << header.front();
  EXPECT_NE(header.front().find(head), std::string::npos) << header.front();
  EXPECT_NE(row_of(text, step).find("✗ write QUEUE_USER: pop user"), std::string::npos) << text;
  EXPECT_NE(text.find("registry after step " + std::to_string(step) + ":  QUEUE_USER = {}"),
            std::string::npos)
      << text;

  // check --focus draws its witness's timeline the same way.
  const auto checked = run_racelab({"check", "stale-teardown", "--impl", "fixed", "--focus"});
  EXPECT_EQ(checked.exit_code, 1) << checked.err;
  const auto check_header = lines_of(checked.out.substr(checked.out.find("  step")));
  ASSERT_FALSE(check_header.empty());
  EXPECT_EQ(count(check_header.front(), "Thread-"), 2U) << checked.out;
  EXPECT_NE(checked.out.find("registry before step " + std::to_string(step)), std::string::npos)
      << checked.out;

  // JSON has every step: --focus there is refused, with what is accepted.
  const auto refused = run_racelab({"replay", "stale-teardown", "--impl", "fixed", "--schedule",
                                    w["schedule"], "--format", "json", "--focus"});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("--focus applies to --format text, markdown or svg"),
            std::string::npos)
      << refused.err;
  const auto refused_check =
      run_racelab({"check", "stale-teardown", "--impl", "fixed", "--json", "--focus"});
  EXPECT_EQ(refused_check.exit_code, 2);
  EXPECT_NE(refused_check.err.find("--focus applies to the text report"), std::string::npos)
      << refused_check.err;
}

// 0.1x8.2x5.1x2…: Thread-2 runs step 10 while Thread-1 (steps 2–9, again at 15) could go on —
// the one preemption of this schedule, and the only step marked in each rendering.
TEST(Cause, PreemptionsAreMarkedAtExactlyThePreemptingSteps) {
  const std::string token = "0.1x8.2x5.1x2.0x2.3x5.4x5.5x5";
  const json e =
      json::parse(replay("enqueue-during-teardown", "fixed", token, {"--format", "json"}));
  ASSERT_EQ(e["preemptions"], 1);
  std::set<int> marked;
  for (const auto& s : e["steps"]) {
    if (s["preemption"] == true) marked.insert(s["step"].get<int>());
  }
  EXPECT_EQ(marked, std::set<int>{10});

  const std::string text = replay("enqueue-during-teardown", "fixed", token);
  EXPECT_EQ(row_of(text, 10).rfind("    10↯", 0), 0U) << text;
  EXPECT_EQ(count(text, "↯"), 2U) << text;  // the step and the legend
  const std::string md =
      replay("enqueue-during-teardown", "fixed", token, {"--format", "markdown"});
  EXPECT_NE(md.find(": 10↯. "), std::string::npos) << md;
  EXPECT_EQ(count(md, "↯. "), 1U) << md;
  const std::string svg = replay("enqueue-during-teardown", "fixed", token, {"--format", "svg"});
  EXPECT_EQ(count(svg, "class=\"step preemption\"") + count(svg, "conflicting preemption\"") +
                count(svg, "violating preemption\""),
            1U);
  EXPECT_NE(svg.find(">↯ 10</text>"), std::string::npos);
}

}  // namespace
}  // namespace racelab::cli::testing
