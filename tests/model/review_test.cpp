// review_markdown() (racelab/model/review.hpp): an execution as a review comment. The racelab
// command's replay --format markdown is tested on the catalogue (tests/cli/render_test.cpp);
// here, what a user's own class brings that the catalogue does not: atomics, condition
// variables and semaphores drawn as arrows to their object, and Markdown that no name breaks.
#include <gtest/gtest.h>

#include "racelab/model/review.hpp"

namespace racelab::model::testing {
namespace {

Step step(int thread, OpKind kind, std::string object, std::string detail = "") {
  Step s;
  s.thread = thread;
  s.kind = kind;
  s.object = std::move(object);
  s.detail = std::move(detail);
  return s;
}

TEST(Review, AtomicsAndConditionVariablesAreArrowsToTheirObject) {
  Execution e;
  e.trace.threads = {"MainThread", "Thread-1 (producer)", "Thread-2 (consumer)"};
  e.trace.steps = {step(1, OpKind::store, "ready", "release"), step(1, OpKind::notify, "cv", "all"),
                   step(2, OpKind::rmw, "count", "fetch_add, relaxed"),
                   step(2, OpKind::load, "ready", "acquire")};
  e.schedule = "1x2.2x2";
  ReviewOptions o;
  o.subject = "model test " + review_code("queue_test");
  o.replay = "./queue_test --replay 1x2.2x2";
  const std::string md = review_markdown(e, o);
  EXPECT_EQ(md.rfind("**racelab**: model test `queue_test` runs this interleaving without a "
                     "violation.\n\n```mermaid\nsequenceDiagram\n",
                     0),
            0U)
      << md;
  EXPECT_NE(md.find("    participant O0 as ready\n    participant O1 as cv\n    participant O2 "
                    "as count\n"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("    T1->>O0: 1. store release\n"), std::string::npos) << md;
  EXPECT_NE(md.find("    T1->>O1: 2. notify all\n"), std::string::npos) << md;
  EXPECT_NE(md.find("    T2->>O2: 3. rmw fetch_add, relaxed\n"), std::string::npos) << md;
  EXPECT_NE(md.find("    T2->>O0: 4. load acquire\n"), std::string::npos) << md;
  EXPECT_NE(md.find("Replay it: `./queue_test --replay 1x2.2x2`\n"), std::string::npos) << md;
}

TEST(Review, NamesCannotBreakTheMarkdown) {
  EXPECT_EQ(review_code("a`b"), "`a'b`");
  EXPECT_EQ(review_prose("vector<int>"), "vector&lt;int&gt;");
  Execution e;
  e.trace.threads = {"MainThread"};
  e.trace.steps = {step(0, OpKind::write, "m<k>", "x; y # z")};
  const std::string md = review_markdown(e);
  EXPECT_NE(md.find("participant O0 as m#lt;k#gt;\n"), std::string::npos) << md;
  EXPECT_NE(md.find("T0->>O0: 1. write x#59; y #35; z\n"), std::string::npos) << md;
  EXPECT_EQ(md.find("Replay it"), std::string::npos) << "no command given, none shown";
}

}  // namespace
}  // namespace racelab::model::testing
