// racelab/sync/model.hpp — the facade mapped to racelab's deterministic scheduler.
//
// Same API as racelab/sync/real.hpp; every operation is a scheduling point and a happens-before
// event (see racelab/model/runtime.hpp). Include racelab/sync.hpp with RACELAB_BACKEND_MODEL
// defined, not this file. Threads blocked in blocking_queue::get() when a run ends are idle
// workers; the scheduler unwinds them with an exception that is not a std::exception — code
// under test must not swallow it with catch (...).
#pragma once

#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

#include "racelab/model/runtime.hpp"
#include "racelab/source_loc.hpp"
#include "racelab/sync/lock_guard.hpp"
#include "racelab/thread_annotations.hpp"

#define RACELAB_BACKEND_NAME model

namespace racelab::sync::inline model {

namespace rt = racelab::model::rt;

// As in the real mapping. Here numbering already starts at Thread-1 in every execution.
inline void reset_thread_numbering() noexcept {}

namespace detail {
// What a step read, for the timeline: bools, numbers and strings; other types say nothing.
template <class R>
std::string value_text(const R& r) {
  if constexpr (std::is_same_v<R, bool>) {
    return r ? "true" : "false";
  } else if constexpr (std::is_integral_v<R>) {
    return std::to_string(r);
  } else if constexpr (std::is_convertible_v<const R&, std::string>) {
    return std::string(r);
  } else {
    return {};
  }
}
}  // namespace detail

class RACELAB_CAPABILITY("mutex") mutex {
 public:
  explicit mutex(const char* name = "mutex", source_loc loc = source_loc::current())
      : id_(rt::new_object(rt::ObjectKind::mutex, name, loc)) {}
  ~mutex() { rt::delete_object(id_); }
  mutex(const mutex&) = delete;
  mutex& operator=(const mutex&) = delete;

  void lock(source_loc loc = source_loc::current()) RACELAB_ACQUIRE() { rt::mutex_lock(id_, loc); }
  void unlock(source_loc loc = source_loc::current()) RACELAB_RELEASE() {
    rt::mutex_unlock(id_, loc);
  }
  bool try_lock(source_loc loc = source_loc::current()) RACELAB_TRY_ACQUIRE(true) {
    return rt::mutex_try_lock(id_, loc);
  }

 private:
  rt::object_id id_;
};

// Re-entrant: the owner's nested lock() only counts (and is still a scheduling point).
class RACELAB_CAPABILITY("mutex") recursive_mutex {
 public:
  explicit recursive_mutex(const char* name = "rlock", source_loc loc = source_loc::current())
      : inner_(name, loc) {}

  void lock(source_loc loc = source_loc::current()) RACELAB_ACQUIRE() {
    if (depth_ > 0 && owner_ == rt::current()) {
      rt::yield("re-enter rlock", loc);
      ++depth_;
      return;
    }
    inner_.lock(loc);
    owner_ = rt::current();
    depth_ = 1;
  }
  void unlock(source_loc loc = source_loc::current()) RACELAB_RELEASE() {
    if (--depth_ == 0) {
      owner_ = -1;
      inner_.unlock(loc);
    }
  }

 private:
  mutex inner_;
  rt::thread_id owner_ = -1;
  int depth_ = 0;
};

using lock_guard = common::basic_lock_guard<mutex>;
using recursive_lock_guard = common::basic_lock_guard<recursive_mutex>;

class thread {
 public:
  thread() = default;
  template <class F>
  thread(const char* target, F&& body, source_loc loc = source_loc::current())
      : id_(rt::spawn(target, std::function<void()>(std::forward<F>(body)), loc)) {}
  thread(thread&& o) noexcept : id_(std::exchange(o.id_, -1)) {}
  thread& operator=(thread&& o) noexcept {
    id_ = std::exchange(o.id_, -1);
    return *this;
  }

  void join(source_loc loc = source_loc::current()) {
    rt::join(id_, loc);
    id_ = -1;
  }
  bool joinable() const noexcept { return id_ >= 0; }
  const std::string& name() const { return rt::thread_name(id_); }

 private:
  rt::thread_id id_ = -1;
};

namespace this_thread {
inline const std::string& name() { return rt::thread_name(rt::current()); }
inline void yield(const char* what, source_loc loc = source_loc::current()) {
  rt::yield(what, loc);
}
}  // namespace this_thread

template <class T>
class blocking_queue {
 public:
  explicit blocking_queue(const char* name = "queue", source_loc loc = source_loc::current())
      : id_(rt::new_object(rt::ObjectKind::queue, name, loc)) {}
  ~blocking_queue() { rt::delete_object(id_); }
  blocking_queue(const blocking_queue&) = delete;
  blocking_queue& operator=(const blocking_queue&) = delete;

  bool put(T item, source_loc loc = source_loc::current()) {
    if (!rt::queue_put(id_, loc)) return false;
    items_.push_back(std::move(item));
    return true;
  }
  std::optional<T> get(source_loc loc = source_loc::current()) {
    if (!rt::queue_get(id_, loc)) return std::nullopt;
    T item = std::move(items_.front());
    items_.pop_front();
    return item;
  }
  std::deque<T> close(source_loc loc = source_loc::current()) {
    rt::queue_close(id_, loc);
    std::deque<T> left;
    left.swap(items_);
    return left;
  }

 private:
  rt::object_id id_;
  std::deque<T> items_;
};

template <class T>
class shared {
 public:
  template <class... Args>
  explicit shared(const char* name, Args&&... args)
      : id_(rt::new_object(rt::ObjectKind::cell, name, source_loc::current())),
        value_(std::forward<Args>(args)...) {}
  ~shared() { rt::delete_object(id_); }
  shared(const shared&) = delete;
  shared& operator=(const shared&) = delete;

  template <class F>
  decltype(auto) read(const char* what, F&& f, source_loc loc = source_loc::current()) const {
    rt::cell_access(id_, rt::Access::read, what, loc);
    return noted(std::forward<F>(f), static_cast<const T&>(value_));
  }
  template <class F>
  decltype(auto) write(const char* what, F&& f, source_loc loc = source_loc::current()) {
    rt::cell_access(id_, rt::Access::write, what, loc);
    return noted(std::forward<F>(f), value_);
  }

 private:
  template <class F, class V>
  static decltype(auto) noted(F&& f, V& v) {
    using R = std::invoke_result_t<F, V&>;
    if constexpr (std::is_void_v<R>) {
      std::forward<F>(f)(v);
    } else if constexpr (std::is_reference_v<R>) {
      return std::forward<F>(f)(v);
    } else {
      R r = std::forward<F>(f)(v);
      if (rt::tracing()) rt::note_value(detail::value_text(r));
      return r;
    }
  }

  rt::object_id id_;
  T value_;
};

}  // namespace racelab::sync::inline model
