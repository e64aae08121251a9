// Swimlanes: one vertical lane per thread, time running down, the same reading order as the
// terminal timeline. Each step is a box in its thread's lane: the operation on the first line,
// what it read and its source on the second. A violating step is red with its violation written
// under it (wrapped to the picture's width); a step it races with is amber. Each box's <title>
// holds the full text as a tooltip.
#include <algorithm>
#include <map>
#include <sstream>

#include "racelab/internal/text.hpp"
#include "render.hpp"

namespace racelab::cli {

namespace {

constexpr int kMargin = 16;
constexpr int kStepColumn = 44;  // step numbers, left of the lanes
constexpr int kLaneWidth = 248;
constexpr int kStepHeight = 38;  // two lines of text in a box
constexpr int kLineHeight = 16;  // a line of a violation message
constexpr int kTitleHeight = 58;
constexpr int kHeaderHeight = 42;
constexpr int kCharWidth = 7;  // 12 px monospace, generously (DejaVu Sans Mono: 7.2)
constexpr int kSmallCharWidth = 6;
constexpr int kFooterHeight = 64;

std::string xml(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

struct Row {
  enum Kind { step, violation } kind;
  int index;  // step index, or -1 for an end-of-run violation
  const model::Violation* v = nullptr;
  std::vector<std::string> lines;  // violation rows: the wrapped message
  int y = 0;
  int height = kStepHeight;
};

}  // namespace

std::string render_svg(const Subject& s, const model::Execution& e) {
  const auto& steps = e.trace.steps;
  std::size_t lanes = std::max<std::size_t>(e.trace.threads.size(), 1);
  for (const auto& st : steps) lanes = std::max(lanes, static_cast<std::size_t>(st.thread) + 1);
  const int lanes_x = kMargin + kStepColumn;
  const int width = lanes_x + static_cast<int>(lanes) * kLaneWidth + kMargin;

  std::multimap<int, const model::Violation*> by_step;
  for (const auto& v : e.violations) by_step.emplace(v.step, &v);

  // Rows, top to bottom; a violation's message wraps within the room right of its lane.
  std::vector<Row> rows;
  auto add_violation = [&](int index, const model::Violation* v) {
    const int thread = index >= 0 ? steps[static_cast<std::size_t>(index)].thread : 0;
    const int room = width - kMargin - (lanes_x + thread * kLaneWidth + 8);
    const std::string msg = std::string(index >= 0 ? "✗ " : "✗ at the end: ") +
                            (v->message.empty() ? v->id : v->message);
    Row row{Row::violation, index, v,
            wrap(msg, static_cast<std::size_t>(std::max(room, 160) / kCharWidth))};
    row.height = static_cast<int>(row.lines.size()) * kLineHeight + 8;
    rows.push_back(std::move(row));
  };
  for (int i = 0; i < static_cast<int>(steps.size()); ++i) {
    rows.push_back({Row::step, i, nullptr, {}});
    const auto [lo, hi] = by_step.equal_range(i);
    for (auto it = lo; it != hi; ++it) {
      if (!model::step_states(steps[static_cast<std::size_t>(i)], *it->second))
        add_violation(i, it->second);
    }
  }
  const auto [end_lo, end_hi] = by_step.equal_range(-1);
  for (auto it = end_lo; it != end_hi; ++it) add_violation(-1, it->second);
  int y = kTitleHeight + kHeaderHeight;
  for (auto& row : rows) {
    row.y = y;
    y += row.height;
  }
  const int lanes_bottom = y + 8;
  const int height = lanes_bottom + kFooterHeight;

  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height
      << "\" viewBox=\"0 0 " << width << ' ' << height << "\" font-family=\"DejaVu Sans Mono, "
      << "Menlo, Consolas, monospace\" font-size=\"12\">\n";
  out << "  <title>" << xml(s.scenario + " — " + s.impl + " — schedule " + e.schedule)
      << "</title>\n";
  out << "  <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";

  // Title: scenario, implementation, verdict, token.
  out << "  <text x=\"" << kMargin << "\" y=\"24\" font-size=\"16\" font-weight=\"bold\">"
      << xml(s.scenario + " — " + s.title) << "</text>\n";
  const std::string verdict = e.ok()
                                  ? "✓ no violation"
                                  : "✗ " + std::to_string(e.violations.size()) +
                                        (e.violations.size() == 1 ? " violation" : " violations");
  out << "  <text x=\"" << kMargin << "\" y=\"44\">impl " << xml(s.impl) << " · schedule "
      << xml(e.schedule) << " · " << e.preemptions << " preemptions · "
      << "<tspan fill=\"" << (e.ok() ? "#1a7f37" : "#cf222e") << "\" font-weight=\"bold\">"
      << xml(verdict) << "</tspan></text>\n";

  // Lanes and their headers.
  for (std::size_t t = 0; t < lanes; ++t) {
    const int x = lanes_x + static_cast<int>(t) * kLaneWidth;
    const std::string full =
        t < e.trace.threads.size() ? e.trace.threads[t] : "Thread-" + std::to_string(t);
    const auto [head, role] = split_thread_name(full);
    out << "  <g class=\"lane\">\n"
        << "    <rect x=\"" << x + 2 << "\" y=\"" << kTitleHeight << "\" width=\"" << kLaneWidth - 4
        << "\" height=\"" << lanes_bottom - kTitleHeight << "\" fill=\""
        << (t % 2 == 0 ? "#f6f8fa" : "#eef1f4") << "\" rx=\"4\"/>\n"
        << "    <text x=\"" << x + kLaneWidth / 2 << "\" y=\"" << kTitleHeight + 18
        << "\" text-anchor=\"middle\" font-weight=\"bold\">" << xml(head) << "</text>\n";
    if (!role.empty()) {
      out << "    <text x=\"" << x + kLaneWidth / 2 << "\" y=\"" << kTitleHeight + 34
          << "\" text-anchor=\"middle\" fill=\"#57606a\">(" << xml(role) << ")</text>\n";
    }
    out << "  </g>\n";
  }

  const auto op_chars = static_cast<std::size_t>((kLaneWidth - 24) / kCharWidth);
  const auto detail_chars = static_cast<std::size_t>((kLaneWidth - 24) / kSmallCharWidth);
  for (const Row& row : rows) {
    if (row.kind == Row::violation) {
      const int thread = row.index >= 0 ? steps[static_cast<std::size_t>(row.index)].thread : 0;
      const int x = lanes_x + thread * kLaneWidth + 8;
      out << "  <text class=\"violation\" x=\"" << x << "\" y=\"" << row.y + 16
          << "\" fill=\"#cf222e\" font-weight=\"bold\">";
      for (std::size_t i = 0; i < row.lines.size(); ++i) {
        out << "<tspan x=\"" << x << "\" dy=\"" << (i == 0 ? 0 : kLineHeight) << "\">"
            << xml(row.lines[i]) << "</tspan>";
      }
      out << "</text>\n";
      continue;
    }
    const auto& st = steps[static_cast<std::size_t>(row.index)];
    const int x = lanes_x + st.thread * kLaneWidth;
    const bool violating = model::violates_at(e, row.index);
    const bool conflict = !violating && model::related_to_violation(e, row.index);
    const char* cls = violating ? "step violating" : conflict ? "step conflicting" : "step";
    const char* fill = violating ? "#ffd7d5" : conflict ? "#fff1c2" : "#ffffff";
    const char* stroke = violating ? "#cf222e" : conflict ? "#bf8700" : "#d0d7de";
    const std::string op = (violating ? "✗ " : "") + model::op_text(st);
    const std::string src = source_of(st.file, st.line);
    std::string detail = st.value.empty() ? "" : "→ " + st.value;
    if (!src.empty()) detail += (detail.empty() ? "" : "  ") + src;
    out << "  <g class=\"" << cls << "\">\n"
        << "    <title>" << xml(step_text(st) + (src.empty() ? "" : "  (" + src + ")"))
        << "</title>\n"
        << "    <text x=\"" << lanes_x - 8 << "\" y=\"" << row.y + 17
        << "\" text-anchor=\"end\" fill=\"#57606a\">" << row.index + 1 << "</text>\n"
        << "    <rect x=\"" << x + 6 << "\" y=\"" << row.y + 2 << "\" width=\"" << kLaneWidth - 12
        << "\" height=\"" << kStepHeight - 4 << "\" rx=\"3\" fill=\"" << fill << "\" stroke=\""
        << stroke << "\"" << (violating || conflict ? " stroke-width=\"2\"" : "") << "/>\n"
        << "    <text x=\"" << x + 12 << "\" y=\"" << row.y + 17 << "\">"
        << xml(ellipsize(op, op_chars)) << "</text>\n";
    if (!detail.empty()) {
      out << "    <text x=\"" << x + 12 << "\" y=\"" << row.y + 31
          << "\" font-size=\"10\" fill=\"#57606a\">" << xml(ellipsize(detail, detail_chars))
          << "</text>\n";
    }
    out << "  </g>\n";
  }

  // Legend, then the command that replays this picture.
  const int ly = lanes_bottom + 22;
  out << "  <g class=\"legend\">\n"
      << "    <rect x=\"" << kMargin << "\" y=\"" << ly - 12 << "\" width=\"14\" height=\"14\" "
      << "fill=\"#ffd7d5\" stroke=\"#cf222e\" stroke-width=\"2\"/>\n"
      << "    <text x=\"" << kMargin + 20 << "\" y=\"" << ly << "\">violating step</text>\n"
      << "    <rect x=\"" << kMargin + 150 << "\" y=\"" << ly - 12 << "\" width=\"14\" "
      << "height=\"14\" fill=\"#fff1c2\" stroke=\"#bf8700\" stroke-width=\"2\"/>\n"
      << "    <text x=\"" << kMargin + 170 << "\" y=\"" << ly
      << "\">the access it races with</text>\n"
      << "    <text x=\"" << kMargin << "\" y=\"" << ly + 24 << "\" fill=\"#57606a\">"
      << xml(replay_command(s, e.schedule)) << "</text>\n"
      << "  </g>\n";
  out << "</svg>\n";
  return out.str();
}

}  // namespace racelab::cli
