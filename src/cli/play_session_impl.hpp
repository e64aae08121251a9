// src/cli/play_session_impl.hpp — the play session's state machine, private to
// play_session.cpp (the loop: show, read, move, undo, finish) and play_session_hint.cpp (what
// the model says about the goal after each move, and the hints).
#pragma once

#include <cstddef>
#include <istream>
#include <ostream>
#include <random>
#include <string>
#include <vector>

#include "play_session.hpp"
#include "play_source.hpp"
#include "play_words.hpp"
#include "racelab/model/explore.hpp"

namespace racelab::cli::play_detail {

// Steps a play session runs an execution for at most (a program that never ends is a livelock).
constexpr std::size_t kMaxSteps = model::kDefaultMaxSteps;

std::string with_step(const std::string& token, int thread);
std::string without_last(const std::string& token);
std::size_t length(const std::string& token);
std::vector<int> enabled_threads(const model::Probe& p);
std::string thread_name(const model::Probe& p, int id);

class Session {
 public:
  Session(const PlaySetup& setup, const Prober& probe, std::istream& in, std::ostream& out,
          const Style& style)
      : setup_(setup),
        probe_(probe),
        in_(in),
        out_(out),
        style_(style),
        words_(play_words(setup.language)),
        source_(setup.source_folders) {}

  int run();

 private:
  bool goal_reached() const;
  void intro();
  void show_choices();
  void advance(int thread);
  void pick(const std::string& word, const std::vector<int>& enabled);
  void undo();
  void run_to_end();
  int finish_with_goal();
  int finish_without_goal();
  int stop(const std::string& why);
  std::string replay_line() const;

  // play_session_hint.cpp
  enum class Standing { unknown, open, unreachable, unavoidable };
  void update_reach();
  void hint();
  bool exact_hint(const std::vector<int>& enabled);
  bool playout(std::string token, std::mt19937_64& rng) const;

  const PlaySetup& setup_;
  const Prober& probe_;
  std::istream& in_;
  std::ostream& out_;
  const Style& style_;
  const PlayWords& words_;
  SourcePanel source_;
  std::string token_;
  model::Probe current_;
  Standing standing_ = Standing::unknown;
  bool tip_shown_ = false;
};

}  // namespace racelab::cli::play_detail
