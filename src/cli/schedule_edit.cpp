#include "schedule_edit.hpp"

#include <charconv>
#include <stdexcept>
#include <string_view>

namespace racelab::cli {

namespace {
int parse_int(std::string_view s, const std::string& token) {
  int v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc{} || end != s.data() + s.size() || v < 0) {
    throw std::invalid_argument("malformed schedule token '" + token + "'");
  }
  return v;
}
}  // namespace

std::vector<int> schedule_steps(const std::string& token) {
  std::vector<int> steps;
  std::string_view rest = token;
  while (!rest.empty()) {
    const auto dot = rest.find('.');
    const std::string_view run = rest.substr(0, dot);
    rest = dot == std::string_view::npos ? std::string_view{} : rest.substr(dot + 1);
    const auto x = run.find('x');
    const int thread = parse_int(run.substr(0, x), token);
    const int count = x == std::string_view::npos ? 1 : parse_int(run.substr(x + 1), token);
    if (count < 1) throw std::invalid_argument("malformed schedule token '" + token + "'");
    steps.insert(steps.end(), static_cast<std::size_t>(count), thread);
  }
  return steps;
}

std::string schedule_token(const std::vector<int>& steps) {
  std::string out;
  for (std::size_t i = 0; i < steps.size();) {
    std::size_t j = i;
    while (j < steps.size() && steps[j] == steps[i]) ++j;
    if (!out.empty()) out += '.';
    out += std::to_string(steps[i]);
    if (j - i > 1) out += "x" + std::to_string(j - i);
    i = j;
  }
  return out;
}

std::string schedule_append(const std::string& token, int thread) {
  auto steps = schedule_steps(token);
  steps.push_back(thread);
  return schedule_token(steps);
}

std::string schedule_drop_last(const std::string& token) {
  auto steps = schedule_steps(token);
  if (!steps.empty()) steps.pop_back();
  return schedule_token(steps);
}

}  // namespace racelab::cli
