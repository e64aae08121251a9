// racelab/registry/labels.hpp — the words a timeline shows for the registry's steps: whose entry a
// teardown removed, whose queue a request put on. Shared by buggy/, fixed/, complete/ and
// exercise/ so that the folders differ only in their fix, and every timeline says the owner the
// same way (issue 13 §2: "pop entry of group#2" tells a reviewer at once that a group#1 worker
// removed a newer group's entry).
#pragma once

#include <array>
#include <cstdio>
#include <string>

namespace racelab::registry {

// "group#2's entry (this worker is group#1's)", "group#1's entry", or "no entry": what the user's
// entry in `m` (a map username → Entry with a `group`) is, seen by a worker of `my_group`.
template <class Map>
std::string entry_owner(const Map& m, const std::string& user, int my_group) {
  const auto it = m.find(user);
  if (it == m.end()) return "no entry";
  const std::string owner = "group#" + std::to_string(it->second.group) + "'s entry";
  if (it->second.group == my_group) return owner;
  return owner + " (this worker is group#" + std::to_string(my_group) + "'s)";
}

// `QUEUE_USER.pop(user, None)` by a worker of `my_group`: erases the user's entry, whoever's it
// is, and says whose it was (the write step's value: "pop user → group#2's entry (this worker is
// group#1's)").
template <class Map>
std::string pop_entry(Map& m, const std::string& user, int my_group) {
  std::string found = entry_owner(m, user, my_group);
  m.erase(user);
  return found;
}

// The name of `group`'s task queue, "group#1's queue", so a put step reads "put group#1's
// queue". A string with static storage (a backend may keep the pointer); "queue" past group 64.
// Plain char arrays, not std::string: the first call may come inside a Relacy iteration, where
// the heap is Relacy's; strings allocated there were freed by libc at exit ("free(): invalid
// pointer", every Relacy random-scheduler run).
inline const char* queue_name(int group) {
  static const auto names = [] {
    std::array<std::array<char, 24>, 65> n{};
    for (std::size_t g = 0; g < n.size(); ++g)
      std::snprintf(n[g].data(), n[g].size(), "group#%zu's queue", g);
    return n;
  }();
  return group >= 1 && group < static_cast<int>(names.size())
             ? names[static_cast<std::size_t>(group)].data()
             : "queue";
}

}  // namespace racelab::registry
