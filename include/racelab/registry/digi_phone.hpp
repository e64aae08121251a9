// racelab/registry/digi_phone.hpp — the seed's DigiPhone, as far as the race is concerned.
//
// `DigiPhone(user, reprocess)` builds a client over the proxy pool; the worker only asks it
// `_len_proxy`. Reading the pool is a visible step (the timeline shows "read proxy pool"), with
// no shared memory effect: availability is scripted per group (see ProxyPool).
#pragma once

#include "racelab/registry/types.hpp"
#include "racelab/sync.hpp"

namespace racelab::registry::inline RACELAB_BACKEND_NAME {

class DigiPhone {
 public:
  DigiPhone(const User& /*user*/, bool /*reprocess*/, const ProxyPool& pool, int group,
            source_loc loc = source_loc::current())
      : len_proxy_(pool.proxies_for_group(group)) {
    sync::this_thread::yield("read proxy pool", loc);
  }
  // Python: digiPhone._len_proxy
  int len_proxy() const { return len_proxy_; }

 private:
  int len_proxy_;
};

}  // namespace racelab::registry::inline RACELAB_BACKEND_NAME
