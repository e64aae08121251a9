// The levels of `racelab play --level N`, and the two commands that use them.
#include "play_levels.hpp"

#include <iostream>
#include <stdexcept>

#include "commands.hpp"
#include "json.hpp"
#include "play_session.hpp"
#include "play_words.hpp"
#include "racelab/course/variants.hpp"
#include "racelab/internal/text.hpp"
#include "usage.hpp"

namespace racelab::cli {
namespace {

constexpr int kLevelWorkers = 2;  // registry levels: the smallest size at which workers race

using Violations = std::vector<model::Violation>;

// Won when a sync::check() whose sentence contains one of `words` failed.
std::function<bool(const Violations&)> check_failed(std::vector<std::string> words) {
  return [words](const Violations& vs) {
    for (const auto& v : vs) {
      for (const auto& w : words) {
        if (v.id == "assertion" && v.message.find(w) != std::string::npos) return true;
      }
    }
    return false;
  };
}
bool deadlocked(const Violations& vs) {
  for (const auto& v : vs) {
    if (v.id == "deadlock") return true;
  }
  return false;
}

std::vector<Level> make_levels() {
  std::vector<Level> all;
  all.push_back(
      {1, "01-lost-update", "two-hits", "",
       "make two hits count as one: total() ends at 1 (a lost update)",
       "haz que dos visitas cuenten como una: total() acaba en 1 (una actualización perdida)",
       "visits_ = visits_ + 1 is a read, then a write: let both requests read before either "
       "writes",
       "visits_ = visits_ + 1 es una lectura y luego una escritura: deja que ambas peticiones "
       "lean antes de que ninguna escriba",
       check_failed({"total() == 2"})});
  all.push_back(
      {2, "02-lazy-init", "two-first-calls", "",
       "make the configuration load twice (check-then-act)",
       "haz que la configuración se cargue dos veces (comprobar-y-actuar)",
       "both callers check config == nullptr first: let both check before either stores",
       "ambos llamadores comprueban primero config == nullptr: deja que ambos comprueben antes "
       "de que ninguno guarde",
       check_failed({"loaded exactly once", "same configuration object"})});
  all.push_back(
      {3, "03-lock-order", "pay-each-other", "",
       "make the two transfers deadlock: each holds one account's lock and waits for the other",
       "haz que las dos transferencias se bloqueen: cada una tiene el cerrojo de una cuenta y "
       "espera el de la otra",
       "each transfer locks its `from` account first: let each take its first lock",
       "cada transferencia bloquea primero su cuenta `from`: deja que cada una tome su primer "
       "cerrojo",
       deadlocked});
  all.push_back(
      {4, "04-lost-wakeup", "post-and-wait", "",
       "make the waiter sleep forever: the letter is posted, the wake-up is lost",
       "haz que quien espera duerma para siempre: la carta se envía, el despertar se pierde",
       "the waiter checks has_letter, then waits: post and notify between the two",
       "quien espera comprueba has_letter y luego espera: envía y notifica entre las dos cosas",
       deadlocked});
  const char* exercise_ids[] = {"05-seed", "06-concurrent-add", "07-stale-teardown",
                                "08-enqueue-during-teardown"};
  const char* scenario_ids[] = {"no-proxies", "concurrent-add", "stale-teardown",
                                "enqueue-during-teardown"};
  const char* tips_en[] = {
      "let one worker erase the user first; then the other one tries",
      "both requests check whether the user has a group before either adds one",
      "request 2 re-registers the user with a new group: then let an old worker of group 1 pop "
      "the entry",
      "let the request find the user's queue, then let the workers tear down before it puts "
      "the task"};
  const char* tips_es[] = {
      "deja que un worker borre al usuario primero; luego el otro lo intenta",
      "ambas peticiones comprueban si el usuario tiene grupo antes de que ninguna lo añada",
      "la petición 2 vuelve a registrar al usuario con un grupo nuevo: deja entonces que un "
      "worker viejo del grupo 1 saque la entrada",
      "deja que la petición encuentre la cola del usuario y que los workers se desmonten antes "
      "de que encole la tarea"};
  for (int i = 0; i < 4; ++i) {
    all.push_back(
        {5 + i, exercise_ids[i], "", scenario_ids[i], "", "", tips_en[i], tips_es[i], {}});
  }
  return all;
}

scenarios::Scenario scenario_of(const Level& level) {
  return scenarios::sized(level.scenario, scenarios::Size{kLevelWorkers, 0});
}

const course::Exercise& exercise_of(const Level& level) {
  const course::Exercise* e = course::find_exercise(level.exercise);
  if (e == nullptr) throw std::logic_error("play level " + level.exercise + ": no such exercise");
  return *e;
}

std::string title_of(const Level& level, course::Language language) {
  const std::string t = course::lesson(exercise_of(level), language).title;
  const auto dot = t.find("· ");
  return dot == std::string::npos ? t : t.substr(dot + 3);
}

std::string goal_of(const Level& level, course::Language language) {
  if (!level.scenario.empty()) return scenario_goal(scenario_of(level), language);
  return language == course::Language::es ? level.goal_es : level.goal_en;
}

const Level& level_at(int number) {
  const int count = static_cast<int>(play_levels().size());
  if (number < 1 || number > count) {
    throw UsageError("--level " + std::to_string(number) + " is out of range (accepted: 1.." +
                     std::to_string(count) + "; see 'racelab play --levels')");
  }
  return play_levels()[static_cast<std::size_t>(number - 1)];
}

}  // namespace

const std::vector<Level>& play_levels() {
  static const std::vector<Level> all = make_levels();
  return all;
}

std::string level_command(const Level& level) {
  return "racelab play --level " + std::to_string(level.number);
}

int list_levels(bool json, course::Language language) {
  if (json) {
    Json j = Json::array();
    for (const Level& l : play_levels()) {
      j.push_back({{"level", l.number},
                   {"exercise", l.exercise},
                   {"title", title_of(l, language)},
                   {"goal", goal_of(l, language)},
                   {"kind", l.scenario.empty() ? "textbook" : "scenario"},
                   {"scenario", l.scenario.empty() ? Json(nullptr) : Json(l.scenario)},
                   {"command", level_command(l)}});
    }
    std::cout << dump(j);
    return kExitOk;
  }
  const Style style = style_for(1);
  const PlayWords& w = play_words(language);
  std::cout << play_levels().size() << " " << w.levels_header << "\n\n";
  for (const Level& l : play_levels()) {
    std::cout << style.bold(pad_right(std::to_string(l.number), 3) +
                            pad_right(title_of(l, language), 40))
              << style.accent(level_command(l)) << "\n   " << style.dim(goal_of(l, language))
              << "\n";
  }
  std::cout << "\n" << style.dim(w.not_persisted) << "\n";
  return kExitOk;
}

int run_level(int number, const std::string& start, course::Language language) {
  const Level& level = level_at(number);
  const PlayWords& w = play_words(language);
  const course::Lesson lesson = course::lesson(exercise_of(level), language);

  PlaySetup setup;
  setup.command = level_command(level);
  setup.goal = goal_of(level, language);
  setup.start = start;
  setup.language = language;
  setup.level =
      fill(w.level_of, {std::to_string(level.number), std::to_string(play_levels().size())}) +
      " · " + level.exercise;
  setup.tip = language == course::Language::es ? level.tip_es : level.tip_en;
  setup.debrief = lesson.debrief;
  if (static_cast<std::size_t>(number) < play_levels().size()) {
    setup.next = level_command(play_levels()[static_cast<std::size_t>(number)]);
  }

  if (!level.scenario.empty()) {
    const scenarios::Scenario s = scenario_of(level);
    const auto run = scenarios::model_run(s, "buggy");
    setup.subject = subject(s, "buggy");
    setup.goal_reached = s.goal_reached;
    return play_model(setup, run.body, run.end_check, run.describe_state);
  }
  // A textbook level: one check of the exercise, on its starting code.
  const auto checks = racelab::course_start::textbook_checks(level.exercise);
  const course::Check* check = nullptr;
  for (const auto& c : checks) {
    if (c.name == level.check) check = &c;
  }
  setup.subject = Subject{level.exercise, title_of(level, language), "", "", 0, 0, false, ""};
  setup.goal_reached = level.won;
  setup.replay = [cmd = setup.command](const std::string& token) {
    return cmd + " --schedule " + token;
  };
  setup.source_folders = {"tests/course/start"};
  return play_model(setup, check->body, {}, {});
}

course::Language PlayLevelOptions::language() const {
  if (lang.empty()) return course::language_from_environment();
  return lang == "es" ? course::Language::es : course::Language::en;
}

int run_play_command(const CLI::App& play, const std::string& scenario,
                     const PlayLevelOptions& options, const std::function<int()>& scenario_game,
                     const std::string& start) {
  const bool level = play.count("--level") > 0;
  const bool sized = play.count("--workers") > 0 || play.count("--requests") > 0;
  if (options.json && !options.list) {
    throw UsageError("--json applies to --levels only (accepted: racelab play --levels --json)");
  }
  if (options.list) {
    if (level || !scenario.empty() || !start.empty() || sized) {
      throw UsageError(
          "--levels takes no SCENARIO, --level, --schedule or size (accepted: "
          "racelab play --levels [--json] [--lang LANG])");
    }
    return list_levels(options.json, options.language());
  }
  if (level) {
    if (!scenario.empty() || play.count("--impl") > 0 || sized) {
      throw UsageError(
          "--level N plays a level of the course: it takes no SCENARIO, --impl or "
          "size (accepted: racelab play --level N, or racelab play SCENARIO --impl "
          "IMPL)");
    }
    return run_level(options.number, start, options.language());
  }
  if (scenario.empty()) {
    throw UsageError(
        "play needs SCENARIO --impl IMPL, or --level N (accepted: racelab play "
        "no-proxies --impl buggy, racelab play --level 1; see 'racelab play "
        "--levels')");
  }
  if (play.count("--impl") == 0) throw UsageError("--impl is required (see 'racelab play --help')");
  return scenario_game();
}

}  // namespace racelab::cli
