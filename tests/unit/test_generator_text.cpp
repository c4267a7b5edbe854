// iCalendar lines, JSON for <script>, slugs.
#include <doctest/doctest.h>

#include "../../generator/src/text.hpp"

#include <sstream>

using namespace blendin::generator;

TEST_CASE("generator::ical_line folds at 75 octets without splitting UTF-8") {
  std::string out;
  const std::string value = std::string(70, 'a') + "ééééé" + std::string(80, 'b');
  ical_line(out, "SUMMARY", value);
  std::istringstream lines(out);
  std::string line, unfolded;
  int count = 0;
  while (std::getline(lines, line)) {
    REQUIRE(!line.empty());
    CHECK(line.back() == '\r');  // CRLF
    line.pop_back();
    CHECK(line.size() <= 75);
    // a continuation line never starts inside a UTF-8 sequence
    if (count > 0) {
      REQUIRE(line[0] == ' ');
      CHECK((static_cast<unsigned char>(line[1]) & 0xC0) != 0x80);
      line.erase(0, 1);
    }
    unfolded += line;
    ++count;
  }
  CHECK(count == 3);
  CHECK(unfolded == "SUMMARY:" + value);
}

TEST_CASE("generator::ical_escape escapes backslash semicolon comma and newlines") {
  CHECK(ical_escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne");
}

TEST_CASE("generator::json_quote in script-safe mode cannot close a <script>") {
  const std::string quoted = json_quote("</script><script>alert(1)</script>&\u2028", true);
  CHECK(quoted.find("</") == std::string::npos);
  CHECK(quoted.find('<') == std::string::npos);
  CHECK(quoted == "\"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\\u0026\\u2028\"");
  CHECK(json_quote("a\"b\\c\n") == "\"a\\\"b\\\\c\\n\"");
}

TEST_CASE("generator::slugify makes heading anchors") {
  CHECK(slugify("Wie we zijn") == "wie-we-zijn");
  CHECK(slugify("Eén op één, of met vrienden!") == "eén-op-één-of-met-vrienden");
  CHECK(slugify("?!") == "section");
}
