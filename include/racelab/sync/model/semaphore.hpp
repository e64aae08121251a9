// racelab/sync/model/semaphore.hpp — counting_semaphore, binary_semaphore, once_flag and
// call_once under the model.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <utility>

#include "racelab/model/runtime.hpp"
#include "racelab/source_loc.hpp"

namespace racelab::sync::inline model {

namespace rt = racelab::model::rt;

// acquire blocks while the count is 0; release → a later acquire is a happens-before edge.
template <std::ptrdiff_t Max = PTRDIFF_MAX>
class counting_semaphore {
 public:
  explicit counting_semaphore(std::ptrdiff_t desired, source_loc loc = source_loc::current())
      : id_(rt::new_object(rt::ObjectKind::semaphore, nullptr, loc, "semaphore")) {
    rt::semaphore_init(id_, desired, Max);
  }
  counting_semaphore(const char* name, std::ptrdiff_t desired,
                     source_loc loc = source_loc::current())
      : id_(rt::new_object(rt::ObjectKind::semaphore, name, loc)) {
    rt::semaphore_init(id_, desired, Max);
  }
  ~counting_semaphore() { rt::delete_object(id_); }
  counting_semaphore(const counting_semaphore&) = delete;
  counting_semaphore& operator=(const counting_semaphore&) = delete;

  static constexpr std::ptrdiff_t max() noexcept { return Max; }

  void release(std::ptrdiff_t update = 1, source_loc loc = source_loc::current()) {
    rt::semaphore_release(id_, update, loc);
  }
  void acquire(source_loc loc = source_loc::current()) { rt::semaphore_acquire(id_, loc); }
  bool try_acquire(source_loc loc = source_loc::current()) {
    return rt::semaphore_try_acquire(id_, loc);
  }

 private:
  rt::object_id id_;
};

using binary_semaphore = counting_semaphore<1>;

// call_once runs f in exactly one caller; the others wait until it has returned and see what it
// did (std's guarantee). Under the model a once_flag is a mutex named "once_flag#N": lock, check,
// run f, unlock — its steps show who ran f and who waited. If f throws, the flag stays unset and
// the next caller tries. (call_once's steps carry no source line: a variadic function template
// has nowhere to put the caller's location.)
class once_flag {
 public:
  once_flag(source_loc loc = source_loc::current())  // NOLINT: implicit, as std's
      : id_(rt::new_object(rt::ObjectKind::mutex, nullptr, loc, "once_flag")) {}
  explicit once_flag(const char* name, source_loc loc = source_loc::current())
      : id_(rt::new_object(rt::ObjectKind::mutex, name, loc)) {}
  ~once_flag() { rt::delete_object(id_); }
  once_flag(const once_flag&) = delete;
  once_flag& operator=(const once_flag&) = delete;

 private:
  template <class F, class... Args>
  friend void call_once(once_flag& flag, F&& f, Args&&... args);

  rt::object_id id_;
  bool done_ = false;  // read and written only with id_ held
};

template <class F, class... Args>
void call_once(once_flag& flag, F&& f, Args&&... args) {
  rt::mutex_lock(flag.id_, source_loc{});
  struct Unlock {
    rt::object_id id;
    ~Unlock() { rt::mutex_unlock(id, source_loc{}); }
  } unlock{flag.id_};
  if (flag.done_) return;
  std::invoke(std::forward<F>(f), std::forward<Args>(args)...);
  flag.done_ = true;
}

}  // namespace racelab::sync::inline model
