// The replay token's one parser and printer (racelab/model/schedule.hpp).
#include "racelab/model/schedule.hpp"

#include <charconv>
#include <stdexcept>
#include <utility>

#include "racelab/internal/text.hpp"

namespace racelab::model {

namespace {

constexpr const char* kExpected = "expected e.g. 0x4.1x3.2x3";
// Far beyond any max_steps; keeps a typo such as 0x99999999999 from allocating gigabytes.
constexpr long kMaxSteps = 10'000'000;
constexpr long kMaxThread = 9999;

[[noreturn]] void bad(const std::string& token, const std::string& why) {
  throw std::invalid_argument("bad schedule token \"" + echo_input(token) + "\": " + why + "; " +
                              kExpected);
}

bool all_digits(const std::string& s) {
  if (s.empty() || s.size() > 9) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

template <class Id>
std::string format(const std::vector<Id>& choices) {
  // Built for every execution a caller watches (Options::on_execution): no temporaries.
  std::string out;
  out.reserve(choices.size() * 2);
  char digits[24];
  const auto append = [&](std::size_t n) {
    const auto r = std::to_chars(digits, digits + sizeof digits, n);
    out.append(digits, r.ptr);
  };
  std::size_t i = 0;
  while (i < choices.size()) {
    std::size_t j = i;
    while (j < choices.size() && choices[j] == choices[i]) ++j;
    if (!out.empty()) out += '.';
    append(static_cast<std::size_t>(choices[i]));
    if (j - i > 1) {
      out += 'x';
      append(j - i);
    }
    i = j;
  }
  return out;
}

}  // namespace

namespace {

// The token as pasted, without what a terminal or a document adds around it: blanks (a space
// copied with it, a newline) and one pair of matching quotes ('…', "…", `…`) — a stray space
// was easy to miss in the error (new-user trial 10, F6).
std::string unwrapped(const std::string& pasted) {
  const char* blank = " \t\r\n";
  const std::size_t first = pasted.find_first_not_of(blank);
  if (first == std::string::npos) return "";
  std::string t = pasted.substr(first, pasted.find_last_not_of(blank) - first + 1);
  if (t.size() >= 2 && (t.front() == '"' || t.front() == '\'' || t.front() == '`') &&
      t.back() == t.front())
    t = t.substr(1, t.size() - 2);
  return t;
}

}  // namespace

Schedule Schedule::parse(const std::string& pasted) {
  std::vector<int> out;
  const std::string token = unwrapped(pasted);
  if (token.empty()) return Schedule();
  long total = 0;
  std::size_t start = 0;
  for (;;) {
    const std::size_t dot = token.find('.', start);
    const std::string part = token.substr(start, dot == std::string::npos ? dot : dot - start);
    if (part.empty()) {
      bad(token, start == 0 ? std::string("it starts with a dot")
                 : dot == std::string::npos
                     ? std::string("it ends with a dot")
                     : "empty part between dots at character " + std::to_string(start + 1));
    }
    const std::size_t x = part.find('x');
    const std::string thread = part.substr(0, x);
    const std::string steps = x == std::string::npos ? "1" : part.substr(x + 1);
    if (!all_digits(thread) || !all_digits(steps)) {
      bad(token, "\"" + echo_input(part, 20) + "\" is not <thread>[x<steps>]");
    }
    const long id = std::stol(thread);
    const long n = std::stol(steps);
    if (id > kMaxThread)
      bad(token, "\"" + echo_input(part, 20) + "\": thread " + echo_input(thread, 12) +
                     " is out of range");
    if (n < 1) bad(token, "\"" + echo_input(part, 20) + "\": a run needs at least 1 step");
    total += n;
    if (total > kMaxSteps) bad(token, "more than " + std::to_string(kMaxSteps) + " steps");
    out.insert(out.end(), static_cast<std::size_t>(n), static_cast<int>(id));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return Schedule(std::move(out));
}

std::string Schedule::str() const { return format(steps_); }

std::string format_schedule(const std::vector<std::uint8_t>& choices) { return format(choices); }

}  // namespace racelab::model
