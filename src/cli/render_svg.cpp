// Swimlanes: one vertical lane per thread, time running down, the same reading order as the
// terminal timeline. Each step is a box in its thread's lane: the operation on the first line,
// what it read and its source on the second. A violating step is red with its violation written
// under it (wrapped to the picture's width); a step it races with is amber. Each box's <title>
// holds the full text as a tooltip. A purple bar in a lane's left gutter spans each lock held,
// from its lock step to its unlock step, with the lock's name along it; ↯ beside a step number
// marks a preemption. With --focus only the involved threads get lanes, and a grey row stands for
// each run of the other threads' steps.
#include <algorithm>
#include <iterator>
#include <map>
#include <sstream>

#include "racelab/internal/text.hpp"
#include "racelab/model/timeline.hpp"
#include "render.hpp"

namespace racelab::cli {

namespace {

constexpr int kMargin = 16;
constexpr int kStepColumn = 44;  // step numbers, left of the lanes
constexpr int kLaneWidth = 248;
constexpr int kFocusLaneWidth = 400;  // --focus with at most 4 lanes
constexpr int kStepHeight = 38;       // two lines of text in a box
constexpr int kLineHeight = 16;       // a line of a violation message
constexpr int kTitleHeight = 58;
constexpr int kHeaderHeight = 42;
constexpr int kCharWidth = 7;  // 12 px monospace, generously (DejaVu Sans Mono: 7.2)
constexpr int kSmallCharWidth = 6;
constexpr int kFooterHeight = 64;
constexpr int kGutter = 14;        // left of a lane's boxes: the lock-held bars
constexpr int kElidedHeight = 22;  // "… 12 steps of 9 other threads"
constexpr int kNoteLine = 16;      // a line of the registry's content under a focused picture
constexpr int kDetailLine = 12;    // a further line of a box's detail (10 px text)

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
  enum Kind { step, violation, elided } kind;
  int index;  // step index, or -1 for an end-of-run violation
  const model::Violation* v = nullptr;
  std::vector<std::string> lines;  // violation rows: the wrapped message; elided: its text
  int y = 0;
  int height = kStepHeight;
};

// A lock held by one thread, from the row of its lock step to the row of its unlock step.
struct LockSpan {
  int thread;
  std::string lock;
  int top;
  int bottom;
  int depth;  // locks this thread already held: nested bars sit side by side
};

// A box's detail under its operation: what it read and its source, on one line when that fits
// the lane; otherwise the value and the source each get their own line (a long value wraps onto
// two), so an owner label such as "→ group#2's entry (this worker is group#1's)" and the file:line
// beside it are both readable instead of cut.
std::vector<std::string> detail_lines(const model::Step& st, std::size_t chars) {
  const std::string value = st.value.empty() ? "" : "→ " + st.value;
  const std::string src = source_of(st.file, st.line);
  const std::string both = value + (value.empty() || src.empty() ? "" : "  ") + src;
  if (both.empty()) return {};
  if (display_width(both) <= chars) return {both};
  std::vector<std::string> lines;
  if (!value.empty()) {
    const std::vector<std::string> wrapped = wrap(value, chars);
    lines.push_back(ellipsize(wrapped.front(), chars));
    std::string rest;  // whatever did not fit the first line, cut at the end of the second
    for (std::size_t i = 1; i < wrapped.size(); ++i) rest += (i == 1 ? "" : " ") + wrapped[i];
    if (!rest.empty()) lines.push_back(ellipsize(rest, chars));
  }
  if (!src.empty()) lines.push_back(ellipsize(src, chars));
  return lines;
}

}  // namespace

