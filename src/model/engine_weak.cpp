// src/model/engine_weak.cpp — the weak-memory note: where a proof covers less than it seems.
//
// racelab runs sequentially consistent interleavings only (docs/model-library.md, section 8):
// every load reads the latest store. A program whose atomics use weaker orders may then be
// "safe" here and fail on ARM or POWER. So while it runs, the engine looks, in each thread's
// program order, for the first pair of accesses to two different atomics that C++ lets another
// thread see the other way round, and names it once (Report::weak_memory):
//
//   earlier       later          ordered only when
//   write         read           both are seq_cst, or a seq_cst fence lies between (SB)
//   write         write          the later is a release, or a release fence lies between (MP)
//   relaxed read  read or write  an acquire fence lies between, or the later writes and is a
//                                release (a store or an rmw: acq_rel included) or a release
//                                fence lies between (read → write); (MP's reader, LB)
//
// And across threads, independent reads of independent writes (IRIW): two threads that each load
// the same two atomics one after the other, written by two other threads, may see the two writes
// in different orders unless every one of those loads and writes is seq_cst. Checked at each
// such pair of loads against the pairs other threads made and the atomics' writers so far.
//
// An rmw is a read and a write. This is a note, not a violation: the pair may be harmless (its
// reordering changes no outcome the program checks), and racelab does not run it to find out.
// Only the most recent write and the most recent relaxed read are kept per thread, so a pair
// with another write (or relaxed read) of that thread between its two sides may go unnamed.
// Cost, until a note is found (none after): two comparisons per atomic access, a writer bit per
// write, and for a load that follows a load of another atomic a look at every thread's pair.
#include <bit>
#include <cstdint>
#include <string>

#include "model/engine.hpp"

namespace racelab::model::detail {

void Engine::weak_access(ThreadRec& me, int object, bool reads, bool writes, std::memory_order mo) {
  if (!weak_note_.empty()) return;
  const WeakAccess now{object, mo, me.atomic_now.loc, false};
  const WeakAccess* before = nullptr;  // the earlier side of a reorderable pair
  const char* why = nullptr;
  const WeakAccess& w = me.weak_store;
  const WeakAccess& r = me.weak_load;
  if (reads && w.object >= 0 && w.object != object &&
      !(w.order == std::memory_order_seq_cst && mo == std::memory_order_seq_cst)) {
    before = &w;
    why = "a write and a later read of another atomic are ordered only when both are seq_cst";
  } else if (writes && w.object >= 0 && w.object != object && !w.released && !releases(mo)) {
    before = &w;
    why = "two writes to different atomics are ordered only by a release on the later one";
  } else if (r.object >= 0 && r.object != object && !(writes && (releases(mo) || r.released))) {
    before = &r;
    why =
        "a relaxed read is ordered before later accesses only by an acquire (on it, or a "
        "fence after it), and before later writes also by a release (on the write, or a fence "
        "between)";
  }
  if (before != nullptr) {
    const ObjectRec& a = object_at(before->object);
    const ObjectRec& b = object_at(object);
    const bool first_writes = before == &w;
    const char* second = reads && writes ? "read-modify-write" : reads ? "load" : "store";
    // A store then a load of another atomic: x86's store buffer reorders those too (the
    // store-buffering outcome), so "weak machine" would read as "not my x86" (new-user trial 7).
    const bool store_load = first_writes && reads && !writes;
    weak_note_ =
        std::string("every interleaving explored is sequentially consistent, but ") +
        (store_load ? "on any multicore machine (x86's store buffer too, ARM, POWER, or after "
                      "the compiler reorders) "
                    : "on a weak machine (ARM, POWER, or after the compiler reorders) ") +
        name_of(me.id) + "'s " + (first_writes ? "write to " : "load of ") + a.name() + " (" +
        order_name(before->order) + ", " + where(before->loc) + ") and its later " + second +
        " of " + b.name() + " (" + order_name(mo) + ", " + where(now.loc) +
        ") may take effect in the other order: " + why +
        ". Outcomes that need that were not run (docs/model-library.md, section 8).";
    return;
  }
  if (writes) {
    me.weak_store = now;
    AtomicState& a = object_at(object).as<AtomicState>();
    a.writers |= std::uint64_t{1} << me.id;
    a.writes_seq_cst = a.writes_seq_cst && mo == std::memory_order_seq_cst;
  }
  if (reads && !acquires(mo)) me.weak_load = now;
  if (reads && !writes) iriw_load(me, object, mo);
}

// A plain load by `me`: after a load of another atomic it makes a pair, and a pair of another
// thread over the same two atomics, each written by a thread of its own (neither reader), is
// IRIW's shape — noted unless all four loads and every write of the two atomics are seq_cst.
void Engine::iriw_load(ThreadRec& me, int object, std::memory_order mo) {
  const WeakAccess now{object, mo, me.atomic_now.loc, false};
  const WeakAccess before = me.iriw_last;
  me.iriw_last = now;
  if (before.object < 0 || before.object == object) return;
  me.iriw_first = before;
  me.iriw_second = now;
  const auto sc = [](const WeakAccess& x) { return x.order == std::memory_order_seq_cst; };
  const AtomicState& x = object_at(before.object).as<AtomicState>();
  const AtomicState& y = object_at(object).as<AtomicState>();
  for (int u = 0; u < nthreads_; ++u) {
    const ThreadRec& other = thread_at(u);
    if (u == me.id || other.iriw_first.object < 0) continue;
    const bool same =
        (other.iriw_first.object == before.object && other.iriw_second.object == object) ||
        (other.iriw_first.object == object && other.iriw_second.object == before.object);
    if (!same) continue;
    const std::uint64_t readers = (std::uint64_t{1} << me.id) | (std::uint64_t{1} << u);
    const std::uint64_t wx = x.writers & ~readers;
    const std::uint64_t wy = y.writers & ~readers;
    // Two writers of their own: one writer of both orders its two writes for everyone.
    if (wx == 0 || wy == 0 || (wx == wy && std::has_single_bit(wx))) continue;
    if (sc(before) && sc(now) && sc(other.iriw_first) && sc(other.iriw_second) &&
        x.writes_seq_cst && y.writes_seq_cst)
      continue;
    const ObjectRec& a = object_at(before.object);
    const ObjectRec& b = object_at(object);
    const auto load = [&](const WeakAccess& l) {
      return object_at(l.object).name() + " (" + order_name(l.order) + ", " + where(l.loc) + ")";
    };
    weak_note_ = std::string(
                     "every interleaving explored is sequentially consistent, but on a machine "
                     "whose stores do not reach every core at once (POWER; C++ allows it "
                     "everywhere) ") +
                 name_of(me.id) + "'s loads of " + load(before) + " and " + load(now) + " and " +
                 name_of(u) + "'s loads of " + load(other.iriw_first) + " and " +
                 load(other.iriw_second) + " may see the writes of " + a.name() + " and " +
                 b.name() +
                 " by different threads in different orders (IRIW): readers agree on the order of "
                 "writes to different atomics only when all those loads and writes are seq_cst. "
                 "Outcomes that need that were not run (docs/model-library.md, section 8).";
    return;
  }
}

void Engine::weak_fence(ThreadRec& me, std::memory_order mo) {
  if (mo == std::memory_order_seq_cst) me.weak_store = WeakAccess{};
  if (releases(mo)) me.weak_store.released = me.weak_load.released = true;
  if (acquires(mo)) me.weak_load = WeakAccess{};
}

}  // namespace racelab::model::detail
