// var<T>, shared<T> and blocking_queue<T>: plain data shared without a hand-off, and with one.
#pragma once

#include <optional>
#include <vector>

#include "example.hpp"

namespace racelab::docs_examples {

// [doc:unsynchronised-list]
void unsynchronised_list() {
  sync::shared<std::vector<int>> jobs{"jobs"};
  sync::thread producer("producer",
                        [&] { jobs.write("push", [](std::vector<int>& v) { v.push_back(1); }); });
  sync::thread consumer("consumer", [&] {
    const auto n = jobs.read("size", [](const std::vector<int>& v) { return v.size(); });
    sync::check(n <= 1, "at most one job");
  });
  producer.join();
  consumer.join();
}
// [end:unsynchronised-list]

// [doc:unsynchronised-list-fixed]
void unsynchronised_list_fixed() {
  sync::blocking_queue<int> jobs{"jobs"};
  sync::var<int> done{"done", 0};
  sync::thread producer("producer", [&] {
    done = 1;  // put() happens-before the get() that takes the item
    jobs.put(1);
  });
  sync::thread consumer("consumer", [&] {
    const std::optional<int> job = jobs.get();  // blocks until there is one
    sync::check(job == 1 && done == 1, "the job and what was written before it");
  });
  producer.join();
  consumer.join();
}
// [end:unsynchronised-list-fixed]

inline const Example data_examples[] = {
    {.name = "unsynchronised-list",
     .body = unsynchronised_list,
     .ids = {"data-race"},
     .spurious_wakeups = 1},
    {.name = "unsynchronised-list-fixed",
     .body = unsynchronised_list_fixed,
     .ids = {},
     .spurious_wakeups = 1},
};

}  // namespace racelab::docs_examples
