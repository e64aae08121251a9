// forgotten_lock.cpp — compiled by ctest, not built: a request handler that writes QUEUE_USER
// without holding QUEUE_USER_LOCK, against fixed/'s real Registry. The thread-safety analysis
// must reject it ("requires holding mutex"); with RACELAB_TSA_TAKE_THE_LOCK defined, the same
// code holds the lock and must compile. Together: the annotation on fixed/'s map is what proves
// every access locked, and it would catch the next person who forgets.
//
// The handler needs the registry's private members. Every header fixed/registry.hpp includes is
// included first, so that `private` becomes `public` for that one class only (its include guards
// keep the others from being read again). A test-only path: fixed/ itself is untouched.
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "racelab/registry/lesson.hpp"

#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wkeyword-macro"
#define private public
#include "registry.hpp"
#undef private
#pragma clang diagnostic pop

namespace racelab::fixed {

// `del QUEUE_USER[user]` from a new code path, as a reviewer might miss it.
void forget_the_lock(Registry& registry, const std::string& username) {
#ifdef RACELAB_TSA_TAKE_THE_LOCK
  sync::lock_guard guard(registry.queue_user_lock_);
#endif
  registry.queue_user_.write("erase user", [&](Registry::Map& m) { m.erase(username); });
}

}  // namespace racelab::fixed
