// racelab/sync/real.hpp — the facade mapped to std:: types (the real and tsan backends).
//
// Near zero cost: every call inlines to the std operation it names plus one relaxed load (the
// stress noise switch, off by default); labels and source locations are
// accepted and dropped. Include racelab/sync.hpp, not this file.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>

#include "racelab/source_loc.hpp"
#include "racelab/sync/lock_guard.hpp"
#include "racelab/thread_annotations.hpp"
#include "racelab/thread_exceptions.hpp"

#define RACELAB_BACKEND_NAME real

namespace racelab::sync::inline real {

namespace detail {
// Python numbers threads Thread-1, Thread-2, ... per process; so does this backend.
int next_thread_number() noexcept;
// The name of the calling thread, as given by sync::thread ("MainThread" elsewhere).
const std::string& current_thread_name() noexcept;
void set_current_thread_name(std::string name);
}  // namespace detail

// Starts Python-style numbering again at Thread-1 (a harness calls it between trials).
void reset_thread_numbering() noexcept;

// Noise injection (`racelab stress --noise P`): at P% of facade operations the calling thread
// pauses for 0-200 µs, shaking real-thread interleavings the way a loaded machine would, so rare
// ones become common. Off (0) by default, at the cost of one relaxed atomic load per operation. The
// load is relaxed on purpose: it creates no happens-before edge that could hide a race from
// ThreadSanitizer. Set it in a trial's process before the scenario starts its threads.
#define RACELAB_REAL_NOISE 1
void set_noise(int percent) noexcept;

namespace detail {
extern std::atomic<int> g_noise_percent;
void noise_point() noexcept;  // real_backend.cpp: a per-thread PRNG decides; then pauses
inline void maybe_noise() noexcept {
  if (g_noise_percent.load(std::memory_order_relaxed) != 0) noise_point();
}
}  // namespace detail

// A mutual-exclusion lock (Python's threading.Lock). Not re-entrant: a thread that locks it
// twice deadlocks, as Lock does. Annotated so clang's -Wthread-safety checks its users.
class RACELAB_CAPABILITY("mutex") mutex {
 public:
  explicit mutex(const char* /*name*/ = "mutex") {}
  mutex(const mutex&) = delete;
  mutex& operator=(const mutex&) = delete;

  void lock(source_loc = source_loc::current()) RACELAB_ACQUIRE() {
    detail::maybe_noise();
    m_.lock();
  }
  void unlock(source_loc = source_loc::current()) RACELAB_RELEASE() {
    m_.unlock();
    detail::maybe_noise();
  }
  bool try_lock(source_loc = source_loc::current()) RACELAB_TRY_ACQUIRE(true) {
    detail::maybe_noise();
    return m_.try_lock();
  }

 private:
  std::mutex m_;
};

// A re-entrant lock (Python's threading.RLock): the owner may lock it again.
class RACELAB_CAPABILITY("mutex") recursive_mutex {
 public:
  explicit recursive_mutex(const char* /*name*/ = "rlock") {}
  recursive_mutex(const recursive_mutex&) = delete;
  recursive_mutex& operator=(const recursive_mutex&) = delete;

  void lock(source_loc = source_loc::current()) RACELAB_ACQUIRE() { m_.lock(); }
  void unlock(source_loc = source_loc::current()) RACELAB_RELEASE() { m_.unlock(); }

 private:
  std::recursive_mutex m_;
};

// Holds a lock for a scope: `with QUEUE_USER_LOCK:` in the seed (racelab/sync/lock_guard.hpp).
using lock_guard = common::basic_lock_guard<mutex>;
using recursive_lock_guard = common::basic_lock_guard<recursive_mutex>;

// A thread with a Python-style name, "Thread-N (target)". An exception that escapes the body is
// reported the way Python's threading does (see racelab/thread_exceptions.hpp) and does not
// terminate the process. Must be joined before it is destroyed, like std::thread.
class thread {
 public:
  thread() = default;
  template <class F>
  thread(const char* target, F&& body, source_loc = source_loc::current())
      : name_("Thread-" + std::to_string(detail::next_thread_number()) + " (" + target + ")") {
    t_ = std::thread([name = name_, body = std::forward<F>(body)]() mutable {
      detail::set_current_thread_name(name);
      try {
        body();
      } catch (const std::exception& e) {
        record_thread_exception(name, e);
      }
    });
  }
  thread(thread&&) noexcept = default;
  thread& operator=(thread&&) noexcept = default;

  void join(source_loc = source_loc::current()) { t_.join(); }
  bool joinable() const noexcept { return t_.joinable(); }
  const std::string& name() const noexcept { return name_; }

 private:
  std::string name_;
  std::thread t_;
};

namespace this_thread {
// The calling thread's Python-style name.
inline const std::string& name() noexcept { return detail::current_thread_name(); }
// A labelled scheduling point with no memory effect ("read proxy pool"). Free here; under the
// model backend the scheduler may switch threads at it.
inline void yield(const char* /*what*/, source_loc = source_loc::current()) noexcept {
  detail::maybe_noise();
}
}  // namespace this_thread

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
