// src/model/fiber.hpp — stackful fibers on one OS thread, with every switch told to the sanitizers.
//
// Built on Boost.Context's fcontext layer (make_fcontext / jump_fcontext), not on
// boost::context::fiber: the fiber class switches into a new stack inside its constructor and
// unwinds it with its own exception inside its destructor, switches we could not announce to
// ASan and TSan. Here there is exactly one switch per resume() and one per suspend(), each
// wrapped in the sanitizer calls:
//
//   ASan  __sanitizer_start_switch_fiber / __sanitizer_finish_switch_fiber (stack bounds, fake
//         stacks for use-after-return), and the stack is unpoisoned before it is reused;
//   TSan  __tsan_create_fiber / __tsan_switch_to_fiber (with synchronisation: the model's own
//         races are the model's business, TSan must not see fibers as racing threads) /
//         __tsan_destroy_fiber.
//
// The C++ runtime keeps "exceptions being handled" per OS thread (__cxa_eh_globals). A fiber
// that suspends inside a catch block or while unwinding would otherwise share that list with the
// next fiber; each fiber keeps its own copy, swapped in and out around every switch, so
// std::uncaught_exceptions() and rethrow work per fiber.
//
// Life of a fiber:   start() → resume() ⇄ suspend() … → finish() (last switch) → release().
#pragma once

#include <cstddef>
#include <vector>

namespace racelab::model::detail {

// Fiber stacks, kept across executions: exploring runs the same few threads thousands of times
// per second, and a fresh mmap per thread would dominate. Each stack has a guard page below it.
class StackPool {
 public:
  struct Stack {
    char* base = nullptr;  // lowest usable byte; the guard page is just below
    std::size_t size = 0;
  };

  explicit StackPool(std::size_t stack_size);
  ~StackPool();
  StackPool(const StackPool&) = delete;
  StackPool& operator=(const StackPool&) = delete;

  Stack take();
  // Takes a stack back (its fiber has finished); unpoisons it for ASan.
  void give(Stack s);

 private:
  std::size_t size_;
  std::size_t page_;
  std::vector<Stack> free_;
  std::vector<Stack> all_;
};

// The C++ runtime's per-thread exception state (libsupc++'s __cxa_eh_globals).
struct EhState {
  void* caught = nullptr;
  unsigned int uncaught = 0;
};

// The scheduler's side of every switch: where a suspending fiber jumps back to.
struct FiberHome {
  void* ctx = nullptr;                 // fcontext of the scheduler, refreshed at every switch
  const void* stack_bottom = nullptr;  // ASan: the scheduler's stack
  std::size_t stack_size = 0;
  void* fake_stack = nullptr;  // ASan: the scheduler's fake stack while a fiber runs
  void* tsan = nullptr;        // TSan: the OS thread's own fiber
  EhState* eh = nullptr;       // this OS thread's exception state (looked up once)
  FiberHome();
};

// Before a stack is unwound by other means than a C++ throw (a forced unwind: cancelled_op):
// ASan unpoisons the frames about to be left, as its __cxa_throw interceptor does for a throw;
// otherwise the cleanups that run on that stack trip over the dead frames' redzones. Nothing
// without ASan.
void leaving_frames_below() noexcept;

class Fiber {
 public:
  // Runs on the fiber. Must not throw; when it returns, the fiber finishes.
  using Entry = void (*)(void* arg) noexcept;

  Fiber() = default;
  Fiber(const Fiber&) = delete;
  Fiber& operator=(const Fiber&) = delete;

  // Prepares a fiber that will run entry(arg) on a stack from `pool`. No switch happens yet.
  void start(FiberHome& home, StackPool& pool, Entry entry, void* arg);
  // Scheduler side: runs the fiber until it suspends or finishes.
  void resume();
  // Fiber side: back to the scheduler until the next resume().
  void suspend();

  // Between start() and release().
  bool started() const noexcept { return stack_.base != nullptr; }
  bool finished() const noexcept { return finished_; }
  // Scheduler side, once finished(): returns the stack to the pool.
  void release(StackPool& pool);

 private:
  friend struct FiberAccess;  // the fcontext entry point (fiber.cpp)
  [[noreturn]] void finish() noexcept;

  FiberHome* home_ = nullptr;
  void* ctx_ = nullptr;
  StackPool::Stack stack_{};
  Entry entry_ = nullptr;
  void* arg_ = nullptr;
  void* fake_stack_ = nullptr;             // ASan: this fiber's fake stack while it is suspended
  [[maybe_unused]] void* tsan_ = nullptr;  // TSan builds only
  EhState eh_{};
  bool finished_ = false;
};

}  // namespace racelab::model::detail
