#include "wire.hpp"

#include <cstdint>
#include <cstring>

namespace racelab::harness::detail {
namespace {

// Guards against a corrupted length turning into a huge allocation.
constexpr std::uint32_t kMaxItems = 1u << 20;
constexpr char kMagic[4] = {'R', 'L', 'T', '2'};  // 2: exception types, violation kinds

void put_u32(std::string& out, std::uint32_t v) {
  char b[4];
  std::memcpy(b, &v, 4);
  out.append(b, 4);
}
void put_str(std::string& out, const std::string& s) {
  put_u32(out, static_cast<std::uint32_t>(s.size()));
  out += s;
}

class Reader {
 public:
  explicit Reader(const std::string& b) : b_(b) {}
  bool u32(std::uint32_t& v) {
    if (b_.size() - pos_ < 4) return false;
    std::memcpy(&v, b_.data() + pos_, 4);
    pos_ += 4;
    return true;
  }
  bool str(std::string& s) {
    std::uint32_t n = 0;
    if (!u32(n) || b_.size() - pos_ < n) return false;
    s.assign(b_, pos_, n);
    pos_ += n;
    return true;
  }
  bool magic() {
    if (b_.size() < 4 || std::memcmp(b_.data(), kMagic, 4) != 0) return false;
    pos_ = 4;
    return true;
  }
  bool at_end() const { return pos_ == b_.size(); }

 private:
  const std::string& b_;
  std::size_t pos_ = 0;
};

}  // namespace

std::string encode(const TrialReport& report) {
  std::string out(kMagic, 4);
  put_u32(out, static_cast<std::uint32_t>(report.exceptions.size()));
  for (const auto& e : report.exceptions) {
    put_str(out, e.thread);
    put_str(out, e.type);
    put_str(out, e.line);
  }
  put_u32(out, static_cast<std::uint32_t>(report.violations.size()));
  for (const auto& v : report.violations) {
    put_u32(out, static_cast<std::uint32_t>(v.kind));
    put_str(out, v.id);
    put_str(out, v.thread);
    put_str(out, v.message);
  }
  return out;
}

std::optional<TrialReport> decode(const std::string& bytes) {
  Reader r(bytes);
  TrialReport report;
  std::uint32_t n = 0;
  if (!r.magic() || !r.u32(n) || n > kMaxItems) return std::nullopt;
  report.exceptions.resize(n);
  for (auto& e : report.exceptions) {
    if (!r.str(e.thread) || !r.str(e.type) || !r.str(e.line)) return std::nullopt;
  }
  if (!r.u32(n) || n > kMaxItems) return std::nullopt;
  report.violations.resize(n);
  for (auto& v : report.violations) {
    std::uint32_t kind = 0;
    if (!r.u32(kind) || kind > static_cast<std::uint32_t>(Outcome::livelock) || !r.str(v.id) ||
        !r.str(v.thread) || !r.str(v.message)) {
      return std::nullopt;
    }
    v.kind = static_cast<Outcome>(kind);
  }
  if (!r.at_end()) return std::nullopt;
  return report;
}

}  // namespace racelab::harness::detail
