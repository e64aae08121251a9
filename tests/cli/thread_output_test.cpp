// What a run printed when exceptions escaped its threads: the seed's log, from the trace.
#include <gtest/gtest.h>

#include "render.hpp"
#include "sample_execution.hpp"

namespace racelab::cli::testing {
namespace {

TEST(ThreadOutput, EachEscapeAsPythonsThreadingPrintsItInTheOrderTheyHappened) {
  model::Execution e;
  e.trace.threads = {"MainThread", "Thread-1 (request)", "Thread-2 (worker)", "Thread-3 (worker)"};
  e.trace.steps = {step(2, model::OpKind::read, "QUEUE_USER", "find user", "false", 45),
                   raised(3, "KeyError: 'GCCDianaramirez'"), step(2, model::OpKind::exit, ""),
                   raised(2, "KeyError: 'GCCDianaramirez'")};
  EXPECT_EQ(render_thread_output(e),
            "Exception in thread Thread-3 (worker):\nKeyError: 'GCCDianaramirez'\n"
            "Exception in thread Thread-2 (worker):\nKeyError: 'GCCDianaramirez'\n");
}

TEST(ThreadOutput, NothingWhenNoExceptionEscaped) {
  model::Execution e;
  e.trace.threads = {"MainThread"};
  e.trace.steps = {step(0, model::OpKind::exit, "")};
  EXPECT_EQ(render_thread_output(e), "");
}

}  // namespace
}  // namespace racelab::cli::testing
