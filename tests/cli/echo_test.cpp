// echo_input() and one_line() (racelab/internal/text.hpp): input echoed in a message is safe on a
// terminal and on one line, and bounded.
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "racelab/internal/text.hpp"

namespace racelab {
namespace {

TEST(EchoInput, EscapesControlBytesCStyle) {
  EXPECT_EQ(echo_input("a\nb\rc\td\x1b[2Je\x01\x7f"), "a\\nb\\rc\\td\\e[2Je\\x01\\x7f");
  EXPECT_EQ(echo_input(std::string("a\0b", 3)), "a\\x00b");
}

TEST(EchoInput, DoublesABackslashSoAnEscapeIsNeverAmbiguous) {
  EXPECT_EQ(echo_input("a\\nb"), "a\\\\nb");
}

TEST(EchoInput, KeepsPrintableUtf8AndEscapesMalformedBytesAndC1Controls) {
  EXPECT_EQ(echo_input("✗ → é"), "✗ → é");
  EXPECT_EQ(echo_input("a\xff"
                       "b"),
            "a\\xffb");
  EXPECT_EQ(echo_input("a\xc2\x9b"
                       "b"),
            "a\\xc2\\x9bb");                          // U+009B: an 8-bit CSI
  EXPECT_EQ(echo_input("a\xe2\x9c"), "a\\xe2\\x9c");  // cut short
}

TEST(EchoInput, CutsLongInputWithAnEllipsisAndTheLength) {
  const std::string out = echo_input(std::string(100'000, '7'));
  EXPECT_LE(display_width(out), kEchoWidth);
  EXPECT_EQ(out.rfind("… (100000 bytes)"), out.size() - std::string("… (100000 bytes)").size());
  EXPECT_EQ(out.substr(0, 10), "7777777777");
}

TEST(EchoInput, NeverCutsInsideAnEscape) {
  for (std::size_t n = 1; n < 80; ++n) {
    const std::string out = echo_input(std::string(n, '\x1b') + std::string(200, 'x'), 30);
    const std::string head = out.substr(0, out.find("…"));
    EXPECT_TRUE(std::regex_match(head, std::regex(R"((\\e)*x*)"))) << out;  // whole escapes
    EXPECT_LE(display_width(out), 30u) << out;
  }
}

TEST(EchoInput, ShortInputIsUnchanged) {
  EXPECT_EQ(echo_input("no-proxies"), "no-proxies");
  EXPECT_EQ(echo_input(""), "");
}

TEST(OneLine, EscapesControlBytesButKeepsTheMessagesOwnBackslashes) {
  EXPECT_EQ(one_line("bad token \"0\\n1\"\nsecond line"), "bad token \"0\\n1\"\\nsecond line");
  EXPECT_LE(display_width(one_line(std::string(5000, 'm'))), kMessageWidth);
}

}  // namespace
}  // namespace racelab
