// src/model/shard.hpp — cutting one exploration into units that can run apart (engine-internal).
//
// Options::partition (explore.hpp) runs part I of K of an exploration; model::merge() puts the
// parts back together. The units:
//
//   * dfs, dpor: subtrees of the execution tree. Above a split depth d the tree is expanded in
//     full (every enabled thread at every node); each path of length d (or a whole execution
//     that ends before d) is a unit, explored below by the strategy itself from that forced
//     prefix. For dpor the expansion keeps sleep sets (Godefroid 1996: a thread explored at a
//     node sleeps in its later siblings until a dependent step runs), and each subtree starts
//     with its prefix's sleep set: complete executions of different subtrees are then never
//     equivalent, so the subtrees' traces add up to the single run's, each Mazurkiewicz trace
//     once. A race whose reversal point lies above d is left alone by the subtree's DPOR: the
//     full expansion above already runs every order there (sleep sets + full expansion is
//     Godefroid's sound reduction; DPOR below a node with a given sleep set is the same search as
//     from the root, restricted to the traces that extend the node) — provided the subtree's
//     DPOR treats the handed-over sleep set as Godefroid's (never run a sleeping thread) and not
//     as Optimal DPOR's, which also drops every race reversal a sleeping thread merely commutes
//     with (dpor_impl.hpp, prefix_sleep_): that lost traces (372 of 387, stale-teardown buggy at 3
//     workers). With that the catalogue's parts match the single run trace by trace (at 2 and 3
//     workers), at the price of sleep-set-blocked runs in the subtrees; random programs with
//     concurrent spawns and a condition variable still differ (shard_dpor_test.cpp): open.
//   * random, pct: one sample per unit, sample i drawing from its own seed sample_seed(seed, i),
//     so any part can run any sample without the ones before it.
//
// The split depth is chosen from the tree, never from K: the smallest d with at least
// kMinSubtrees surviving prefixes (or the whole tree, when it is smaller). So parts of different
// K cut the same units; part I of K runs the units u with part_of(u, K) == I, or, with
// Options::next_unit, whichever units a counter shared by the parts hands it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "model/engine.hpp"

namespace racelab::model::detail {

inline constexpr std::size_t kMinSubtrees = 256;

struct Subtree {
  std::vector<int> prefix;  // thread per step, from the root
  std::uint64_t sleep = 0;  // dpor: threads asleep at the end of the prefix (a bit per id)
};

// The subtrees of the dfs (sleep_sets false, with the preemption bound) or dpor (sleep_sets true,
// no bound) tree, in depth-first order. `runs` counts the executions the split itself ran.
std::vector<Subtree> split_tree(Engine& engine, bool sleep_sets, std::optional<int> bound,
                                std::size_t max_steps, std::size_t& runs);

// The part (of count) that runs unit u when the parts do not share a counter: a hash of u, not
// u mod count — sibling subtrees shrink from left to right (the later ones have more threads
// asleep), so u mod 2 would give one part most of the big ones.
std::size_t part_of(std::size_t unit, std::size_t count);

// The seed of sample i of a sharded random or pct run: one SplitMix64 step of (seed, i).
std::uint64_t sample_seed(std::uint64_t seed, std::size_t i);

}  // namespace racelab::model::detail
