// libFuzzer: replay() and probe() of any token on a small body — two workers, a lock, a shared
// cell, a queue — under the model. Every token either runs (a trace whose token is the canonical
// prefix) or throws std::invalid_argument with a one-line message; never a crash, a hang or a leak.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>

#include "racelab/model/explore.hpp"
#include "racelab/sync.hpp"

namespace {

void require(bool ok) {
  if (!ok) std::abort();
}

void require_one_line(const std::string& s) {
  for (char c : s) require(static_cast<unsigned char>(c) >= 0x20);
  require(s.size() < 1000);
}

struct World {
  racelab::sync::mutex lock{"lock"};
  racelab::sync::shared<int> value{"value", 0};
  racelab::sync::blocking_queue<int> tasks{"tasks"};
};

void body() {
  namespace sync = racelab::sync;
  auto w = std::make_shared<World>();
  sync::thread producer("producer", [w] {
    w->lock.lock();
    w->value.write("increment", [](int& v) { ++v; });
    w->lock.unlock();
    w->tasks.put(1);
    w->tasks.close();
  });
  sync::thread consumer("consumer", [w] {
    while (w->tasks.get()) {
      // Unlocked: races with the producer's write.
      const int seen = w->value.read("look", [](const int& v) { return v; });
      racelab::model::check(seen >= 0, "value never negative");
    }
  });
  producer.join();
  consumer.join();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 256) return 0;  // the body has < 40 steps; longer tokens only repeat the misfit
  const std::string token(reinterpret_cast<const char*>(data), size);
  try {
    const auto x = racelab::model::replay(token, body, {}, 200);
    require(racelab::model::Schedule::parse(x.schedule).steps() ==
            racelab::model::Schedule::parse(token).steps());
  } catch (const std::invalid_argument& e) {
    require_one_line(e.what());
  }
  try {
    const auto p = racelab::model::probe(token, body, {}, 200);
    require(p.finished || !p.next.empty());
  } catch (const std::invalid_argument& e) {
    require_one_line(e.what());
  }
  return 0;
}