std::string render_svg(const Subject& s, const model::Execution& e) {
  const auto& steps = e.trace.steps;
  std::size_t threads = std::max<std::size_t>(e.trace.threads.size(), 1);
  for (const auto& st : steps) threads = std::max(threads, static_cast<std::size_t>(st.thread) + 1);
  // --focus: lanes for the involved threads only, in id order.
  std::vector<bool> shown = shown_threads(s, e);
  shown.resize(threads, !s.focus);
  std::vector<int> lane_of(threads, -1);
  std::size_t lanes = 0;
  for (std::size_t t = 0; t < threads; ++t) {
    if (shown[t]) lane_of[t] = static_cast<int>(lanes++);
  }
  lanes = std::max<std::size_t>(lanes, 1);
  auto lane = [&](int thread) {
    return thread >= 0 && static_cast<std::size_t>(thread) < threads
               ? std::max(lane_of[static_cast<std::size_t>(thread)], 0)
               : 0;
  };
  // A focused picture has few lanes: wider ones keep whole the labels that name owners.
  const int lane_width = s.focus && lanes <= 4 ? kFocusLaneWidth : kLaneWidth;
  const int lanes_x = kMargin + kStepColumn;
  // Wide enough for the lanes, the legend (720 px) and the subtitle and replay command lines.
  const auto text_px = [](const std::string& text, int char_px) {
    return 2 * kMargin + static_cast<int>(display_width(text)) * char_px;
  };
  const int width = std::max({lanes_x + static_cast<int>(lanes) * lane_width + kMargin, 720,
                              text_px(s.scenario + " — " + s.title, 10),
                              text_px(replay_command(s, e.schedule), 8),
                              text_px("impl " + s.impl + " · schedule " + e.schedule +
                                          " · 99 preemptions · ✗ 9 violations",
                                      8)});
  std::vector<std::string> note_lines;
  {
    std::istringstream in(s.state_note);
    for (std::string line; std::getline(in, line);) {
      for (auto& part : wrap(line, static_cast<std::size_t>((width - 2 * kMargin) / kCharWidth)))
        note_lines.push_back(std::move(part));
    }
  }

  const auto op_chars = static_cast<std::size_t>((lane_width - 24 - kGutter) / kCharWidth);
  const auto detail_chars = static_cast<std::size_t>((lane_width - 24 - kGutter) / kSmallCharWidth);

  std::multimap<int, const model::Violation*> by_step;
  for (const auto& v : e.violations) by_step.emplace(v.step, &v);

  // Rows, top to bottom; a violation's message wraps within the room right of its lane.
  std::vector<Row> rows;
  auto add_violation = [&](int index, const model::Violation* v) {
    const int thread = index >= 0 ? steps[static_cast<std::size_t>(index)].thread : 0;
    const int room = width - kMargin - (lanes_x + lane(thread) * lane_width + 8 + kGutter);
    const std::string msg = std::string(index >= 0 ? "✗ " : "✗ at the end: ") +
                            (v->message.empty() ? v->id : v->message);
    Row row{Row::violation, index, v,
            // bold text is wider than kCharWidth: 7.5 px a character
            wrap(msg, static_cast<std::size_t>(std::max(room, 160) * 2 / 15))};
    row.height = static_cast<int>(row.lines.size()) * kLineHeight + 8;
    rows.push_back(std::move(row));
  };
  int hidden_from = -1;  // the first of a run of steps of threads not shown
  auto close_hidden = [&](int i) {
    if (hidden_from < 0) return;
    Row row{Row::elided,
            hidden_from,
            nullptr,
            {"… " + model::elided_text(e.trace, shown, hidden_from, i)}};
    row.height = kElidedHeight;
    rows.push_back(std::move(row));
    hidden_from = -1;
  };
  for (int i = 0; i < static_cast<int>(steps.size()); ++i) {
    if (!shown[static_cast<std::size_t>(steps[static_cast<std::size_t>(i)].thread)]) {
      if (hidden_from < 0) hidden_from = i;
      continue;
    }
    close_hidden(i);
    Row row{Row::step, i, nullptr, detail_lines(steps[static_cast<std::size_t>(i)], detail_chars)};
    row.height = kStepHeight +
                 static_cast<int>(std::max<std::size_t>(row.lines.size(), 1) - 1) * kDetailLine;
    rows.push_back(std::move(row));
    const auto [lo, hi] = by_step.equal_range(i);
    for (auto it = lo; it != hi; ++it) {
      if (!model::step_states(steps[static_cast<std::size_t>(i)], *it->second))
        add_violation(i, it->second);
    }
  }
  close_hidden(static_cast<int>(steps.size()));
  const auto [end_lo, end_hi] = by_step.equal_range(-1);
  for (auto it = end_lo; it != end_hi; ++it) add_violation(-1, it->second);
  int y = kTitleHeight + kHeaderHeight;
  for (auto& row : rows) {
    row.y = y;
    y += row.height;
  }
  const int lanes_bottom = y + 8;
  const int height = lanes_bottom + kFooterHeight +
                     static_cast<int>(note_lines.size()) * kNoteLine + (note_lines.empty() ? 0 : 8);

  // Lock-held spans: each lock step opens one on its thread, the matching unlock closes it; a
  // lock still held at the end runs to the bottom of the lanes.
  std::vector<LockSpan> spans;
  {
    std::vector<LockSpan> open;
    for (const Row& row : rows) {
      if (row.kind != Row::step) continue;
      const auto& st = steps[static_cast<std::size_t>(row.index)];
      if (st.kind == model::OpKind::lock) {
        int depth = 0;
        for (const auto& o : open) depth += o.thread == st.thread ? 1 : 0;
        open.push_back({st.thread, st.object, row.y + 2, 0, depth});
      } else if (st.kind == model::OpKind::unlock) {
        for (auto it = open.rbegin(); it != open.rend(); ++it) {
          if (it->thread == st.thread && it->lock == st.object) {
            it->bottom = row.y + row.height - 2;
            spans.push_back(*it);
            open.erase(std::next(it).base());
            break;
          }
        }
      }
    }
    for (auto& o : open) {
      o.bottom = lanes_bottom - 4;
      spans.push_back(o);
    }
  }

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
      << xml(e.schedule) << " · " << e.preemptions
      << (e.preemptions == 1 ? " preemption · " : " preemptions · ") << "<tspan fill=\""
      << (e.ok() ? "#1a7f37" : "#cf222e") << "\" font-weight=\"bold\">" << xml(verdict)
      << "</tspan></text>\n";

  // Lanes and their headers.
  for (std::size_t t = 0; t < threads; ++t) {
    if (!shown[t]) continue;
    const int l = lane_of[t];
    const int x = lanes_x + l * lane_width;
    const std::string full =
        t < e.trace.threads.size() ? e.trace.threads[t] : "Thread-" + std::to_string(t);
    const auto [head, role] = split_thread_name(full);
    out << "  <g class=\"lane\">\n"
        << "    <rect x=\"" << x + 2 << "\" y=\"" << kTitleHeight << "\" width=\"" << lane_width - 4
        << "\" height=\"" << lanes_bottom - kTitleHeight << "\" fill=\""
        << (l % 2 == 0 ? "#f6f8fa" : "#eef1f4") << "\" rx=\"4\"/>\n"
        << "    <text x=\"" << x + lane_width / 2 << "\" y=\"" << kTitleHeight + 18
        << "\" text-anchor=\"middle\" font-weight=\"bold\">" << xml(head) << "</text>\n";
    if (!role.empty()) {
      out << "    <text x=\"" << x + lane_width / 2 << "\" y=\"" << kTitleHeight + 34
          << "\" text-anchor=\"middle\" fill=\"#57606a\">(" << xml(role) << ")</text>\n";
    }
    out << "  </g>\n";
  }

  // Lock-held bars, under the boxes' text, in each lane's gutter; the name runs up along the bar.
  for (const LockSpan& span : spans) {
    const int x = lanes_x + lane(span.thread) * lane_width + 4 + span.depth * 5;
    out << "  <g class=\"lock-held\">\n"
        << "    <title>" << xml(span.lock + " held") << "</title>\n"
        << "    <rect x=\"" << x << "\" y=\"" << span.top << "\" width=\"4\" height=\""
        << span.bottom - span.top << "\" rx=\"2\" fill=\"#8250df\"/>\n";
    if (span.depth == 0 && span.bottom - span.top >= 60) {
      const int tx = x + 13;
      const int ty = span.bottom - 4;
      out << "    <text x=\"" << tx << "\" y=\"" << ty << "\" transform=\"rotate(-90 " << tx << ' '
          << ty << ")\" font-size=\"9\" fill=\"#8250df\">"
          << xml(ellipsize(span.lock, static_cast<std::size_t>((span.bottom - span.top) / 6)))
          << "</text>\n";
    }
    out << "  </g>\n";
  }

  for (const Row& row : rows) {
    if (row.kind == Row::elided) {
      out << "  <text class=\"elided\" x=\"" << lanes_x + 8 << "\" y=\"" << row.y + 15
          << "\" fill=\"#57606a\" font-style=\"italic\">" << xml(row.lines.front()) << "</text>\n";
      continue;
    }
    if (row.kind == Row::violation) {
      const int thread = row.index >= 0 ? steps[static_cast<std::size_t>(row.index)].thread : 0;
      const int x = lanes_x + lane(thread) * lane_width + 8 + kGutter;
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
    const int x = lanes_x + lane(st.thread) * lane_width + kGutter;
    const bool violating = model::violates_at(e, row.index);
    const bool conflict = !violating && model::related_to_violation(e, row.index);
    const std::string cls = std::string(violating  ? "step violating"
                                        : conflict ? "step conflicting"
                                                   : "step") +
                            (st.preemption ? " preemption" : "");
    const char* fill = violating ? "#ffd7d5" : conflict ? "#fff1c2" : "#ffffff";
    const char* stroke = violating ? "#cf222e" : conflict ? "#bf8700" : "#d0d7de";
    const std::string op = (violating ? "✗ " : "") + model::op_text(st);
    const std::string src = source_of(st.file, st.line);
    out << "  <g class=\"" << cls << "\">\n"
        << "    <title>" << xml(step_text(st) + (src.empty() ? "" : "  (" + src + ")"))
        << "</title>\n"
        << "    <text x=\"" << lanes_x - 8 << "\" y=\"" << row.y + 17
        << "\" text-anchor=\"end\" fill=\"" << (st.preemption ? "#0969da" : "#57606a") << "\">"
        << (st.preemption ? std::string(model::kPreemptionMark) + " " : "") << row.index + 1
        << "</text>\n"
        << "    <rect x=\"" << x + 6 << "\" y=\"" << row.y + 2 << "\" width=\""
        << lane_width - 12 - kGutter << "\" height=\"" << row.height - 4 << "\" rx=\"3\" fill=\""
        << fill << "\" stroke=\"" << stroke << "\""
        << (violating || conflict ? " stroke-width=\"2\"" : "") << "/>\n"
        << "    <text x=\"" << x + 12 << "\" y=\"" << row.y + 17 << "\">"
        << xml(ellipsize(op, op_chars)) << "</text>\n";
    for (std::size_t i = 0; i < row.lines.size(); ++i) {
      out << "    <text x=\"" << x + 12 << "\" y=\""
          << row.y + 31 + static_cast<int>(i) * kDetailLine
          << "\" font-size=\"10\" fill=\"#57606a\">" << xml(row.lines[i]) << "</text>\n";
    }
    out << "  </g>\n";
  }

  // Legend, the registry around the culprit (--focus), then the command that replays this.
  const int ly = lanes_bottom + 22;
  out << "  <g class=\"legend\">\n"
      << "    <rect x=\"" << kMargin << "\" y=\"" << ly - 12 << "\" width=\"14\" height=\"14\" "
      << "fill=\"#ffd7d5\" stroke=\"#cf222e\" stroke-width=\"2\"/>\n"
      << "    <text x=\"" << kMargin + 20 << "\" y=\"" << ly
      << "\">✗ the step that caused the violation</text>\n"
      << "    <rect x=\"" << kMargin + 300 << "\" y=\"" << ly - 12 << "\" width=\"14\" "
      << "height=\"14\" fill=\"#fff1c2\" stroke=\"#bf8700\" stroke-width=\"2\"/>\n"
      << "    <text x=\"" << kMargin + 320 << "\" y=\"" << ly
      << "\">the access it races with</text>\n"
      << "    <rect x=\"" << kMargin + 520 << "\" y=\"" << ly - 13
      << "\" width=\"4\" height=\"16\" "
      << "rx=\"2\" fill=\"#8250df\"/>\n"
      << "    <text x=\"" << kMargin + 530 << "\" y=\"" << ly << "\">lock held</text>\n"
      << "    <text x=\"" << kMargin + 610 << "\" y=\"" << ly << "\" fill=\"#0969da\">"
      << model::kPreemptionMark << "</text><text x=\"" << kMargin + 622 << "\" y=\"" << ly
      << "\">preemption</text>\n";
  int ny = ly + 24;
  for (const std::string& line : note_lines) {
    out << "    <text class=\"state\" x=\"" << kMargin << "\" y=\"" << ny << "\">" << xml(line)
        << "</text>\n";
    ny += kNoteLine;
  }
  if (!note_lines.empty()) ny += 8;
  out << "    <text x=\"" << kMargin << "\" y=\"" << ny << "\" fill=\"#57606a\">"
      << xml(replay_command(s, e.schedule)) << "</text>\n"
      << "  </g>\n";
  out << "</svg>\n";
  return out.str();
}

}  // namespace racelab::cli
