// tests/strategies/dependence_test.cpp — the dependence relation DPOR prunes with.
#include <gtest/gtest.h>

#include "model/strategies/scheduler.hpp"

namespace racelab::strategy_tests {
namespace {

using model::detail::dependent;
using model::detail::OpDesc;
using model::detail::OpKind;

constexpr OpKind kAll[] = {OpKind::start, OpKind::yield,  OpKind::read, OpKind::write,
                           OpKind::lock,  OpKind::unlock, OpKind::put,  OpKind::get,
                           OpKind::close, OpKind::spawn,  OpKind::join, OpKind::exit};

TEST(Dependence, ReadsCommuteWritesDoNot) {
  EXPECT_FALSE(dependent({1, OpKind::read}, {1, OpKind::read}));
  EXPECT_TRUE(dependent({1, OpKind::read}, {1, OpKind::write}));
  EXPECT_TRUE(dependent({1, OpKind::write}, {1, OpKind::read}));
  EXPECT_TRUE(dependent({1, OpKind::write}, {1, OpKind::write}));
}

TEST(Dependence, DifferentObjectsAlwaysCommute) {
  for (OpKind a : kAll)
    for (OpKind b : kAll)
      EXPECT_FALSE(dependent({1, a}, {2, b})) << to_string(a) << "/" << to_string(b);
}

TEST(Dependence, YieldAndObjectlessOpsCommuteWithEverything) {
  for (OpKind k : kAll) {
    EXPECT_FALSE(dependent({1, OpKind::yield}, {1, k})) << to_string(k);
    EXPECT_FALSE(dependent({-1, k}, {-1, OpKind::write})) << to_string(k);
  }
}

TEST(Dependence, MutexOperationsConflict) {
  EXPECT_TRUE(dependent({3, OpKind::lock}, {3, OpKind::lock}));
  EXPECT_TRUE(dependent({3, OpKind::lock}, {3, OpKind::unlock}));
  EXPECT_TRUE(dependent({3, OpKind::unlock}, {3, OpKind::lock}));
}

TEST(Dependence, QueueOperationsConflictWithEachOther) {
  for (OpKind a : {OpKind::put, OpKind::get, OpKind::close})
    for (OpKind b : {OpKind::put, OpKind::get, OpKind::close})
      EXPECT_TRUE(dependent({4, a}, {4, b})) << to_string(a) << "/" << to_string(b);
}

TEST(Dependence, ThreadLifecycleIsOrderedButTwoJoinsCommute) {
  for (OpKind a : {OpKind::spawn, OpKind::start, OpKind::exit, OpKind::join})
    for (OpKind b : {OpKind::spawn, OpKind::start, OpKind::exit, OpKind::join})
      EXPECT_EQ(dependent({1005, a}, {1005, b}), !(a == OpKind::join && b == OpKind::join))
          << to_string(a) << "/" << to_string(b);
}

TEST(Dependence, IsSymmetric) {
  for (OpKind a : kAll)
    for (OpKind b : kAll)
      EXPECT_EQ(dependent({7, a}, {7, b}), dependent({7, b}, {7, a}))
          << to_string(a) << "/" << to_string(b);
}

TEST(Dependence, EveryKindHasAName) {
  for (OpKind k : kAll) EXPECT_STRNE(to_string(k), "?");
  EXPECT_STREQ(to_string(OpKind::unlock), "unlock");
}

}  // namespace
}  // namespace racelab::strategy_tests
