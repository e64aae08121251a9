// Report::weak_memory (src/model/engine_weak.cpp): racelab runs sequentially consistent
// interleavings only, so a "safe" verdict on atomics with weaker orders proves less than it
// says. The note names the first pair of one thread's accesses to two atomics that C++ lets
// other threads see the other way round — and stays empty where the orders forbid that.
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "primitives_helpers.hpp"

namespace racelab::model::testing {
namespace {

using std::memory_order;

// Store buffering, as Peterson's and Dekker's entry protocols do it: each thread raises its own
// flag, then reads the other's. Both may read 0 unless all four accesses are seq_cst.
Body store_buffering(memory_order store, memory_order load, bool sc_fence = false) {
  return [=] {
    auto x = std::make_shared<sync::atomic<int>>("x", 0);
    auto y = std::make_shared<sync::atomic<int>>("y", 0);
    auto side = [=](sync::atomic<int>& mine, sync::atomic<int>& other) {
      mine.store(1, store);
      if (sc_fence) sync::atomic_thread_fence(std::memory_order_seq_cst);
      (void)other.load(load);
    };
    sync::thread a("a", [=] { side(*x, *y); });
    sync::thread b("b", [=] { side(*y, *x); });
    a.join();
    b.join();
  };
}

// Message passing with an atomic payload: the writer's two stores, the reader's two loads.
Body message_passing(memory_order data_store, memory_order flag_store, memory_order flag_load,
                     memory_order data_load) {
  return [=] {
    auto data = std::make_shared<sync::atomic<int>>("data", 0);
    auto flag = std::make_shared<sync::atomic<bool>>("flag", false);
    sync::thread writer("writer", [=] {
      data->store(42, data_store);
      flag->store(true, flag_store);
    });
    sync::thread reader("reader", [=] {
      if (flag->load(flag_load)) (void)data->load(data_load);
    });
    writer.join();
    reader.join();
  };
}

Report run(const Body& body) {
  const Report r = explore(opts_for(Strategy::dpor), body);
  EXPECT_TRUE(r.complete);
  EXPECT_FALSE(r.failure);  // every program here is safe under sequential consistency
  return r;
}

bool says(const Report& r, const std::string& what) {
  return r.weak_memory.find(what) != std::string::npos;
}

TEST(WeakMemoryNote, StoreBufferingWithReleaseAcquireIsNamed) {
  const Report r = run(store_buffering(std::memory_order_release, std::memory_order_acquire));
  ASSERT_FALSE(r.weak_memory.empty());
  EXPECT_TRUE(says(r, "'s write to x (release, ")) << r.weak_memory;
  EXPECT_TRUE(says(r, "and its later load of y (acquire, ")) << r.weak_memory;
  EXPECT_TRUE(says(r, "weak_memory_note_test.cpp:")) << r.weak_memory;
  EXPECT_TRUE(says(r, "only when both are seq_cst")) << r.weak_memory;
  EXPECT_TRUE(says(r, "section 8")) << r.weak_memory;
}

TEST(WeakMemoryNote, StoreBufferingWithSeqCstOrAFenceHasNone) {
  EXPECT_EQ(run(store_buffering(std::memory_order_seq_cst, std::memory_order_seq_cst)).weak_memory,
            "");
  EXPECT_EQ(
      run(store_buffering(std::memory_order_release, std::memory_order_acquire, true)).weak_memory,
      "");
}

TEST(WeakMemoryNote, ReleaseAcquireMessagePassingHasNone) {
  EXPECT_EQ(run(message_passing(std::memory_order_relaxed, std::memory_order_release,
                                std::memory_order_acquire, std::memory_order_relaxed))
                .weak_memory,
            "");
}

TEST(WeakMemoryNote, ARelaxedFlagStoreIsNamed) {
  const Report r = run(message_passing(std::memory_order_relaxed, std::memory_order_relaxed,
                                       std::memory_order_acquire, std::memory_order_relaxed));
  EXPECT_TRUE(says(r, "writer)'s write to data (relaxed")) << r.weak_memory;
  EXPECT_TRUE(says(r, "its later store of flag (relaxed")) << r.weak_memory;
  EXPECT_TRUE(says(r, "ordered only by a release on the later one")) << r.weak_memory;
}

TEST(WeakMemoryNote, ARelaxedFlagLoadIsNamed) {
  const Report r = run(message_passing(std::memory_order_relaxed, std::memory_order_release,
                                       std::memory_order_relaxed, std::memory_order_relaxed));
  EXPECT_TRUE(says(r, "reader)'s load of flag (relaxed")) << r.weak_memory;
  EXPECT_TRUE(says(r, "its later load of data (relaxed")) << r.weak_memory;
}

// Load buffering: a thread reads one atomic relaxed, then writes another. The write may take
// effect first unless a release orders the read before it: on the write (a release store, an
// acq_rel compare_exchange — a Treiber stack's pop), or a release fence between (new-user trial
// 5: the note named both orderings as reorderable).
enum class LbOrder { none, release_store, release_fence, acq_rel_rmw };

Body load_buffering(LbOrder how) {
  return [how] {
    auto a = std::make_shared<sync::atomic<int>>("a", 0);
    auto b = std::make_shared<sync::atomic<int>>("b", 0);
    sync::thread t1("t1", [=] {
      (void)a->load(std::memory_order_relaxed);
      switch (how) {
        case LbOrder::none: b->store(1, std::memory_order_relaxed); break;
        case LbOrder::release_store: b->store(1, std::memory_order_release); break;
        case LbOrder::release_fence:
          sync::atomic_thread_fence(std::memory_order_release);
          b->store(1, std::memory_order_relaxed);
          break;
        case LbOrder::acq_rel_rmw: {
          int expected = 0;
          (void)b->compare_exchange_strong(expected, 1, std::memory_order_acq_rel);
          break;
        }
      }
    });
    sync::thread t2("t2", [=] {
      a->store(1);
      (void)b->load();
    });
    t1.join();
    t2.join();
  };
}

TEST(WeakMemoryNote, ARelaxedLoadThenARelaxedStoreIsNamed) {
  const Report r = run(load_buffering(LbOrder::none));
  EXPECT_TRUE(says(r, "t1)'s load of a (relaxed")) << r.weak_memory;
  EXPECT_TRUE(says(r, "its later store of b (relaxed")) << r.weak_memory;
}

TEST(WeakMemoryNote, AReleaseOrdersARelaxedLoadBeforeALaterWrite) {
  for (const LbOrder how : {LbOrder::release_store, LbOrder::release_fence, LbOrder::acq_rel_rmw})
    EXPECT_EQ(run(load_buffering(how)).weak_memory, "") << static_cast<int>(how);
}

// IRIW: two writers of their own, two readers that load both atomics in opposite orders. With
// acquire loads each reader's loads are ordered, yet C++ lets the readers see the two writes in
// different orders unless every access is seq_cst (new-user trial 10: no note). `one_writer`:
// one thread writes both (release on the second), which orders them for every reader.
Body iriw(memory_order store, memory_order load, bool one_writer = false) {
  return [=] {
    auto x = std::make_shared<sync::atomic<int>>("x", 0);
    auto y = std::make_shared<sync::atomic<int>>("y", 0);
    const auto read = [=](sync::atomic<int>& first, sync::atomic<int>& second) {
      (void)first.load(load);
      (void)second.load(load);
    };
    std::vector<sync::thread> threads;
    if (one_writer) {
      threads.push_back(sync::thread("w", [=] {
        x->store(1, store);
        y->store(1, store);
      }));
    } else {
      threads.push_back(sync::thread("wx", [=] { x->store(1, store); }));
      threads.push_back(sync::thread("wy", [=] { y->store(1, store); }));
    }
    threads.push_back(sync::thread("r1", [=] { read(*x, *y); }));
    threads.push_back(sync::thread("r2", [=] { read(*y, *x); }));
    for (sync::thread& t : threads) t.join();
  };
}

TEST(WeakMemoryNote, IndependentReadsOfIndependentWritesAreNamed) {
  const Report r = run(iriw(std::memory_order_release, std::memory_order_acquire));
  EXPECT_TRUE(says(r, "(IRIW)")) << r.weak_memory;
  EXPECT_TRUE(says(r, "r1)'s loads of x (acquire, ")) << r.weak_memory;
  EXPECT_TRUE(says(r, "r2)'s loads of y (acquire, ")) << r.weak_memory;
  EXPECT_TRUE(says(r, "may see the writes of ")) << r.weak_memory;
  // seq_cst loads over release writes: still allowed (the writes are not in the single order).
  EXPECT_TRUE(says(run(iriw(std::memory_order_release, std::memory_order_seq_cst)), "(IRIW)"));
}

TEST(WeakMemoryNote, IriwWithEverythingSeqCstOrOneWriterHasNone) {
  EXPECT_EQ(run(iriw(std::memory_order_seq_cst, std::memory_order_seq_cst)).weak_memory, "");
  EXPECT_EQ(run(iriw(std::memory_order_release, std::memory_order_acquire, true)).weak_memory, "");
}

TEST(WeakMemoryNote, OneAtomicAloneHasNone) {
  // Relaxed counting on one atomic: every thread sees its accesses in one order (coherence).
  const Report r = run([] {
    auto hits = std::make_shared<sync::atomic<int>>("hits", 0);
    sync::thread a("a", [=] {
      hits->fetch_add(1, std::memory_order_relaxed);
      (void)hits->load(std::memory_order_relaxed);
    });
    sync::thread b("b", [=] { hits->fetch_add(1, std::memory_order_relaxed); });
    a.join();
    b.join();
  });
  EXPECT_EQ(r.weak_memory, "");
}

}  // namespace
}  // namespace racelab::model::testing
