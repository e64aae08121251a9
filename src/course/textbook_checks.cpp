// The checks of the textbook exercises (01–04), compiled once per copy of their code: the
// student's (course/), the starting code and the reference solution (tests/course/). The build
// puts that copy's folders on the include path and names it in RACELAB_IMPL, so the three
// compilations live side by side in one binary (racelab/impl_namespace.hpp).
//
// Each check is a whole test: it creates the student's object, starts threads on it, joins them,
// and sync::check()s the result. Every check also demands progress (the work must get done: two
// hits count 2, the letter arrives, the transfers happen), so doing nothing is never "safe".
#include <string_view>
#include <vector>

#include "racelab/course/course.hpp"
#include "racelab/impl_namespace.hpp"

// The student's headers (or a variant's), found on this target's include path.
#include "bank.hpp"
#include "config_cache.hpp"
#include "mailbox.hpp"
#include "page_counter.hpp"

namespace RACELAB_IMPL_NAMESPACE {
namespace {

using course::Check;

std::vector<Check> lost_update() {
  return {
      {"two-hits", "two threads hit() once each; then total() == 2, with no data race",
       [] {
         PageCounter counter;
         sync::thread a("request", [&] { counter.hit(); });
         sync::thread b("request", [&] { counter.hit(); });
         a.join();
         b.join();
         sync::check(counter.total() == 2, "total() == 2 after two hits");
       }},
      {"read-while-hitting",
       "a reader calls total() while a request hits: it sees 0 or 1, with no data race",
       [] {
         PageCounter counter;
         sync::thread hit("request", [&] { counter.hit(); });
         sync::thread read("reader", [&] {
           const int seen = counter.total();
           sync::check(seen == 0 || seen == 1, "a reader sees 0 or 1 during one hit");
         });
         hit.join();
         read.join();
         sync::check(counter.total() == 1, "total() == 1 after one hit");
       }},
  };
}

std::vector<Check> lazy_init() {
  return {
      {"two-first-calls",
       "two threads call get() first, together: one load, the same object, no data race",
       [] {
         course::ConfigLoader loader;
         ConfigCache cache(loader);
         const Config* seen_a = nullptr;
         const Config* seen_b = nullptr;
         sync::thread a("caller", [&] { seen_a = cache.get(); });
         sync::thread b("caller", [&] { seen_b = cache.get(); });
         a.join();
         b.join();
         sync::check(seen_a != nullptr && seen_b != nullptr, "get() returns a configuration");
         sync::check(seen_a == seen_b, "both callers get the same configuration object");
         sync::check(loader.loads() == 1, "the configuration is loaded exactly once");
       }},
      {"later-call", "a call after the first one returns the loaded object, without loading again",
       [] {
         course::ConfigLoader loader;
         ConfigCache cache(loader);
         const Config* first = nullptr;
         sync::thread a("caller", [&] { first = cache.get(); });
         a.join();
         const Config* later = cache.get();
         sync::check(first != nullptr && first == later, "a later get() returns the same object");
         sync::check(loader.loads() == 1, "the configuration is loaded exactly once");
       }},
  };
}

std::vector<Check> lock_order() {
  return {
      {"pay-each-other",
       "Alice pays Bob 10 while Bob pays Alice 20: no deadlock, both transfers done, no money "
       "created or lost",
       [] {
         Account alice("alice", 100);
         Account bob("bob", 100);
         sync::thread a("alice-pays", [&] { transfer(alice, bob, 10); });
         sync::thread b("bob-pays", [&] { transfer(bob, alice, 20); });
         a.join();
         b.join();
         sync::check(alice.balance() == 110 && bob.balance() == 90,
                     "alice == 110 and bob == 90 after both transfers");
       }},
      {"audit-while-paying",
       "an auditor reads both balances while Alice pays Bob: no deadlock, no data race",
       [] {
         Account alice("alice", 100);
         Account bob("bob", 100);
         sync::thread pay("alice-pays", [&] { transfer(alice, bob, 10); });
         sync::thread audit("auditor", [&] {
           const int total = alice.balance() + bob.balance();
           sync::check(total == 200 || total == 190 || total == 210,
                       "the auditor sees each balance before or after the transfer");
         });
         pay.join();
         audit.join();
         sync::check(alice.balance() + bob.balance() == 200, "no money created or lost");
       }},
  };
}

std::vector<Check> lost_wakeup() {
  return {
      {"post-and-wait",
       "a waiter and a poster: the waiter returns the letter posted (42), never sleeps forever, "
       "no data race",
       [] {
         Mailbox box;
         int received = 0;
         sync::thread waiter("waiter", [&] { received = box.wait_for_letter(); });
         sync::thread poster("poster", [&] { box.post(42); });
         waiter.join();
         poster.join();
         sync::check(received == 42, "the waiter receives the letter that was posted");
       }},
      {"post-first", "the letter is posted before anyone waits: the waiter still gets it",
       [] {
         Mailbox box;
         box.post(7);
         int received = 0;
         sync::thread waiter("waiter", [&] { received = box.wait_for_letter(); });
         waiter.join();
         sync::check(received == 7, "a letter posted earlier is received");
       }},
  };
}

}  // namespace

std::vector<Check> textbook_checks(std::string_view exercise_id) {
  if (exercise_id == "01-lost-update") return lost_update();
  if (exercise_id == "02-lazy-init") return lazy_init();
  if (exercise_id == "03-lock-order") return lock_order();
  if (exercise_id == "04-lost-wakeup") return lost_wakeup();
  return {};
}

}  // namespace RACELAB_IMPL_NAMESPACE
