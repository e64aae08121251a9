// What the model says about the goal after each move (an exhaustive search below the current
// prefix: unreachable, unavoidable, or open), and the hints: which thread to run and why, in
// words about the concept (play_hints.hpp), with what the choice does to the goal.
#include <algorithm>

#include "play_hints.hpp"
#include "play_session_impl.hpp"

namespace racelab::cli::play_detail {
namespace {

constexpr int kHintPlayouts = 12;

}  // namespace

// Where the goal stands from the current prefix: said when it changes, and only when every
// continuation was explored (a guess is never presented as a fact).
void Session::update_reach() {
  if (!setup_.reach) return;
  const Reach r = setup_.reach(token_);
  Standing now = Standing::unknown;
  if (r.known) {
    now = r.reaching == 0                 ? Standing::unreachable
          : r.reaching == r.continuations ? Standing::unavoidable
                                          : Standing::open;
  }
  if (now == standing_ || now == Standing::unknown) return;
  const std::string n = std::to_string(r.continuations);
  if (now == Standing::unreachable) {
    out_ << style_.bad("  " + fill(words_.unreachable, {n}))
         << style_.dim(length(token_) > length(setup_.start) ? words_.undo_last : "") << '\n';
  } else if (now == Standing::unavoidable) {
    out_ << style_.good("  " + fill(words_.unavoidable, {n})) << '\n';
  } else if (standing_ == Standing::unreachable || standing_ == Standing::unavoidable) {
    out_ << style_.dim("  " + fill(words_.within_reach, {std::to_string(r.reaching), n})) << '\n';
  }
  standing_ = now;
}

// The advised thread and why (what its next step does to the others); the level's own tip the
// first time. With a Reacher whose answers are complete, the advice is the choice from which
// the goal is likeliest, and the other choices say what they would do; otherwise random
// continuations from each choice decide.
void Session::hint() {
  const auto enabled = enabled_threads(current_);
  if (!(setup_.reach && exact_hint(enabled))) {
    std::mt19937_64 rng(length(token_));
    int best = -1, best_hits = -1;
    for (int t : enabled) {
      int hits = 0;
      for (int k = 0; k < kHintPlayouts; ++k) hits += playout(with_step(token_, t), rng);
      if (hits > best_hits) best = t, best_hits = hits;
    }
    if (best_hits <= 0) {
      out_ << style_.dim(std::string("  ") + words_.hint_no_random) << '\n';
    } else {
      out_ << style_.accent(
                  "  " + fill(words_.hint_run, {thread_name(current_, best),
                                                why_it_matters(current_, best, setup_.language)}))
           << '\n'
           << style_.dim("        " + fill(words_.hint_random, {std::to_string(best_hits),
                                                                std::to_string(kHintPlayouts)}))
           << '\n';
    }
  }
  if (!setup_.tip.empty() && !tip_shown_) {
    out_ << style_.dim(std::string("  ") + words_.level_tip) << setup_.tip << '\n';
    tip_shown_ = true;
  }
}

bool Session::exact_hint(const std::vector<int>& enabled) {
  std::vector<std::pair<int, Reach>> by_choice;
  for (int t : enabled) {
    const Reach r = setup_.reach(with_step(token_, t));
    if (!r.known || r.continuations == 0) return false;
    by_choice.emplace_back(t, r);
  }
  const auto share = [](const Reach& r) {
    return static_cast<double>(r.reaching) / static_cast<double>(r.continuations);
  };
  const auto best = std::max_element(by_choice.begin(), by_choice.end(), [&](auto& a, auto& b) {
    return share(a.second) < share(b.second);
  });
  if (best->second.reaching == 0) {
    out_ << style_.dim(std::string("  ") + words_.hint_no_choice) << '\n';
    return true;
  }
  const auto effect = [&](const Reach& r) -> std::string {
    return r.reaching == 0                 ? words_.then_closed
           : r.reaching == r.continuations ? words_.then_certain
                                           : words_.then_possible;
  };
  out_ << style_.accent("  " + fill(words_.hint_run,
                                    {thread_name(current_, best->first),
                                     why_it_matters(current_, best->first, setup_.language)}))
       << '\n'
       << style_.dim("        " + effect(best->second)) << '\n';
  for (const auto& [t, r] : by_choice) {
    if (t == best->first) continue;
    out_ << style_.dim("        " + fill(words_.other_choice,
                                         {thread_name(current_, t),
                                          why_it_matters(current_, t, setup_.language), effect(r)}))
         << '\n';
  }
  return true;
}

bool Session::playout(std::string token, std::mt19937_64& rng) const {
  for (std::size_t i = 0; i < kMaxSteps; ++i) {
    const auto p = probe_(token);
    if (setup_.goal_reached && setup_.goal_reached(p.violations)) return true;
    const auto enabled = enabled_threads(p);
    if (p.finished || enabled.empty()) return false;
    token = with_step(p.schedule, enabled[rng() % enabled.size()]);
  }
  return false;
}

}  // namespace racelab::cli::play_detail
