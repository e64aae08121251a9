// The notes a report carries about what its verdict did not see (new-user trial 7): threads that
// share only plain C++ data (racelab sees nothing to interleave: Report::unshared), and a
// sync::thread destroyed while joinable (the real mapping's std::thread terminates there:
// Report::unjoined).
#include <gtest/gtest.h>

#include <string>

#include "programs.hpp"

namespace racelab::model::testing {
namespace {

TEST(UnsharedNote, ThreadsThatShareOnlyAPlainIntAreNamed) {
  const Report r = explore(Options{}, [] {
    int hits = 0;  // a plain member: the model never sees it
    sync::thread a("a", [&] { ++hits; });
    sync::thread b("b", [&] { ++hits; });
    a.join();
    b.join();
  });
  EXPECT_FALSE(r.failure);
  EXPECT_NE(r.unshared.find("used no racelab::sync object"), std::string::npos) << r.unshared;
  ASSERT_FALSE(notes(r).empty());
  EXPECT_EQ(notes(r).front().field, "unshared");
}

TEST(UnsharedNote, ThreadsThatShareAVarAreNotNamed) {
  const Report r = explore(Options{}, [] {
    sync::var<int> hits("hits", 0);
    sync::mutex m("m");
    const auto hit = [&] {
      sync::lock_guard g(m);
      hits = hits + 1;
    };
    sync::thread a("a", hit);
    sync::thread b("b", hit);
    a.join();
    b.join();
  });
  EXPECT_FALSE(r.failure);
  EXPECT_EQ(r.unshared, "");
  EXPECT_EQ(r.unjoined, "");
}

TEST(UnjoinedNote, AThreadDestroyedWhileJoinableIsNamedWithWhereItStarted) {
  const Report r = explore(Options{}, [] {
    auto flag = std::make_shared<sync::atomic<int>>("flag", 0);
    model::keep_until_end(flag);
    sync::thread a("a", [flag] { flag->store(1); });
    {
      sync::thread b("b", [flag] { flag->store(2); });
    }  // b is destroyed joinable: std::thread would terminate here
    a.join();
  });
  EXPECT_FALSE(r.failure);
  EXPECT_NE(r.unjoined.find("Thread-2 (b) (started at "), std::string::npos) << r.unjoined;
  EXPECT_NE(r.unjoined.find("notes_test.cpp"), std::string::npos) << r.unjoined;
  EXPECT_NE(r.unjoined.find("std::terminate"), std::string::npos) << r.unjoined;
}

}  // namespace
}  // namespace racelab::model::testing
