// iCalendar lines, JSON for <script>, slugs.
#include <doctest/doctest.h>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

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

TEST_CASE("generator::script_safe_json cannot close a <script> and reads back as the same JSON") {
  // As the core's serialiser writes "</script><script>alert(1)</script>&" followed by U+2028.
  const std::string json = "[\"</script><script>alert(1)</script>&\u2028\",1]";
  const std::string safe = script_safe_json(json);
  CHECK(safe.find('<') == std::string::npos);
  CHECK(safe.find('>') == std::string::npos);
  CHECK(safe.find('&') == std::string::npos);
  CHECK(safe.find("\u2028") == std::string::npos);
  CHECK(safe == "[\"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\\u0026\\u2028\",1]");
  CHECK(boost::json::parse(safe) == boost::json::parse(json));
  CHECK(script_safe_json("{\"a\":\"b\\\"c\"}") == "{\"a\":\"b\\\"c\"}");  // everything else as it was
}

TEST_CASE("generator::slugify makes heading anchors") {
  CHECK(slugify("Wie we zijn") == "wie-we-zijn");
  CHECK(slugify("Eén op één, of met vrienden!") == "eén-op-één-of-met-vrienden");
  CHECK(slugify("?!") == "section");
}

TEST_CASE("generator::find_text_problem finds each thing no output can carry") {
  struct Case {
    std::string text;
    std::size_t offset;
    std::string message;  // empty: the text is fine
  };
  const std::vector<Case> cases{
      {"plain ASCII\twith tab\r\nand lines\n", 0, ""},
      {"Zo\xc3\xab, \xd8\xb9\xd8\xb1\xd8\xa8\xd9\x8a, \xe1\x88\x80, \xf0\x9f\x98\x80", 0, ""},  // ë, Arabic, Ethiopic, emoji
      {"a\x01z", 1, "control character U+0001: expected text without control characters"},
      {std::string("a\0z", 3), 1, "control character U+0000: expected text without control characters"},
      {"a\x7fz", 1, "control character U+007F: expected text without control characters"},
      {"a\xc2\x80z", 1, "control character U+0080: expected text without control characters"},
      {"a\xc2\x9fz", 1, "control character U+009F: expected text without control characters"},
      {"a\xc2\xa0z", 0, ""},  // no-break space
      {"ab\xffz", 2, "invalid UTF-8 (byte 0xFF): expected UTF-8 text"},
      {"ab\xc3", 2, "invalid UTF-8 (byte 0xC3): expected UTF-8 text"},            // cut short
      {"\xc0\xaf", 0, "invalid UTF-8 (byte 0xC0): expected UTF-8 text"},          // overlong '/'
      {"\xe0\x80\xaf", 0, "invalid UTF-8 (byte 0xE0): expected UTF-8 text"},      // overlong
      {"\xed\xa0\x80", 0, "invalid UTF-8 (byte 0xED): expected UTF-8 text"},      // a surrogate
      {"\xf4\x90\x80\x80", 0, "invalid UTF-8 (byte 0xF4): expected UTF-8 text"},  // above U+10FFFF
      {"\xe2\x82", 0, "invalid UTF-8 (byte 0xE2): expected UTF-8 text"},
      {"x\x80", 1, "invalid UTF-8 (byte 0x80): expected UTF-8 text"},  // a lone continuation byte
      {"\xef\xbf\xbe", 0, "U+FFFE is not a character: expected text"},
      {"\xef\xbf\xbf", 0, "U+FFFF is not a character: expected text"},
      {"\xef\xbf\xbd", 0, ""},  // U+FFFD, the replacement character
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    const auto problem = find_text_problem(c.text);
    if (c.message.empty()) {
      CHECK_FALSE(problem);
    } else {
      REQUIRE(problem);
      CHECK(problem->offset == c.offset);
      CHECK(problem->message == c.message);
    }
  }
}

TEST_CASE("generator::check_text drops a byte order mark and reports file:line:column") {
  DiagnosticList errors;
  std::string with_bom = "\xef\xbb\xbf---\ntitle: x\n---\n";
  CHECK(check_text("a.md", with_bom, errors));
  CHECK(with_bom == "---\ntitle: x\n---\n");
  std::string latin1 = "---\ntitle: Caf\xe9\n---\n";
  CHECK_FALSE(check_text("b.md", latin1, errors));
  std::string first_byte = "\x01";
  CHECK_FALSE(check_text("c.md", first_byte, errors));
  const auto found = errors.sorted();
  REQUIRE(found.size() == 2);
  CHECK(found[0].to_string() == "b.md:2:11: invalid UTF-8 (byte 0xE9): expected UTF-8 text");
  CHECK(found[1].to_string() == "c.md:1:1: control character U+0001: expected text without control characters");
}

TEST_CASE("generator::ical_line ends on bytes that are not UTF-8") {
  // Content is checked on reading; the folder still ends on any bytes.
  std::string out;
  ical_line(out, "SUMMARY", std::string(400, '\x80'));
  CHECK(out.size() > 400);
  CHECK(out.size() < 440);
}
