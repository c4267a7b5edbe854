// The text layout (wasm-client/text): what ImGui is handed must read right.
// Each case is a logical string, the paragraph direction and the code points
// of the visual line. The expectations come from layout_oracle.py (in
// wasm-client/text/tests), which shares nothing with FriBidi: joining forms
// from the presentation forms' Unicode decompositions, its own rendering of
// UAX #9. ctest checks that the oracle still gives every one of them.
#include <blendin/text/layout.hpp>

#include <doctest/doctest.h>

#include <cstdio>
#include <string>
#include <string_view>

using namespace blendin::text;

namespace {

struct Case {
  const char* direction;
  const char* logical;
  const char* visual;  // code points in hex
};

// Keep one case per line: the oracle reads them with a regular expression.
const Case cases[] = {
    // Arabic: joining, lam-alef, tatweel, harakat, digits, brackets, Latin inside
    {"rtl", "مقهى", "FEF0 FEEC FED8 FEE3"},
    {"rtl", "مقهى اللغة في Amsterdam",
     "0041 006D 0073 0074 0065 0072 0064 0061 006D 0020 FEF2 FED3 0020 FE94 FED0 FEE0 FEDF FE8D 0020 FEF0 FEEC FED8 FEE3"},
    {"rtl", "الطبخ", "FEA6 FE92 FEC4 FEDF FE8D"},
    {"rtl", "كرة القدم", "FEE1 FEAA FED8 FEDF FE8D 0020 FE93 FEAE FEDB"},
    {"rtl", "تبادل اللغات", "FE95 FE8E FED0 FEE0 FEDF FE8D 0020 FEDD FEA9 FE8E FE92 FE97"},
    {"rtl", "سلام", "FEE1 FEFC FEB3"},
    {"rtl", "لا", "FEFB"},
    {"rtl", "الإنجليزية الآن", "FEE5 FEF5 FE8D 0020 FE94 FEF3 FEB0 FEF4 FEE0 FEA0 FEE7 FEF9 FE8D"},
    {"rtl", "كـتـاب", "FE8F FE8E 0640 FE98 0640 FEDB"},
    {"rtl", "مَدْرَسَةٌ", "064C FE94 064E FEB3 064E FEAD 0652 FEAA 064E FEE3"},
    {"rtl", "لَا", "064E FEFB"},
    {"rtl", "عام ٢٠٢٧", "0662 0660 0662 0667 0020 FEE1 FE8E FECB"},
    {"rtl", "الساعة 18:30", "0031 0038 003A 0033 0030 0020 FE94 FECB FE8E FEB4 FEDF FE8D"},
    {"rtl", "الهاتف: +31 6 1234 5678",
     "0035 0036 0037 0038 0020 0031 0032 0033 0034 0020 0036 0020 0033 0031 002B 0020 003A FED2 FE97 FE8E FEEC FEDF FE8D"},
    {"rtl", "(مرحبا)", "0028 FE8E FE92 FEA3 FEAE FEE3 0029"},
    {"rtl", "المرجع [١]", "005B 0661 005D 0020 FECA FE9F FEAE FEE4 FEDF FE8D"},
    {"rtl", "العنوان: 5612 CK Eindhoven",
     "0043 004B 0020 0045 0069 006E 0064 0068 006F 0076 0065 006E 0020 0035 0036 0031 0032 0020 003A FEE5 FE8D FEEE FEE8 FECC "
     "FEDF FE8D"},
    {"rtl", "العنوان: \u20685612 CK Eindhoven\u2069",
     "0035 0036 0031 0032 0020 0043 004B 0020 0045 0069 006E 0064 0068 006F 0076 0065 006E 0020 003A FEE5 FE8D FEEE FEE8 FECC "
     "FEDF FE8D"},
    {"rtl", "زوروا https://blendin.nl/ar/match/",
     "002F 0068 0074 0074 0070 0073 003A 002F 002F 0062 006C 0065 006E 0064 0069 006E 002E 006E 006C 002F 0061 0072 002F 006D "
     "0061 0074 0063 0068 0020 FE8D FEED FEAD FEED FEAF"},
    {"rtl", "زوروا \u2068https://blendin.nl/ar/match/\u2069",
     "0068 0074 0074 0070 0073 003A 002F 002F 0062 006C 0065 006E 0064 0069 006E 002E 006E 006C 002F 0061 0072 002F 006D 0061 "
     "0074 0063 0068 002F 0020 FE8D FEED FEAD FEED FEAF"},
    {"rtl", "كيف حالك؟", "061F FEDA FEDF FE8E FEA3 0020 FED2 FEF4 FEDB"},
    {"rtl", "Blendin متاح بست لغات.",
     "002E FE95 FE8E FED0 FEDF 0020 FE96 FEB4 FE91 0020 FEA1 FE8E FE98 FEE3 0020 0042 006C 0065 006E 0064 0069 006E"},
    // Persian: ZWNJ, the letters Arabic lacks, extended Arabic-Indic digits
    {"rtl", "می\u200cشوند", "FEAA FEE7 FEEE FEB7 FBFD FEE3"},
    {"rtl", "آشپزی", "FBFC FEB0 FB59 FEB7 FE81"},
    {"rtl", "پیاده\u200cروی در طبیعت", "FE96 FECC FBFF FE92 FEC3 0020 FEAD FEA9 0020 FBFC FEED FEAD FEE9 FEA9 FE8E FBFF FB58"},
    {"rtl", "چای گرم و ژاکت کوچک",
     "FB8F FB7C FEEE FB90 0020 FE96 FB90 FE8D FB8A 0020 FEED 0020 FEE1 FEAE FB94 0020 FBFC FE8E FB7C"},
    {"rtl", "۲۴ بهمن ۱۴۰۵", "06F1 06F4 06F0 06F5 0020 FEE6 FEE4 FEEC FE91 0020 06F2 06F4"},
    {"rtl", "هم\u200cصحبت خود را پیدا کنید",
     "FEAA FBFF FEE8 FB90 0020 FE8D FEAA FBFF FB58 0020 FE8D FEAD 0020 FEA9 FEEE FEA7 0020 FE96 FE92 FEA4 FEBB FEE2 FEEB"},
    {"rtl", "خانۀ ما", "FE8E FEE3 0020 FBA5 FEE7 FE8E FEA7"},
    {"rtl", "Blendin به شش زبان در دسترس است. به چه زبانی می\u200cخواهید بخوانید؟",
     "061F FEAA FBFF FEE7 FE8D FEEE FEA8 FE91 0020 FEAA FBFF FEEB FE8D FEEE FEA7 FBFD FEE3 0020 FBFD FEE7 FE8E FE91 FEAF 0020 "
     "FEEA FB7C 0020 FEEA FE91 0020 002E FE96 FEB3 FE8D 0020 FEB1 FEAE FE98 FEB3 FEA9 0020 FEAD FEA9 0020 FEE5 FE8E FE91 FEAF "
     "0020 FEB6 FEB7 0020 FEEA FE91 0020 0042 006C 0065 006E 0064 0069 006E"},
    // Left to right: Dutch, Ukrainian and Tigrinya come back as they are; Arabic inside is shaped and reversed
    {"ltr", "Taaluitwisseling in ’s-Hertogenbosch: één café, 3 × per week – “gratis”…",
     "0054 0061 0061 006C 0075 0069 0074 0077 0069 0073 0073 0065 006C 0069 006E 0067 0020 0069 006E 0020 2019 0073 002D 0048 "
     "0065 0072 0074 006F 0067 0065 006E 0062 006F 0073 0063 0068 003A 0020 00E9 00E9 006E 0020 0063 0061 0066 00E9 002C 0020 "
     "0033 0020 00D7 0020 0070 0065 0072 0020 0077 0065 0065 006B 0020 2013 0020 201C 0067 0072 0061 0074 0069 0073 201D 2026"},
    {"ltr", "Мовний обмін: ґанок, їжак, єнот, Київ",
     "041C 043E 0432 043D 0438 0439 0020 043E 0431 043C 0456 043D 003A 0020 0491 0430 043D 043E 043A 002C 0020 0457 0436 0430 "
     "043A 002C 0020 0454 043D 043E 0442 002C 0020 041A 0438 0457 0432"},
    {"ltr", "ምልውዋጥ ቋንቋ። ብእግሪ ምጉዓዝ፣ ኩዕሶ እግሪ፦",
     "121D 120D 12CD 12CB 1325 0020 124B 1295 124B 1362 0020 1265 12A5 130D 122A 0020 121D 1309 12D3 12DD 1363 0020 12A9 12D5 "
     "1236 0020 12A5 130D 122A 1366"},
    {"ltr", "Ontmoet سلام in Utrecht",
     "004F 006E 0074 006D 006F 0065 0074 0020 FEE1 FEFC FEB3 0020 0069 006E 0020 0055 0074 0072 0065 0063 0068 0074"},
    {"ltr", "Koken (الطبخ) en muziek",
     "004B 006F 006B 0065 006E 0020 0028 FEA6 FE92 FEC4 FEDF FE8D 0029 0020 0065 006E 0020 006D 0075 007A 0069 0065 006B"},
};

std::string hex_of(std::string_view utf8) {
  std::string out;
  for (std::size_t i = 0; i < utf8.size();) {
    const auto lead = static_cast<unsigned char>(utf8[i]);
    const int length = lead < 0x80 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
    char32_t c = length == 1 ? lead : lead & (0x7f >> length);
    for (int k = 1; k < length; ++k) c = (c << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3f);
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%s%04X", out.empty() ? "" : " ", static_cast<unsigned>(c));
    out += buffer;
    i += static_cast<std::size_t>(length);
  }
  return out;
}

Direction direction_named(std::string_view name) { return name == "rtl" ? Direction::rtl : Direction::ltr; }

}  // namespace

