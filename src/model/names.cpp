// Names of the strategies, as the CLI and reports print them.
#include "racelab/model/explore.hpp"

namespace racelab::model {

std::string to_string(Strategy s) {
  switch (s) {
    case Strategy::dpor: return "dpor";
    case Strategy::dfs: return "dfs";
    case Strategy::random: return "random";
    case Strategy::pct: return "pct";
    case Strategy::replay: return "replay";
  }
  return "?";
}

std::optional<Strategy> parse_strategy(const std::string& name) {
  for (Strategy s :
       {Strategy::dpor, Strategy::dfs, Strategy::random, Strategy::pct, Strategy::replay}) {
    if (to_string(s) == name) return s;
  }
  return std::nullopt;
}

}  // namespace racelab::model
