// racelab/sync/model/thread.hpp — thread, thread::id and this_thread under the model.
//
// Each thread is a fiber the scheduler interleaves with the others. Names follow Python's
// threading: "Thread-N (target)" for the named form thread("worker", f), "Thread-N" for the std
// form thread(f, args...). There is no detach(): every thread must be joined, as the model needs
// to know when an execution has ended. A thread whose sync::thread is destroyed (or assigned over)
// while joinable runs on, as a Python thread does (std::thread would call std::terminate); the
// engine notes it, so that the thread's use of an object gone out of scope names the missing join.
#pragma once

#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>

#include "racelab/model/runtime.hpp"
#include "racelab/source_loc.hpp"

namespace racelab::sync::inline model {

namespace rt = racelab::model::rt;

class thread {
 public:
  class id {
   public:
    id() noexcept = default;
    explicit id(int v) noexcept : v_(v) {}
    friend bool operator==(id, id) noexcept = default;
    friend auto operator<=>(id, id) noexcept = default;
    friend std::ostream& operator<<(std::ostream& os, id i) { return os << i.v_; }
    int value() const noexcept { return v_; }  // 0 = MainThread, N = Thread-N; -1: no thread

   private:
    int v_ = -1;
  };

  thread() = default;
  // The named form: thread("worker", body) is "Thread-N (worker)".
  template <class F>
  thread(const char* target, F&& body, source_loc loc = source_loc::current())
      : id_(rt::spawn(target, std::function<void()>(std::forward<F>(body)), loc)), started_(loc) {}
  // The std form: thread(f, args...) calls std::invoke on decayed copies, as std::thread does.
  template <class F, class... Args>
  requires(
      !std::is_convertible_v<F, const char*> && !std::is_same_v<std::remove_cvref_t<F>, thread> &&
      std::is_invocable_v<std::decay_t<F>, std::decay_t<Args>...>) explicit thread(F&& f,
                                                                                   Args&&... args)
      : id_(rt::spawn(nullptr, entry(std::forward<F>(f), std::forward<Args>(args)...), {})) {}
  thread(thread&& o) noexcept : id_(std::exchange(o.id_, -1)), started_(o.started_) {}
  thread& operator=(thread&& o) noexcept {
    if (this != &o) {
      forgotten();
      id_ = std::exchange(o.id_, -1);
      started_ = o.started_;
    }
    return *this;
  }
  ~thread() { forgotten(); }
  thread(const thread&) = delete;
  thread& operator=(const thread&) = delete;

  void join(source_loc loc = source_loc::current()) {
    rt::join(id_, loc);
    id_ = -1;
  }
  bool joinable() const noexcept { return id_ >= 0; }
  id get_id() const noexcept { return id(id_); }
  const std::string& name() const { return rt::thread_name(id_); }
  // Symmetry reduction (docs/model-library.md, "Symmetry reduction"): a promise that the threads
  // tagged with one key run the same code on the same arguments and that nothing tells them
  // apart (no use of their id or name in control flow or data; their starter treats them alike,
  // e.g. joins them all together at the end). Tag each right after starting it. Under
  // Options::symmetry (racelab check --symmetry) the model explores one execution per class of
  // executions equal up to renaming them. Not a scheduling point; a no-op on the other backends.
  void interchangeable(const std::string& key) const { rt::interchangeable(id_, key.c_str()); }

 private:
  template <class F, class... Args>
  static std::function<void()> entry(F&& f, Args&&... args) {
    // Shared, so that the std::function stays copyable with move-only arguments.
    auto call = std::make_shared<std::tuple<std::decay_t<F>, std::decay_t<Args>...>>(
        std::forward<F>(f), std::forward<Args>(args)...);
    return [call] {
      std::apply([](auto& fn, auto&... a) { std::invoke(std::move(fn), std::move(a)...); }, *call);
    };
  }

  // A joinable thread about to be lost: noted, not joined (test programs leave idle workers
  // behind, as the seed does). Also while an exception of the code under test unwinds this
  // stack: the thread then outlives the objects that stack held (the engine ignores its own
  // unwinding of a cancelled thread).
  void forgotten() noexcept {
    if (id_ >= 0) rt::thread_dropped(id_, started_);
    id_ = -1;
  }

  rt::thread_id id_ = -1;
  source_loc started_{};  // where it was started, named by the misuse report
};

namespace this_thread {
inline const std::string& name() { return rt::thread_name(rt::current()); }
inline thread::id get_id() noexcept { return thread::id(rt::current()); }
// std::this_thread::yield(): "I am waiting for another thread" — a spin hint the fair scheduler
// honours (docs/model-library.md, "Fair scheduling and livelock").
inline void yield(source_loc loc = source_loc::current()) { rt::spin_yield(loc); }
// A labelled scheduling point with no memory effect ("read proxy pool"): where a real run could
// be interrupted between two steps of plain code. Not a spin hint.
inline void yield(const char* what, source_loc loc = source_loc::current()) {
  rt::yield(what, loc);
}
}  // namespace this_thread

}  // namespace racelab::sync::inline model

template <>
struct std::hash<racelab::sync::model::thread::id> {
  std::size_t operator()(racelab::sync::model::thread::id i) const noexcept {
    return std::hash<int>()(i.value());
  }
};