TEST_CASE("text::visual_line gives the oracle's glyph sequence for Arabic and Persian and left-to-right text") {
  for (const Case& c : cases) {
    const std::string logical = c.logical, expected = c.visual;
    CAPTURE(logical);
    CHECK(hex_of(visual_line(logical, direction_named(c.direction))) == expected);
  }
}

TEST_CASE("text::visual_line leaves left-to-right text in every site language unchanged") {
  for (const char* text : {"Taaluitwisseling in ’s-Hertogenbosch: één café", "Мовний обмін: ґанок, їжак, єнот",
                           "ምልውዋጥ ቋንቋ። ብእግሪ ምጉዓዝ፣", "Language exchange (2027) – 5612 CK Eindhoven", ""}) {
    CAPTURE(text);
    CHECK(visual_line(text, Direction::ltr) == text);
  }
}

TEST_CASE("text::visual_line drops the invisible format characters after they did their work") {
  // ZWNJ keeps م ی apart from ش, ZWJ joins ب to nothing visible, marks and isolates vanish.
  CHECK(hex_of(visual_line("\u200d\u0628\u200d", Direction::rtl)) == "FE92");
  CHECK(hex_of(visual_line("a\u200eb\u200fc\u00add\u200be\ufefff", Direction::ltr)) == "0061 0062 0063 0064 0065 0066");
  CHECK(visual_line("\u2067abc\u2069", Direction::ltr) == "abc");
  CHECK(visual_line("a\tb", Direction::ltr) == "a\tb");
}

