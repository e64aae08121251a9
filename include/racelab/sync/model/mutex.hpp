// racelab/sync/model/mutex.hpp — mutex, recursive_mutex and shared_mutex under the model.
//
// Each lock, try_lock and unlock is a step. The engine keeps who holds what (so a deadlock names
// who waits for whom, and a step shows the locks its thread held); misuse is a violation, never a
// crash: unlocking a mutex the thread does not hold ("unlock-not-held"), destroying a held one
// ("misuse"); locking a plain mutex twice is a self-deadlock and reported as one.
#pragma once

#include "racelab/model/runtime.hpp"
#include "racelab/source_loc.hpp"
#include "racelab/thread_annotations.hpp"

namespace racelab::sync::inline model {

namespace rt = racelab::model::rt;

namespace detail {
// The common body of the mutex kinds: an engine object, named or numbered ("mutex#1").
class mutex_base {
 protected:
  mutex_base(rt::ObjectKind kind, const char* name, source_loc loc)
      : id_(rt::new_object(kind, name, loc)) {}
  ~mutex_base() { rt::delete_object(id_); }
  mutex_base(const mutex_base&) = delete;
  mutex_base& operator=(const mutex_base&) = delete;

 public:
  rt::object_id model_id() const noexcept { return id_; }

 protected:
  rt::object_id id_;
};
}  // namespace detail

class RACELAB_CAPABILITY("mutex") mutex : public detail::mutex_base {
 public:
  mutex(source_loc loc = source_loc::current())  // NOLINT: implicit, as std's
      : mutex_base(rt::ObjectKind::mutex, nullptr, loc) {}
  explicit mutex(const char* name, source_loc loc = source_loc::current())
      : mutex_base(rt::ObjectKind::mutex, name, loc) {}

  void lock(source_loc loc = source_loc::current()) RACELAB_ACQUIRE() { rt::mutex_lock(id_, loc); }
  void unlock(source_loc loc = source_loc::current()) RACELAB_RELEASE() {
    rt::mutex_unlock(id_, loc);
  }
  bool try_lock(source_loc loc = source_loc::current()) RACELAB_TRY_ACQUIRE(true) {
    return rt::mutex_try_lock(id_, loc);
  }
};

// Re-entrant (Python's RLock): the owner's nested lock() counts; each needs its unlock().
class RACELAB_CAPABILITY("mutex") recursive_mutex : public detail::mutex_base {
 public:
  recursive_mutex(source_loc loc = source_loc::current())  // NOLINT: implicit, as std's
      : mutex_base(rt::ObjectKind::recursive_mutex, nullptr, loc) {}
  explicit recursive_mutex(const char* name, source_loc loc = source_loc::current())
      : mutex_base(rt::ObjectKind::recursive_mutex, name, loc) {}

  void lock(source_loc loc = source_loc::current()) RACELAB_ACQUIRE() { rt::mutex_lock(id_, loc); }
  void unlock(source_loc loc = source_loc::current()) RACELAB_RELEASE() {
    rt::mutex_unlock(id_, loc);
  }
  bool try_lock(source_loc loc = source_loc::current()) RACELAB_TRY_ACQUIRE(true) {
    return rt::mutex_try_lock(id_, loc);
  }
};

// Readers-writer lock: held exclusively by one thread, or shared by any number.
class RACELAB_CAPABILITY("mutex") shared_mutex : public detail::mutex_base {
 public:
  shared_mutex(source_loc loc = source_loc::current())  // NOLINT: implicit, as std's
      : mutex_base(rt::ObjectKind::shared_mutex, nullptr, loc) {}
  explicit shared_mutex(const char* name, source_loc loc = source_loc::current())
      : mutex_base(rt::ObjectKind::shared_mutex, name, loc) {}

  void lock(source_loc loc = source_loc::current()) RACELAB_ACQUIRE() { rt::mutex_lock(id_, loc); }
  void unlock(source_loc loc = source_loc::current()) RACELAB_RELEASE() {
    rt::mutex_unlock(id_, loc);
  }
  bool try_lock(source_loc loc = source_loc::current()) RACELAB_TRY_ACQUIRE(true) {
    return rt::mutex_try_lock(id_, loc);
  }
  void lock_shared(source_loc loc = source_loc::current()) RACELAB_ACQUIRE_SHARED() {
    rt::mutex_lock_shared(id_, loc);
  }
  void unlock_shared(source_loc loc = source_loc::current()) RACELAB_RELEASE_SHARED() {
    rt::mutex_unlock_shared(id_, loc);
  }
  bool try_lock_shared(source_loc loc = source_loc::current()) RACELAB_TRY_ACQUIRE_SHARED(true) {
    return rt::mutex_try_lock_shared(id_, loc);
  }
};

}  // namespace racelab::sync::inline model
