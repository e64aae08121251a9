// The whole command-line surface in one place, so `racelab --help` and this file read alike.
// Numbers and names are taken as text and checked by the commands (one-line errors, exit 2).
#include "app.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>

#include "commands.hpp"
#include "usage.hpp"

namespace racelab::cli {

namespace {

const char* const kSubcommands[] = {"demo", "list", "check", "replay", "stress", "play"};

std::vector<std::string> subcommand_names() {
  return {std::begin(kSubcommands), std::end(kSubcommands)};
}

bool is_subcommand(const std::string& word) {
  for (const char* s : kSubcommands) {
    if (word == s) return true;
  }
  return false;
}

// The subcommand named on the command line, or "" (demo by default).
std::string subcommand_in(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (is_subcommand(argv[i])) return argv[i];
  }
  return "";
}

// Every flag an app accepts, for "accepted: ..." in an error.
std::string flags_of(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::Option* o : app.get_options()) {
    if (!o->get_lnames().empty()) names.push_back("--" + o->get_lnames().front());
  }
  return one_of(names);
}

// One line for a CLI11 parse error, naming what was wrong and what is accepted.
std::string describe(const CLI::ParseError& e, const CLI::App& app, const std::string& sub) {
  const CLI::App* where = sub.empty() ? &app : app.get_subcommand(sub);
  const std::string cmd = sub.empty() ? "racelab" : "racelab " + sub;
  if (dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr) {
    const auto extras = where->remaining();
    const std::string first = extras.empty() ? std::string(e.what()) : extras.front();
    if (!first.empty() && first[0] == '-') {
      return "unknown flag '" + first + "' for '" + cmd + "' (accepted: " + flags_of(*where) + ")";
    }
    if (sub.empty()) {
      return "unknown subcommand '" + first + "' (accepted: " + one_of(subcommand_names()) + ")";
    }
    return "unexpected argument '" + first + "' for '" + cmd + "' (see '" + cmd + " --help')";
  }
  return std::string(e.what()) + " (see '" + cmd + " --help')";
}

void add_scenario_and_impl(CLI::App* sub, std::string& scenario, std::string& impl) {
  sub->add_option("SCENARIO", scenario, "Scenario id (see 'racelab list')")
      ->required()
      ->type_name("");
  sub->add_option("--impl", impl, "Implementation: buggy, fixed or complete")
      ->required()
      ->type_name("IMPL");
}

}  // namespace

