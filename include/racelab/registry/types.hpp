// racelab/registry/types.hpp — the plain values the ported QUEUE_USER registry works with.
#pragma once

#include <string>
#include <vector>

namespace racelab::registry {

// The seed's Django user: only the username matters to the registry.
struct User {
  std::string username;
};

// A unit of work a request hands to the user's workers.
struct Task {
  int id = 0;
  std::string payload;
};

// Python spawns 4 workers per user (views.py, addUserWithQueue).
inline constexpr int kWorkersPerUser = 4;

// The proxy pool that DigiPhone(user, reprocess) reads. Availability is scripted per worker
// group, in creation order, so a scenario can say "no proxies for the first group, 2 for the
// next" without a shared variable that would itself race. The last value repeats.
class ProxyPool {
 public:
  explicit ProxyPool(std::vector<int> proxies_per_group = {0});
  // Proxies seen by worker group `group` (1-based, in creation order).
  int proxies_for_group(int group) const;

 private:
  std::vector<int> per_group_;
};

}  // namespace racelab::registry