TEST_CASE("text::visual_line shows bytes that are not UTF-8 as U+FFFD") {
  CHECK(hex_of(visual_line("a\xff"
                           "b\xc3",
                           Direction::ltr)) == "0061 FFFD 0062 FFFD");
  CHECK(hex_of(visual_line("\xed\xa0\x80", Direction::ltr)) == "FFFD FFFD FFFD");  // a surrogate
}

TEST_CASE("text::visual_line lays out each paragraph on its own and joins them with line feeds") {
  // The second paragraph's Latin word does not take the first one's direction.
  CHECK(hex_of(visual_line("لا\nok", Direction::rtl)) == "FEFB 000A 006F 006B");
  CHECK(visual_line("a\r\nb\rc\u2029d", Direction::ltr) == "a\nb\nc\nd");
}

TEST_CASE("text::visual_line pairs brackets by rule N0 as the example of UAX #9 does") {
  // The example of rule N0 in UAX #9, with Hebrew letters for its capitals
  // (right to left, and nothing to shape): AB(CD[&ef]!)gh shows as gh(![ef&]DC)BA.
  CHECK(visual_line("אב(גד[&ef]!)gh", Direction::rtl) == "gh(![ef&]דג)בא");
}

TEST_CASE("text::isolated keeps a value's own order inside an Arabic sentence") {
  const std::string address = visual_line("العنوان: " + isolated("5612 CK Eindhoven"), Direction::rtl);
  CHECK(address.find("5612 CK Eindhoven") == 0);
  const std::string plain = visual_line("العنوان: 5612 CK Eindhoven", Direction::rtl);
  CHECK(plain.find("CK Eindhoven 5612") == 0);  // the bidi algorithm on its own, as a browser shows it
}

TEST_CASE("text::direction_of_language is right to left for ar and fa only") {
  CHECK(direction_of_language("ar") == Direction::rtl);
  CHECK(direction_of_language("fa") == Direction::rtl);
  for (const char* lang : {"nl", "en", "uk", "ti", "", "arabic"}) CHECK(direction_of_language(lang) == Direction::ltr);
}

TEST_CASE("text::direction_of_text follows the first strong letter outside isolates") {
  CHECK(direction_of_text("سلام Noor", Direction::ltr) == Direction::rtl);
  CHECK(direction_of_text("12 Noor سلام", Direction::rtl) == Direction::ltr);
  CHECK(direction_of_text("\u2068سلام\u2069 Noor", Direction::rtl) == Direction::ltr);
  CHECK(direction_of_text("12 – 14", Direction::rtl) == Direction::rtl);
  CHECK(direction_of_text("", Direction::ltr) == Direction::ltr);
}

TEST_CASE("text::visual_line puts every joining Arabic and Persian letter in a presentation form") {
  // The joining letters of Arabic and Persian, three in a row: each in the form
  // its neighbours give it (initial, medial and final, or isolated for the
  // letters that join only to the right). Hamza (ء) joins nothing and keeps
  // its nominal code point, which is its isolated glyph.
  const std::string_view letters = "آأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىيپچژکگیۀ";
  for (std::size_t i = 0; i < letters.size(); i += 2) {  // each is two bytes of UTF-8
    const std::string letter(letters.substr(i, 2));
    const std::string word = letter + letter + letter;
    const std::string laid_out = hex_of(visual_line(word, Direction::rtl));
    CAPTURE(laid_out);
    for (std::size_t at = 0; at < laid_out.size(); at += 5)
      CHECK((laid_out.substr(at, 2) == "FB" || laid_out.substr(at, 2) == "FE"));
  }
}
