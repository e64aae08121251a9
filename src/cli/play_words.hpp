// src/cli/play_words.hpp — every sentence `racelab play` says, in English and Spanish.
//
// The language comes from --lang, else LC_ALL / LC_MESSAGES / LANG (course::Language, the
// mechanism `racelab exercises` and `grade` use). A sentence with blanks spells them "{}" and is
// filled in order by fill(), so a translation may move words around a blank but keeps the blanks'
// order.
#pragma once

#include <initializer_list>
#include <string>

#include "racelab/course/course.hpp"

namespace racelab::cli {

struct PlayWords {
  // The session.
  const char* you_are_the_scheduler;
  const char* goal;
  const char* safe_exercise;  // the student's exercise/ should be safe
  const char* safe_impl;      // {} impl is declared safe
  const char* starting_from;  // {} token
  const char* only_can_run;   // {} thread
  const char* prompt;         // {} step, {} ids
  const char* next;
  const char* blocked;
  const char* unreachable;      // {} continuations
  const char* undo_last;        // appended to unreachable
  const char* unavoidable;      // {} continuations
  const char* within_reach;     // {} reaching, {} continuations
  const char* is_blocked;       // for a refused choice
  const char* not_a_thread;     // for a refused choice
  const char* refused;          // {} word, {} why, {} accepted ids
  const char* nothing_to_undo;  //
  const char* undone;           // {} step
  const char* goal_reached;     // {} steps
  const char* then_ran_on;      // {} steps
  const char* outcome;          //
  const char* your_schedule;    //
  const char* replay_it;        //
  const char* try_again;        //
  const char* ended_without;    // {} steps, {} outcome
  const char* stopped_at;       // {} why, {} step, {} token
  const char* input_ended;      //
  const char* you_stopped;      //
  const char* empty;            //
  const char* continue_with;    //
  const char* in_thread;        // {} thread, after a violation's message
  // Hints (play_hints.cpp words the reasons; these frame them).
  const char* hint_run;        // {} thread, {} why
  const char* hint_random;     // {} hits, {} playouts
  const char* hint_no_random;  //
  const char* hint_no_choice;  //
  const char* then_certain;    // what the choice does to the goal
  const char* then_possible;   //
  const char* then_closed;     //
  const char* other_choice;    // {} thread, {} why, {} effect
  const char* level_tip;       //
  // Levels.
  const char* level_of;       // {} n, {} count
  const char* learned;        //
  const char* next_level;     //
  const char* last_level;     //
  const char* levels_header;  //
  const char* not_persisted;  //
};

const PlayWords& play_words(course::Language language);

// `pattern` with each "{}" replaced by the next of `args`, in order.
std::string fill(const std::string& pattern, std::initializer_list<std::string> args);

}  // namespace racelab::cli
