// CSV for spreadsheets (core/csv.hpp) and the quoting of text in JSON and
// messages (core/text.hpp): ids are free text that an attacker may write.
#include <blendin/core/assign.hpp>
#include <blendin/core/csv.hpp>
#include <blendin/core/demo_pool.hpp>
#include <blendin/core/text.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace blendin::core;

namespace {

std::string cell(std::string_view text) {
  std::string out;
  csv::append_text(out, text);
  return out;
}

// The cells of every record of `text`, or its first problem.
std::vector<std::vector<std::string>> cells_of(std::string_view text) {
  std::vector<std::vector<std::string>> out;
  for (const auto& record : csv::read(text)) {
    CHECK(record.problem == "");
    out.push_back(record.cells);
  }
  return out;
}

using Rows = std::vector<std::vector<std::string>>;

}  // namespace

TEST_CASE("core::csv text cells are quoted when they hold a separator and guarded when a spreadsheet would run them") {
  CHECK(cell("p0000001") == "p0000001");
  CHECK(cell("Noor") == "Noor");
  CHECK(cell("a,b") == "\"a,b\"");
  CHECK(cell("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(cell("two\nlines") == "\"two\nlines\"");
  CHECK(cell("cr\rhere") == "\"cr\rhere\"");
  CHECK(cell("") == "\"\"");
  CHECK(cell("#not a comment") == "\"#not a comment\"");
  CHECK(cell(" padded ") == "\" padded \"");
  CHECK(cell("tab\t") == "\"tab\t\"");
  // Formula-leading cells get an apostrophe; an apostrophe itself too, so that it reads back.
  CHECK(cell("=HYPERLINK(\"http://x\",\"click\")") == "\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\"");
  CHECK(cell("=1+1") == "'=1+1");
  CHECK(cell("+31") == "'+31");
  CHECK(cell("-5") == "'-5");
  CHECK(cell("@SUM(A1)") == "'@SUM(A1)");
  CHECK(cell("\tx") == "'\tx");
  CHECK(cell("\rx") == "\"'\rx\"");
  CHECK(cell("'quoted") == "''quoted");
  CHECK(cell("a=b") == "a=b");
}

TEST_CASE("core::csv reads RFC 4180: quotes and doubled quotes and line breaks inside quotes and CRLF or LF") {
  CHECK(cells_of("a,b\r\nc,d\r\n") == Rows{{"a", "b"}, {"c", "d"}});
  CHECK(cells_of("a,b\nc,d") == Rows{{"a", "b"}, {"c", "d"}});
  CHECK(cells_of("a,b\rc,d\r") == Rows{{"a", "b"}, {"c", "d"}});
  CHECK(cells_of("\"a,b\",\"say \"\"hi\"\"\"\n") == Rows{{"a,b", "say \"hi\""}});
  CHECK(cells_of("\"two\r\nlines\",x\n") == Rows{{"two\r\nlines", "x"}});
  CHECK(cells_of("a,,\"\"\n") == Rows{{"a", "", ""}});
  CHECK(cells_of("# a comment\n\n   \n a , b \n \"#x\",y\n") == Rows{{"a", "b"}, {"#x", "y"}});
  CHECK(cells_of("'=1,'-2,'x,''y,'\n") == Rows{{"=1", "-2", "'x", "'y", "'"}});
  // A record's line is where it starts; a line break inside quotes counts.
  const auto records = csv::read("h1,h2\n\"a\nb\",c\n# note\nd,e\n");
  REQUIRE(records.size() == 3);
  CHECK(records[1].line == 2);
  CHECK(records[2].line == 5);
  CHECK(records[2].text == "d,e");
}

TEST_CASE("core::csv malformed records name what is wrong") {
  auto records = csv::read("a,b\n\"open,c\nd,e\n");
  REQUIRE(records.size() == 2);
  CHECK(records[1].line == 2);
  CHECK(records[1].problem == "a quoted cell opened on line 2 is not closed");
  records = csv::read("\"a\"b,c\nd,e\n");
  REQUIRE(records.size() == 2);
  CHECK(records[0].problem == "expected a comma or the end of the line after a quoted cell, got \"b\"");
  CHECK(records[1].cells == std::vector<std::string>{"d", "e"});
  records = csv::read("a\"b,c\n");
  REQUIRE(records.size() == 1);
  CHECK(records[0].problem ==
        "a quote inside a cell that does not start with one: \"a\\\"b\" (put the cell in quotes and double its quotes)");
}

TEST_CASE("core::csv what append_text writes reads back as the exact text") {
  std::vector<std::string> texts{"",   "'",  "''",  "'=",   "=",    "-",          "@",        "+",
                                 "\t", "\r", "\n",  "\r\n", "#",    " ",          " #x",      "a\"",
                                 "\"", ",",  "x,y", "'\t",  "é,\"", "=1,\r\n\"'", "p0000001", "\xd9\x86\xd9\x88\xd8\xb1"};
  DemoRandom random(11);
  const std::string alphabet = "ab,\"'=+-@#\t\r\n ";
  for (int i = 0; i < 5000; ++i) {
    std::string text;
    for (std::uint64_t n = random.below(8); n > 0; --n) text += alphabet[random.below(alphabet.size())];
    texts.push_back(text);
  }
  // Two cells a record, the second one a number as the scores file has it.
  std::string file = "newcomer_id,local_id,score\r\n";
  for (const auto& text : texts) {
    csv::append_text(file, text);
    file += ',';
    csv::append_text(file, text + "!");
    file += ",0.5\r\n";
  }
  const auto records = csv::read(file);
  REQUIRE(records.size() == texts.size() + 1);
  for (std::size_t i = 0; i < texts.size(); ++i) {
    CAPTURE(texts[i]);
    CHECK(records[i + 1].problem == "");
    CHECK(records[i + 1].cells == std::vector<std::string>{texts[i], texts[i] + "!", "0.5"});
  }
}

TEST_CASE("core::parse_pair_rules reads ids written by csv::append_text") {
  const std::vector<std::pair<std::string, std::string>> pairs = {
      {"a,b", "=cmd|' /C calc'!A0"}, {"say \"hi\"", "two\nlines"}, {"-1", "'x"}, {"#1", " spaced "}};
  std::string text = "newcomer_id,local_id\r\n";
  for (const auto& [newcomer, local] : pairs) {
    csv::append_text(text, newcomer);
    text += ',';
    csv::append_text(text, local);
    text += "\r\n";
  }
  const auto rules = parse_pair_rules(text, "forbid.csv");
  REQUIRE(rules.size() == pairs.size());
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    CHECK(rules[i].newcomer_id == pairs[i].first);
    CHECK(rules[i].local_id == pairs[i].second);
  }
  CHECK(rules[2].where() == "forbid.csv:5");  // after a record of two lines
  try {
    parse_pair_rules("newcomer_id,local_id\n\"open,x\n", "f.csv");
    FAIL("expected Refused");
  } catch (const Refused& error) {
    REQUIRE(error.problems().size() == 1);
    CHECK(error.problems()[0].to_string() == "f.csv:2: a quoted cell opened on line 2 is not closed");
  }
  try {
    parse_pair_rules("newcomer_id,local_id\n\"a\"b,c\nx,y,z\n", "f.csv");
    FAIL("expected Refused");
  } catch (const Refused& error) {
    REQUIRE(error.problems().size() == 2);
    CHECK(error.problems()[0].to_string() == "f.csv:2: expected a comma or the end of the line after a quoted cell, got \"b\"");
    CHECK(error.problems()[1].to_string() == "f.csv:3: expected two ids separated by one comma, got \"x,y,z\"");
  }
}

