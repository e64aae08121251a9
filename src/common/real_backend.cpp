#include <atomic>

#include "racelab/sync/real.hpp"

namespace racelab::sync::inline real {
namespace {
// Relaxed: the number only has to be unique; it must not order threads for ThreadSanitizer.
std::atomic<int> g_next_thread{1};
thread_local std::string t_name = "MainThread";
}  // namespace

namespace detail {
int next_thread_number() noexcept { return g_next_thread.fetch_add(1, std::memory_order_relaxed); }
const std::string& current_thread_name() noexcept { return t_name; }
void set_current_thread_name(std::string name) { t_name = std::move(name); }
}  // namespace detail

void reset_thread_numbering() noexcept { g_next_thread.store(1, std::memory_order_relaxed); }

}  // namespace racelab::sync::inline real
