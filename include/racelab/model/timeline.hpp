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
// A step where the scheduler preempted another thread carries ↯ in the step column ("  17↯");
// a legend line under the timeline says so when one is shown.
//
// A row holds one step, so its cell may run on into the empty columns to its right: columns stay
// a thread name wide while operations stay whole. Past 100 columns of names the header switches
// to short names (T0, T1, …) with a legend. Steps count from 1, as replay messages do.
#pragma once

#include <functional>
#include <string>
#include <vector>

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
  // --focus: one flag per thread, true for the columns to show (involved_threads()); the other
  // threads' steps become one line per run of them, "… 12 steps of 9 other threads". Empty: all.
  std::vector<bool> threads;
};

// --focus: the threads a reader needs to see why the violations happened, one flag per thread:
//   1. the thread of each violation's step (its culprit), of its related steps (the access it
//      races with), and the thread the violation names;
//   2. for each of those steps that acts on an object (a cell, queue or mutex), the thread of
//      the latest earlier step on that object by another thread that changed it (a write, put,
//      get, close, unlock, store, rmw): the step whose effect the culprit saw or undid — the
//      insert of the entry a stale teardown pops, the unlock before a racing lock.
// Bounded: at most one thread more per step of rule 1. When no violation has a step (an
// end-of-run violation with no culprit, or none at all), every thread is involved.
std::vector<bool> involved_threads(const Execution& e);
// "12 steps of 9 other threads": what a focused rendering left out of steps [first, last).
std::string elided_text(const Trace& t, const std::vector<bool>& shown, int first, int last);
// The mark for a preempting step, and the legend line that explains it.
inline constexpr const char* kPreemptionMark = "↯";
inline constexpr const char* kPreemptionLegend =
    "↯ preemption: the scheduler switched to this thread although the previous one could go on";

std::string render_timeline(const Execution& e, const TimelineOptions& options = {});

}  // namespace racelab::model
