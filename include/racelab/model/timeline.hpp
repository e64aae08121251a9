// racelab/model/timeline.hpp — an execution as one column per thread (Lincheck style): the one
// timeline renderer, used by library users and by the racelab command alike.
//
//     step  MainThread  Thread-1    Thread-2
//                       (request)   (worker)
//        1  start Thread-1 (request)   scenarios/no_proxies.hpp:44
//        2              read QUEUE_USER: check user → false   buggy/registry.cpp:16
//        …
//       16                          ✗ read QUEUE_USER: find user → false   buggy/registry.cpp:45
//                                   ✗ data race on QUEUE_USER: …
//      end  ✗ QUEUE_USER still holds …
//
// A row holds one step, so its cell may run on into the empty columns to its right: columns stay
// a thread name wide while operations stay whole. Past 100 columns of names the header switches
// to short names (T0, T1, …) with a legend. Steps count from 1, as replay messages do.
#pragma once

#include <functional>
#include <string>

#include "racelab/model/trace.hpp"

namespace racelab::model {

// How the marked parts are drawn, e.g. with terminal colours. Each hook gets the text and
// returns it as it should appear; an empty hook leaves the text as it is.
struct TimelineStyle {
  std::function<std::string(const std::string&)> heading;    // the thread names
  std::function<std::string(const std::string&)> secondary;  // roles, sources, the legend
  std::function<std::string(const std::string&)> violation;  // ✗ steps and messages
};

struct TimelineOptions {
  TimelineStyle style;
  int first = 0;              // the steps [first, last) only; "…" marks what is left out
  int last = -1;              // -1: to the end
  bool schedule_line = true;  // end with "schedule <token>", the replay token
};

std::string render_timeline(const Execution& e, const TimelineOptions& options = {});

}  // namespace racelab::model
