// racelab/sync/real.hpp — the facade mapped to std:: types (the real and tsan backends).
//
// Near zero cost: every call inlines to the std operation it names plus one relaxed load (the
// stress noise switch, off by default); labels and source locations are
// accepted and dropped. Include racelab/sync.hpp, not this file.
//
//   facade                              std                                  file
//   mutex, recursive_mutex,             std::mutex, std::recursive_mutex,    real/mutex.hpp
//   shared_mutex, condition_variable,   std::shared_mutex,
//   once_flag + call_once,              std::condition_variable_any,
//   counting_semaphore<Max>             std::once_flag + std::call_once,
//                                       std::counting_semaphore<Max>
//   latch, barrier<F>                   std::latch, std::barrier<F>          real/latch.hpp
//   lock_guard, unique_lock,            racelab's own, the same for every    locks.hpp
//   shared_lock, scoped_lock            backend (std's algorithms)
//   atomic<T>, atomic_flag,             std::atomic<T>, std::atomic_flag,    real/atomic.hpp
//   atomic_thread_fence                 std::atomic_thread_fence
//   var<T>                              a plain T (TSan sees plain accesses) real/atomic.hpp
//   check(cond, message)                an AssertionError recorded as if it  real/atomic.hpp
//                                       escaped the thread; no throw
//   thread, this_thread                 std::thread with a Python-style name real/thread.hpp
//   blocking_queue<T>, shared<T>        std::mutex + std::condition_variable, below
//                                       a plain T
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <utility>

#include "racelab/source_loc.hpp"
#include "racelab/sync/locks.hpp"
#include "racelab/sync/real/atomic.hpp"
#include "racelab/sync/real/base.hpp"
#include "racelab/sync/real/latch.hpp"
#include "racelab/sync/real/mutex.hpp"
#include "racelab/sync/real/thread.hpp"
#include "racelab/thread_annotations.hpp"
#include "racelab/thread_exceptions.hpp"

namespace racelab::sync::inline real {

// scoped_lock's spin hint after a round that backed off (racelab/sync/locks.hpp): yield, as
// libstdc++'s std::lock does.
template <class Mutex>
void racelab_backoff_hint(Mutex&, source_loc loc) {
  this_thread::yield(loc);
}

// Python's queue.Queue, plus close(): put() never blocks; get() blocks while the queue is empty
// and open, and returns nullopt once it is closed and drained. close() is racelab's addition, so
// that a harness can stop idle workers (Python's workers block in q.get() forever).
template <class T>
class blocking_queue {
 public:
  explicit blocking_queue(const char* /*name*/ = "queue") {}

  // Returns false, and drops nothing, when the queue is closed: the item is handed back.
  bool put(T item, source_loc = source_loc::current()) {
    detail::maybe_noise();
    {
      std::lock_guard<std::mutex> g(m_);
      if (closed_) return false;
      items_.push_back(std::move(item));
    }
    cv_.notify_one();
    return true;
  }

  std::optional<T> get(source_loc = source_loc::current()) {
    detail::maybe_noise();
    std::unique_lock<std::mutex> g(m_);
    cv_.wait(g, [&] { return closed_ || !items_.empty(); });
    if (items_.empty()) return std::nullopt;
    T item = std::move(items_.front());
    items_.pop_front();
    return item;
  }

  // Closes the queue and returns the items nobody took, oldest first.
  std::deque<T> close(source_loc = source_loc::current()) {
    std::deque<T> left;
    {
      std::lock_guard<std::mutex> g(m_);
      closed_ = true;
      left.swap(items_);
    }
    cv_.notify_all();
    return left;
  }

 private:
  std::mutex m_;
  std::condition_variable cv_;
  std::deque<T> items_;
  bool closed_ = false;
};

// A cell of plain shared data (the registry's map). Every access names what it does, so the
// model backend can put a scheduling point and a race check on it; here it is the bare value.
// read() and write() pass the value to f and return what f returns.
template <class T>
class shared {
 public:
  template <class... Args>
  explicit shared(const char* /*name*/, Args&&... args) : value_(std::forward<Args>(args)...) {}
  shared(const shared&) = delete;
  shared& operator=(const shared&) = delete;

  template <class F>
  decltype(auto) read(const char* /*what*/, F&& f, source_loc = source_loc::current()) const {
    detail::maybe_noise();
    return std::forward<F>(f)(static_cast<const T&>(value_));
  }
  template <class F>
  decltype(auto) write(const char* /*what*/, F&& f, source_loc = source_loc::current()) {
    detail::maybe_noise();
    return std::forward<F>(f)(value_);
  }

 private:
  T value_;
};

}  // namespace racelab::sync::inline real
