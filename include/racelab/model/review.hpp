// racelab/model/review.hpp — an execution as a code-review comment: a Markdown paragraph that
// says what failed, then a ```mermaid sequenceDiagram (one participant per thread, then one per
// shared object it touched; the failing steps shaded red), then the command that replays it.
// GitHub and GitLab render it as it is. The racelab command's `replay --format markdown` and a
// model test's `--replay TOKEN --format markdown` (model_test.hpp) both print it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "racelab/model/trace.hpp"

namespace racelab::model {

struct ReviewOptions {
  // What ran, as Markdown, after "**racelab** found a race in " (or "**racelab**: " for a clean
  // run): "model test `inventory_buggy`", "scenario `no-proxies` (…) with the `buggy`
  // implementation". review_code() and review_prose() make the parts safe.
  std::string subject = "this test";
  // The command that replays the execution, shown as inline code at the end ("" leaves it out).
  std::string replay;
  // The threads drawn, by id (empty: all); a run of other threads' steps becomes one note.
  std::vector<bool> threads;
  // Lines shown as a list of inline code before the diagram (the state a run started from).
  std::vector<std::string> state;
};

std::string review_markdown(const Execution& e, const ReviewOptions& options = {});

// Inline code (`…`) that no backtick inside can end early.
std::string review_code(std::string_view s);
// Prose safe outside the diagram: '<' and '>' escaped, so no text is taken for an HTML tag.
std::string review_prose(std::string_view s);

}  // namespace racelab::model
