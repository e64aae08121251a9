// render_timeline(): an execution as one column per thread, Lincheck style.
//
//   step  MainThread                Thread-1 (worker)         source
//   ────  ────────────────────────  ────────────────────────  ─────────────────────
//      1  start Thread-1 (worker)                             tests/model/x.cpp:12
//      2                            read COUNTER: load → 0    tests/model/x.cpp:20
//      …
//   ✗ step 7 · Thread-2 (worker) · assertion: lost update …
//
// Step numbers count from 1, as replay messages do ("step 7 chooses …"). Cells longer than a
// column are cut with "…" so the table keeps its shape on an 100-column terminal.
#include <string>
#include <vector>

#include "racelab/model/explore.hpp"

namespace racelab::model {

namespace {

// Wide enough for the seed's "✗ KeyError: 'GCCDianaramirez'"; four workers still fit 160 columns.
constexpr std::size_t kMaxColumn = 30;

// Display width of UTF-8 text, counting code points (✗, →, … are one column each).
std::size_t width(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

// The first `w` columns of s, the last one "…" when s is longer.
std::string fit(const std::string& s, std::size_t w) {
  if (width(s) <= w) return s + std::string(w - width(s), ' ');
  std::string out;
  std::size_t cols = 0;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = 1;
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0xF0) len = 4;
    else if (c >= 0xE0) len = 3;
    else if (c >= 0xC0) len = 2;
    if (cols + 1 == w) break;
    out.append(s, i, len);
    ++cols;
    i += len;
  }
  while (!out.empty() && out.back() == ' ') {  // "a label…", not "a label …"
    out.pop_back();
    --cols;
  }
  return out + "…" + std::string(w - cols - 1, ' ');
}

// A step as its cell shows it: ✗ where a violation happened, then what it did and read.
std::string cell_text(const Execution& e, std::size_t k) {
  const Step& s = e.trace.steps[k];
  std::string t = violates_at(e, static_cast<int>(k)) ? "✗ " + op_text(s) : op_text(s);
  if (!s.value.empty()) t += " → " + s.value;
  return t;
}

std::string rule(std::size_t w) {
  std::string r;
  for (std::size_t i = 0; i < w; ++i) r += "─";
  return r;
}

}  // namespace

std::string render_timeline(const Execution& e) {
  const Trace& t = e.trace;
  std::size_t threads = t.threads.size();
  for (const Step& s : t.steps) threads = std::max(threads, static_cast<std::size_t>(s.thread) + 1);
  std::vector<std::string> names(threads);
  for (std::size_t i = 0; i < threads; ++i)
    names[i] = i < t.threads.size() ? t.threads[i] : "Thread-" + std::to_string(i);

  std::vector<std::size_t> col(threads);
  for (std::size_t i = 0; i < threads; ++i) col[i] = std::min(width(names[i]), kMaxColumn);
  std::size_t source_w = 6;
  for (std::size_t k = 0; k < t.steps.size(); ++k) {
    const Step& s = t.steps[k];
    auto& c = col[static_cast<std::size_t>(s.thread)];
    c = std::max(c, std::min(width(cell_text(e, k)), kMaxColumn));
    if (!s.file.empty()) source_w = std::max(source_w, width(s.file) + 1 + std::to_string(s.line).size());
  }
  const std::size_t step_w = std::max<std::size_t>(4, std::to_string(t.steps.size()).size());

  std::string out;
  auto row = [&](const std::string& step, const std::vector<std::string>& cells,
                 const std::string& source) {
    std::string line = std::string(step_w - width(step), ' ') + step;
    for (std::size_t i = 0; i < threads; ++i) line += "  " + fit(cells[i], col[i]);
    line += "  " + source;
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  };
  row("step", names, "source");
  std::vector<std::string> rules(threads);
  for (std::size_t i = 0; i < threads; ++i) rules[i] = rule(col[i]);
  row(rule(step_w), rules, rule(source_w));
  for (std::size_t k = 0; k < t.steps.size(); ++k) {
    const Step& s = t.steps[k];
    std::vector<std::string> cells(threads);
    cells[static_cast<std::size_t>(s.thread)] = cell_text(e, k);
    row(std::to_string(k + 1), cells, s.file.empty() ? "" : s.file + ":" + std::to_string(s.line));
  }
  for (const Violation& v : e.violations) {
    out += "✗ " + (v.step >= 0 ? "step " + std::to_string(v.step + 1) : std::string("at the end"));
    if (!v.thread.empty()) out += " · " + v.thread;
    out += " · " + v.message + "\n";
  }
  if (!e.schedule.empty()) out += "schedule " + e.schedule + "\n";
  return out;
}

}  // namespace racelab::model
