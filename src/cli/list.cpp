// racelab list: the catalogue, for a person (text) or a script (--json).
#include <algorithm>
#include <iostream>

#include "commands.hpp"
#include "json.hpp"
#include "racelab/internal/text.hpp"
#include "terminal.hpp"
#include "usage.hpp"

namespace racelab::cli {

namespace {

std::string declared(const scenarios::Scenario& s, const Style& style) {
  std::string out;
  for (const auto& impl : scenarios::implementations()) {
    const auto& exp = s.expected.at(impl);
    out += (out.empty() ? "" : " · ") + impl + " ";
    out += exp.verdict == scenarios::Verdict::safe
               ? style.good("✓ " + std::string(scenarios::to_string(exp.verdict)))
               : style.bad("✗ " + join(exp.finds));
  }
  return out;
}

}  // namespace

int run_list(bool json) {
  const auto& all = scenarios::catalogue();
  if (json) {
    Json j = Json::array();
    for (const auto& s : all) j.push_back(scenario_json(s, scenarios::implementations()));
    std::cout << dump(j);
    return kExitOk;
  }
  const Style style = style_for(1);
  std::cout << all.size() << " scenarios · check one with: "
            << style.accent("racelab check <id> --impl <buggy|fixed|complete>") << "\n\n";
  std::size_t id_width = 0;
  for (const auto& s : all) id_width = std::max(id_width, s.id.size() + 3);
  for (const auto& s : all) {
    std::cout << style.bold(pad_right(s.id, id_width)) << s.title << '\n';
    std::cout << indent(s.story, "    ");
    for (const auto& p : s.properties) {
      std::cout << "    " << style.dim("property") << " " << pad_right(p.id, 22) << p.text << '\n';
    }
    std::cout << "    " << style.dim("declared") << " " << declared(s, style) << "\n\n";
  }
  return kExitOk;
}

}  // namespace racelab::cli