int run_app(int argc, char** argv) {
  CLI::App app{
      "racelab — see a race condition, replay it, fix it and prove the fix.\n"
      "Without a subcommand, runs 'racelab demo'.",
      "racelab"};
  app.require_subcommand(0, 1);
  app.footer(
      "Exit codes: 0 property holds / as declared, 1 violation found, 2 bad usage.\n"
      "Examples:\n"
      "  racelab check no-proxies --impl buggy\n"
      "  racelab replay no-proxies --impl buggy --schedule TOKEN --format markdown\n"
      "  racelab play no-proxies --impl buggy");

  DemoOptions demo;
  auto* demo_cmd = app.add_subcommand("demo", "The seed's story end to end: find, replay, prove");
  demo_cmd->add_option("--trials", demo.trials, "Real-thread trials per implementation")
      ->type_name("N")
      ->capture_default_str();

  ListOptions list;
  auto* list_cmd = app.add_subcommand("list", "Scenarios, their properties and declared verdicts");
  list_cmd->add_flag("--json", list.json, "JSON array (docs/json.md)");

  CheckOptions check;
  std::string seed, max_schedules, bound, depth;
  auto* check_cmd =
      app.add_subcommand("check", "Explore interleavings under the model; exit 1 on a violation");
  add_scenario_and_impl(check_cmd, check.scenario, check.impl);
  check_cmd->add_option("--strategy", check.strategy, "dpor, dfs, random or pct")
      ->type_name("NAME")
      ->capture_default_str();
  auto* seed_opt =
      check_cmd->add_option("--seed", seed, "Seed for random and pct (default 0)")->type_name("N");
  auto* max_opt = check_cmd
                      ->add_option("--max-schedules", max_schedules,
                                   "Stop after N schedules (default: all for dpor/dfs, 1000)")
                      ->type_name("N");
  auto* bound_opt = check_cmd
                        ->add_option("--preemption-bound", bound,
                                     "dpor/dfs: only schedules with at most K preemptions")
                        ->type_name("K");
  auto* depth_opt =
      check_cmd->add_option("--pct-depth", depth, "pct: bug depth d (default 3)")->type_name("D");
  check_cmd->add_flag("--first", check.first,
                      "Stop at the first violation instead of counting every outcome");
  check_cmd->add_flag("--json", check.json, "JSON object (docs/json.md), no progress");

  ReplayOptions replay;
  auto* replay_cmd = app.add_subcommand("replay", "Re-run exactly one interleaving and show it");
  add_scenario_and_impl(replay_cmd, replay.scenario, replay.impl);
  replay_cmd->add_option("--schedule", replay.schedule, "Replay token, as check printed it")
      ->type_name("TOKEN")
      ->required();
  replay_cmd->add_option("--format", replay.format, "text, json, markdown or svg")
      ->type_name("FORMAT")
      ->capture_default_str();

  StressOptions stress;
  auto* stress_cmd =
      app.add_subcommand("stress", "Real OS threads, one child process per trial: a histogram");
  add_scenario_and_impl(stress_cmd, stress.scenario, stress.impl);
  stress_cmd->add_option("--trials", stress.trials, "Trials to run")
      ->type_name("N")
      ->capture_default_str();
  stress_cmd->add_option("--jobs", stress.jobs, "Trials at once")
      ->type_name("J")
      ->capture_default_str();
  stress_cmd
      ->add_option("--noise", stress.noise,
                   "Percent of facade operations that pause briefly (0-100): shakes interleavings")
      ->type_name("P")
      ->capture_default_str();
  stress_cmd->add_option("--timeout-ms", stress.timeout_ms, "A trial running longer is a hang")
      ->type_name("MS")
      ->capture_default_str();
  stress_cmd->add_flag("--json", stress.json, "JSON object (docs/json.md), no progress");

  PlayOptions play;
  std::string play_prefix;
  auto* play_cmd = app.add_subcommand("play", "Be the scheduler: pick who runs at each step");
  add_scenario_and_impl(play_cmd, play.scenario, play.impl);
  auto* prefix_opt =
      play_cmd->add_option("--schedule", play_prefix, "Start from this replay token (a saved game)")
          ->type_name("TOKEN");

  const std::string sub = subcommand_in(argc, argv);
  // A first word that is not a flag and not a subcommand: say so before CLI11 calls it an extra.
  if (argc > 1 && argv[1][0] != '-' && !is_subcommand(argv[1])) {
    std::fprintf(stderr, "racelab: error: unknown subcommand '%s' (accepted: %s)\n", argv[1],
                 one_of(subcommand_names()).c_str());
    return kExitUsage;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);  // --help: prints the help of the subcommand given, exit 0
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "racelab: error: %s\n", describe(e, app, sub).c_str());
    return kExitUsage;
  }

  try {
    if (*list_cmd) return run_list(list);
    if (*check_cmd) {
      if (*seed_opt) check.seed = seed;
      if (*max_opt) check.max_schedules = max_schedules;
      if (*bound_opt) check.preemption_bound = bound;
      if (*depth_opt) check.pct_depth = depth;
      return run_check(check);
    }
    if (*replay_cmd) return run_replay(replay);
    if (*stress_cmd) return run_stress(stress);
    if (*play_cmd) {
      if (*prefix_opt) play.schedule = play_prefix;
      return run_play(play);
    }
    return run_demo(demo);
  } catch (const UsageError& e) {
    std::cout.flush();
    std::fprintf(stderr, "racelab: error: %s\n", e.what());
    return kExitUsage;
  }
}

}  // namespace racelab::cli
