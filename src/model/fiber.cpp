#include "model/fiber.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <cxxabi.h>
#include <boost/context/detail/fcontext.hpp>
#include <cstdio>
#include <cstdlib>
#include <utility>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RACELAB_FIBER_ASAN 1
#endif
#if __has_feature(thread_sanitizer)
#define RACELAB_FIBER_TSAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define RACELAB_FIBER_ASAN 1
#endif
#if defined(__SANITIZE_THREAD__)
#define RACELAB_FIBER_TSAN 1
#endif

#ifdef RACELAB_FIBER_ASAN
#include <sanitizer/asan_interface.h>
#include <sanitizer/common_interface_defs.h>
#endif
#ifdef RACELAB_FIBER_TSAN
#include <sanitizer/tsan_interface.h>
#endif

namespace racelab::model::detail {

namespace ctx = boost::context::detail;

namespace {

[[noreturn]] void fatal(const char* what) {
  std::fprintf(stderr, "racelab::model fibers: %s\n", what);
  std::abort();
}

// libsupc++ (and libc++abi) lay __cxa_eh_globals out as {caughtExceptions, uncaughtExceptions}
// on every target without the ARM EH ABI.
#if defined(__ARM_EABI_UNWINDER__)
#error "racelab: per-fiber exception state is not implemented for the ARM EH ABI"
#endif
EhState& eh_globals() noexcept { return *reinterpret_cast<EhState*>(abi::__cxa_get_globals()); }

// Sanitizers make frames several times larger; a registry worker is shallow either way.
#if defined(RACELAB_FIBER_ASAN) || defined(RACELAB_FIBER_TSAN)
constexpr std::size_t kStackSize = 1024 * 1024;
#else
constexpr std::size_t kStackSize = 256 * 1024;
#endif

}  // namespace

// ---- StackPool -----------------------------------------------------------------------------

StackPool::StackPool(std::size_t stack_size)
    : size_(stack_size ? stack_size : kStackSize),
      page_(static_cast<std::size_t>(sysconf(_SC_PAGESIZE))) {
  size_ = (size_ + page_ - 1) / page_ * page_;
}

StackPool::~StackPool() {
  for (const Stack& s : all_) munmap(s.base - page_, s.size + page_);
}

StackPool::Stack StackPool::take() {
  if (!free_.empty()) {
    Stack s = free_.back();
    free_.pop_back();
    return s;
  }
  void* p =
      mmap(nullptr, size_ + page_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) fatal("cannot map a fiber stack (out of memory?)");
  // The guard page turns a stack overflow into a SIGSEGV at a known place, not a corruption.
  if (mprotect(p, page_, PROT_NONE) != 0) fatal("cannot protect a fiber stack's guard page");
  Stack s{static_cast<char*>(p) + page_, size_};
  all_.push_back(s);
  return s;
}

void StackPool::give(Stack s) {
#ifdef RACELAB_FIBER_ASAN
  // A finished fiber's last frames never returned: their redzones are still poisoned, and the
  // next fiber's frames would land on them.
  __asan_unpoison_memory_region(s.base, s.size);
#endif
  free_.push_back(s);
}

// ---- FiberHome -----------------------------------------------------------------------------

FiberHome::FiberHome() : eh(&eh_globals()) {
#ifdef RACELAB_FIBER_TSAN
  tsan = __tsan_get_current_fiber();
#endif
}

// ---- Fiber ---------------------------------------------------------------------------------

struct FiberAccess {
  // First instructions on a new stack: t.fctx is the scheduler, t.data the Fiber.
  static void entry(ctx::transfer_t t) noexcept {
    Fiber* f = static_cast<Fiber*>(t.data);
    f->home_->ctx = t.fctx;
#ifdef RACELAB_FIBER_ASAN
    __sanitizer_finish_switch_fiber(nullptr, &f->home_->stack_bottom, &f->home_->stack_size);
#endif
    f->entry_(f->arg_);
    f->finish();
  }
};

void Fiber::start(FiberHome& home, StackPool& pool, Entry entry, void* arg) {
  home_ = &home;
  stack_ = pool.take();
  entry_ = entry;
  arg_ = arg;
  fake_stack_ = nullptr;
  eh_ = EhState{};
  finished_ = false;
  ctx_ = ctx::make_fcontext(stack_.base + stack_.size, stack_.size, &FiberAccess::entry);
#ifdef RACELAB_FIBER_TSAN
  tsan_ = __tsan_create_fiber(0);
#endif
}

void Fiber::resume() {
  if (ctx_ == nullptr || finished_) fatal("resume() of a fiber that is not suspended");
  EhState& g = *home_->eh;
  std::swap(g, eh_);  // the fiber's exception state in, the scheduler's saved
#ifdef RACELAB_FIBER_ASAN
  __sanitizer_start_switch_fiber(&home_->fake_stack, stack_.base, stack_.size);
#endif
#ifdef RACELAB_FIBER_TSAN
  __tsan_switch_to_fiber(tsan_, 0);
#endif
  const ctx::transfer_t t = ctx::jump_fcontext(std::exchange(ctx_, nullptr), this);
#ifdef RACELAB_FIBER_ASAN
  __sanitizer_finish_switch_fiber(home_->fake_stack, nullptr, nullptr);
#endif
  if (!finished_) ctx_ = t.fctx;
  std::swap(g, eh_);
}

void Fiber::suspend() {
#ifdef RACELAB_FIBER_ASAN
  __sanitizer_start_switch_fiber(&fake_stack_, home_->stack_bottom, home_->stack_size);
#endif
#ifdef RACELAB_FIBER_TSAN
  __tsan_switch_to_fiber(home_->tsan, 0);
#endif
  const ctx::transfer_t t = ctx::jump_fcontext(home_->ctx, nullptr);
  home_->ctx = t.fctx;
#ifdef RACELAB_FIBER_ASAN
  __sanitizer_finish_switch_fiber(fake_stack_, &home_->stack_bottom, &home_->stack_size);
#endif
}

void Fiber::finish() noexcept {
  finished_ = true;
#ifdef RACELAB_FIBER_ASAN
  // nullptr: this fiber never comes back, ASan may drop its fake stack.
  __sanitizer_start_switch_fiber(nullptr, home_->stack_bottom, home_->stack_size);
#endif
#ifdef RACELAB_FIBER_TSAN
  __tsan_switch_to_fiber(home_->tsan, 0);
#endif
  ctx::jump_fcontext(home_->ctx, nullptr);
  fatal("a finished fiber was resumed");
}

void leaving_frames_below() noexcept {
#ifdef RACELAB_FIBER_ASAN
  __asan_handle_no_return();
#endif
}

void Fiber::release(StackPool& pool) {
  if (!finished_) fatal("release() of a fiber that has not finished");
#ifdef RACELAB_FIBER_TSAN
  __tsan_destroy_fiber(tsan_);
  tsan_ = nullptr;
#endif
  pool.give(stack_);
  stack_ = {};
  ctx_ = nullptr;
  finished_ = false;
}

}  // namespace racelab::model::detail
