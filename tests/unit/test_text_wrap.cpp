// Wrapped lines (text::wrap): broken in logical order on the widths ImGui will
// draw, then each line reordered and shaped on its own. Widths here count one
// unit per code point unless a case says otherwise.
#include <blendin/text/layout.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace blendin::text;

namespace {

float one_each(char32_t) { return 1; }

std::vector<std::string> texts(const std::vector<VisualLine>& lines) {
  std::vector<std::string> out;
  for (const VisualLine& line : lines) out.push_back(line.text);
  return out;
}

using Texts = std::vector<std::string>;

}  // namespace

TEST_CASE("text::wrap breaks after spaces and leaves the spaces at a break out") {
  const auto lines = wrap("one two three  four", Direction::ltr, 9, one_each);
  CHECK(texts(lines) == Texts{"one two", "three", "four"});
  REQUIRE(lines.size() == 3);
  CHECK(lines[0].width == 7);
  CHECK(lines[1].width == 5);
  CHECK(lines[0].begin == 0);
  CHECK(lines[0].end == 7);
  CHECK(lines[1].begin == 8);
  CHECK(lines[1].end == 13);
  CHECK(lines[2].begin == 15);
  CHECK(lines[2].end == 19);
  // A line may be exactly as wide as allowed.
  CHECK(texts(wrap("one two", Direction::ltr, 7, one_each)) == Texts{"one two"});
  CHECK(texts(wrap("one two", Direction::ltr, 6.5f, one_each)) == Texts{"one", "two"});
}

TEST_CASE("text::wrap reorders each right-to-left line after breaking and not the paragraph before it") {
  // Logically: two Arabic words, then two Latin ones. Reordering the whole
  // paragraph first would put the Latin words on the first line.
  const auto lines = wrap("قهوة شاي coffee tea", Direction::rtl, 10, one_each);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].text == visual_line("قهوة شاي", Direction::rtl));
  CHECK(lines[1].text == "coffee tea");
  CHECK(lines[0].begin == 0);
  CHECK(lines[1].begin == std::string("قهوة شاي ").size());
}

TEST_CASE("text::wrap measures the shaped letters and joins Arabic within each line") {
  // Nominal letters would be far too wide; their presentation forms fit.
  const auto wide_unless_shaped = [](char32_t c) { return c >= 0x0600 && c <= 0x06ff ? 100.0f : 1.0f; };
  CHECK(wrap("سلام عليكم", Direction::rtl, 9, wide_unless_shaped).size() == 1);
  // A word wider than a line is cut between letters; each piece joins on its own:
  // final, medial and initial seen (U+FEB2, U+FEB4, U+FEB3) in visual order.
  const auto lines = wrap("سسسسسس", Direction::rtl, 3, one_each);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].text == "\uFEB2\uFEB4\uFEB3");
  CHECK(lines[1].text == "\uFEB2\uFEB4\uFEB3");
}

TEST_CASE("text::wrap never starts a line with a combining mark") {
  const auto marks_free = [](char32_t c) { return (c >= 0x064b && c <= 0x0652) || c == 0x0301 ? 0.0f : 1.0f; };
  const std::string word = "مَدْرَسَةٌ";
  for (const VisualLine& line : wrap(word, Direction::rtl, 2, marks_free)) {
    CAPTURE(line.text);
    CHECK(line.width <= 2);
    // Every line starts at a letter of the input: م د ر س ة are two-byte sequences
    // whose second byte is not that of a haraka (U+064B-U+0652 are D9 8B-D9 92).
    const auto second = static_cast<unsigned char>(word[line.begin + 1]);
    CHECK(!(word[line.begin] == '\xd9' && second >= 0x8b && second <= 0x92));
  }
  CHECK(texts(wrap("cafe\u0301s", Direction::ltr, 4, marks_free)) == Texts{"cafe\u0301", "s"});
}

TEST_CASE("text::wrap shows a soft hyphen where it breaks and breaks after hyphens and dashes") {
  CHECK(texts(wrap("Taal\u00aduitwisseling", Direction::ltr, 8, one_each)) == Texts{"Taal-", "uitwisse", "ling"});
  CHECK(texts(wrap("Taal\u00aduit", Direction::ltr, 20, one_each)) == Texts{"Taaluit"});
  CHECK(texts(wrap("well-known", Direction::ltr, 6, one_each)) == Texts{"well-", "known"});
  CHECK(texts(wrap("koud -5 graden", Direction::ltr, 3, one_each)) == Texts{"kou", "d", "-5", "gra", "den"});
  CHECK(texts(wrap("nl–en", Direction::ltr, 3, one_each)) == Texts{"nl–", "en"});
  CHECK(texts(wrap("ሰላም፡ዓለም", Direction::ltr, 4, one_each)) == Texts{"ሰላም፡", "ዓለም"});
  // No-break spaces hold words together.
  CHECK(texts(wrap("5612\u00a0CK Eindhoven", Direction::ltr, 9, one_each)) == Texts{"5612\u00a0CK", "Eindhoven"});
}

TEST_CASE("text::wrap gives one line per paragraph at least and an empty one for an empty paragraph") {
  CHECK(texts(wrap("", Direction::ltr, 10, one_each)) == Texts{""});
  const auto lines = wrap("a\n\nb", Direction::rtl, 10, one_each);
  CHECK(texts(lines) == Texts{"a", "", "b"});
  REQUIRE(lines.size() == 3);
  CHECK(lines[1].begin == 2);
  CHECK(lines[2].begin == 3);
  // Leading spaces of a paragraph stay; a space-only paragraph is empty.
  CHECK(texts(wrap("  ab", Direction::ltr, 10, one_each)) == Texts{"  ab"});
  CHECK(texts(wrap("   ", Direction::ltr, 10, one_each)) == Texts{""});
}

TEST_CASE("text::wrap keeps every line within the width and loses nothing but the spaces at breaks") {
  const auto visible = [](const std::string& text) {
    std::size_t count = 0;  // code points but spaces
    for (const char byte : text) count += (static_cast<unsigned char>(byte) & 0xc0) != 0x80 && byte != ' ';
    return count;
  };
  const std::string paragraph = "Blendin به شش زبان در دسترس است. به چه زبانی می\u200cخواهید بخوانید؟";
  for (const float width : {6.0f, 11.0f, 17.0f, 40.0f}) {
    CAPTURE(width);
    std::size_t count = 0;
    for (const VisualLine& line : wrap(paragraph, Direction::rtl, width, one_each)) {
      CHECK(line.width <= width);
      count += visible(line.text);
    }
    CHECK(count == visible(visual_line(paragraph, Direction::rtl)));
  }
}
