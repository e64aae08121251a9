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
// An rmw is a read and a write. This is a note, not a violation: the pair may be harmless (its
// reordering changes no outcome the program checks), and racelab does not run it to find out.
// Only the most recent write and the most recent relaxed read are kept per thread, so a pair
// with another write (or relaxed read) of that thread between its two sides may go unnamed.
// Cost: two comparisons per atomic access until a note is found, none after.
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
  if (writes) me.weak_store = now;
  if (reads && !acquires(mo)) me.weak_load = now;
}

void Engine::weak_fence(ThreadRec& me, std::memory_order mo) {
  if (mo == std::memory_order_seq_cst) me.weak_store = WeakAccess{};
  if (releases(mo)) me.weak_store.released = me.weak_load.released = true;
  if (acquires(mo)) me.weak_load = WeakAccess{};
}

}  // namespace racelab::model::detail
