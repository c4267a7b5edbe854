// Numbers in each language's digits, and a Markdown title heading that the
// page's own <h1> already prints.
#include <doctest/doctest.h>

#include "../../generator/src/text.hpp"
#include "../../generator/src/time.hpp"

using namespace blendin::generator;

TEST_CASE("generator::localize_digits writes the digits of the language's default numbering system") {
  CHECK(localize_digits("2026", "nl") == "2026");
  CHECK(localize_digits("2026", "uk") == "2026");
  CHECK(localize_digits("2/13", "ar") == "\u0662/\u0661\u0663");                         // Arabic-Indic
  CHECK(localize_digits("2026", "fa") == "\u06F2\u06F0\u06F2\u06F6");                    // Persian (extended Arabic-Indic)
  CHECK(localize_digits("page 10 of 12", "ar") == "page \u0661\u0660 of \u0661\u0662");  // only the digits change
}

TEST_CASE("generator::format_count agrees with the language's digits and grouping") {
  CHECK(format_count(24, "nl") == "24");
  CHECK(format_count(24, "ar") == "\u0662\u0664");
  CHECK(format_count(24, "fa") == "\u06F2\u06F4");
  CHECK(format_count(1500, "en") == "1,500");
  CHECK(format_count(1500, "nl") == "1.500");
}

TEST_CASE("generator::without_title_heading drops a first h1 that repeats the title") {
  CHECK(without_title_heading("<h1 id=\"kookavond\">Kookavond</h1>\n<p>Samen koken.</p>\n", "Kookavond") ==
        "<p>Samen koken.</p>\n");
  // escaped as cmark writes it, inline markup left out of the comparison
  CHECK(without_title_heading("<h1 id=\"a\">Eten &amp; <em>praten</em></h1>\n<p>x</p>\n", "Eten & praten") == "<p>x</p>\n");
  // another first heading, or a title heading further down, stays
  CHECK(without_title_heading("<h1 id=\"b\">Iets anders</h1>\n<p>x</p>\n", "Kookavond") ==
        "<h1 id=\"b\">Iets anders</h1>\n<p>x</p>\n");
  CHECK(without_title_heading("<p>x</p>\n<h1 id=\"k\">Kookavond</h1>\n", "Kookavond") ==
        "<p>x</p>\n<h1 id=\"k\">Kookavond</h1>\n");
  CHECK(without_title_heading("<h2 id=\"k\">Kookavond</h2>\n", "Kookavond") == "<h2 id=\"k\">Kookavond</h2>\n");
  CHECK(without_title_heading("<h1>Kookavond</h1>", "Kookavond").empty());
}