TEST_CASE("core::text quoting escapes control characters and replaces what is not UTF-8") {
  CHECK(quoted("plain") == "\"plain\"");
  CHECK(quoted("a\"b\\c") == "\"a\\\"b\\\\c\"");
  CHECK(quoted("\x1b[2J\n\t\r") == "\"\\u001b[2J\\n\\t\\r\"");
  CHECK(quoted("del\x7f") == "\"del\\u007f\"");
  CHECK(quoted("csi\xc2\x9b"
               "31m") == "\"csi\\u009b31m\"");
  CHECK(quoted("nbsp\xc2\xa0\xc3\xa9\xd8\xb9\xf0\x9f\x98\x80") == "\"nbsp\xc2\xa0\xc3\xa9\xd8\xb9\xf0\x9f\x98\x80\"");
  // Bytes that are not UTF-8 become U+FFFD, one each: a stray continuation,
  // an overlong form, a surrogate, beyond U+10FFFF, cut short.
  CHECK(quoted("a\x80z") == "\"a\xef\xbf\xbdz\"");
  CHECK(quoted("\xc0\xaf") == "\"\xef\xbf\xbd\xef\xbf\xbd\"");
  CHECK(quoted("\xed\xa0\x80") == "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"");
  CHECK(quoted("\xf4\x90\x80\x80") == "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"");
  CHECK(quoted("\xe2\x82") == "\"\xef\xbf\xbd\xef\xbf\xbd\"");
  CHECK(quoted(std::string("nul\0", 4)) == "\"nul\\u0000\"");
}

TEST_CASE("core::text finds the first control character of UTF-8 text") {
  CHECK_FALSE(find_control_character("Noor \xc2\xa0 \xd8\xb9"));
  const auto check = [](std::string_view text, std::size_t byte, char32_t code_point) {
    const auto found = find_control_character(text);
    REQUIRE(found.has_value());
    CHECK(found->byte == byte);
    CHECK(found->code_point == code_point);
  };
  check(std::string_view("a\0", 2), 1, 0);
  check("ab\x1f", 2, 0x1f);
  check("\x7f", 0, 0x7f);
  check("\xc3\xa9\xc2\x80", 2, 0x80);
  check("x\xc2\x9f", 1, 0x9f);
  CHECK(code_point_name(0x1b) == "U+001B");
  CHECK(code_point_name(0x9f) == "U+009F");
}
