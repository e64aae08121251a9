// Every Spanish page against its English original — docs/es/<path> against docs/<path>, and each
// course/**/README.es.md against the README.md beside it: same numbered sections in the same
// order, the same fenced blocks (shell comments aside), the same inline commands. A page added
// is picked up without editing this file.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "markdown_outline.hpp"

namespace fs = std::filesystem;
using racelab::docs::outline_of;

namespace {

const fs::path kDocs = fs::path(RACELAB_SOURCE_DIR) / "docs";
const fs::path kCourse = fs::path(RACELAB_SOURCE_DIR) / "course";

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

struct Translation {
  fs::path english;
  fs::path spanish;
};

std::vector<Translation> translations() {
  std::vector<Translation> pages;
  for (const auto& entry : fs::recursive_directory_iterator(kDocs / "es")) {
    if (entry.path().extension() == ".md") {
      pages.push_back({kDocs / fs::relative(entry.path(), kDocs / "es"), entry.path()});
    }
  }
  for (const auto& entry : fs::recursive_directory_iterator(kCourse)) {
    if (entry.path().filename() == "README.es.md") {
      pages.push_back({entry.path().parent_path() / "README.md", entry.path()});
    }
  }
  std::sort(pages.begin(), pages.end(),
            [](const Translation& a, const Translation& b) { return a.spanish < b.spanish; });
  return pages;
}

TEST(Translation, SpanishPagesExist) {
  // The course is taught in Spanish too: the tutorial, the course's page and every exercise.
  EXPECT_TRUE(fs::exists(kDocs / "es" / "tutorial.md"));
  EXPECT_TRUE(fs::exists(kCourse / "README.es.md"));
  for (const auto& entry : fs::directory_iterator(kCourse)) {
    if (entry.is_directory()) {
      EXPECT_TRUE(fs::exists(entry.path() / "README.es.md")) << entry.path();
    }
  }
}

TEST(Translation, SpanishPagesMatchTheEnglish) {
  const auto pages = translations();
  EXPECT_GE(pages.size(), 10U);
  for (const auto& [en, es] : pages) {
    SCOPED_TRACE(es.string());
    ASSERT_TRUE(fs::exists(en)) << "docs/es/ page without an English original: " << en;
    const auto english = outline_of(read_file(en));
    const auto spanish = outline_of(read_file(es));
    EXPECT_EQ(english.headings, spanish.headings) << "sections differ (level and number)";
    ASSERT_EQ(english.blocks.size(), spanish.blocks.size()) << "number of fenced blocks";
    for (std::size_t i = 0; i < english.blocks.size(); ++i) {
      EXPECT_EQ(english.blocks[i], spanish.blocks[i]) << "fenced block " << i + 1;
    }
    EXPECT_EQ(english.inline_commands, spanish.inline_commands) << "inline commands";
  }
}

// The outline itself: what a translation may change and what it may not.
TEST(MarkdownOutline, ShellCommentsAreProseButCommandsAreNot) {
  const auto a = outline_of("## 1. Run\n```sh\nracelab demo   # run it\n# a note\n```\n");
  const auto b = outline_of("## 1. Ejecutar\n```sh\nracelab demo   # ejecútalo\n# una nota\n```\n");
  EXPECT_EQ(a.headings, b.headings);
  EXPECT_EQ(a.blocks, b.blocks);
  const auto c = outline_of("## 1. Ejecutar\n```sh\nracelab demo --first\n```\n");
  EXPECT_NE(a.blocks, c.blocks);
}

TEST(MarkdownOutline, SectionNumbersAndInlineCommandsCount) {
  const auto a = outline_of("# T\n## 2. See\nrun `racelab list` then `x`\n");
  EXPECT_EQ(a.headings, (std::vector<std::string>{"1", "2 2."}));
  EXPECT_EQ(a.inline_commands, (std::vector<std::string>{"racelab list"}));
  const auto b = outline_of("# T\n## 3. Ver\nejecuta `racelab list`\n");
  EXPECT_NE(a.headings, b.headings);
  EXPECT_EQ(a.inline_commands, b.inline_commands);
}

TEST(MarkdownOutline, QuotedHashIsNotAComment) {
  const auto a = outline_of("```sh\necho '# kept' # dropped\n```\n");
  ASSERT_EQ(a.blocks.size(), 1U);
  EXPECT_EQ(a.blocks[0], "echo '# kept'\n");
}

}  // namespace
