// YamlNode must read a document as YAML::Load does: the same types, scalars,
// marks, sizes and order, the first of duplicate keys, aliases resolved, the
// same errors. yaml-cpp's own nodes are the reference.
#include <doctest/doctest.h>

#include "../../generator/src/yaml_fields.hpp"
#include "../../generator/src/yaml_node.hpp"

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

using blendin::generator::YamlNode;

namespace {

// Walks both trees side by side; returns the first difference, or "".
std::string difference(const YAML::Node& expected, const YamlNode& node, const std::string& path) {
  if (expected.Type() != node.Type()) return path + ": type " + std::to_string(node.Type());
  if (expected.Mark().line != node.Mark().line || expected.Mark().column != node.Mark().column)
    return path + ": mark " + std::to_string(node.Mark().line) + ":" + std::to_string(node.Mark().column);
  if (expected.IsScalar() && expected.Scalar() != node.Scalar()) return path + ": scalar \"" + node.Scalar() + "\"";
  if (!expected.IsScalar() && !node.Scalar().empty()) return path + ": a scalar on a container";
  if (expected.size() != node.size()) return path + ": size " + std::to_string(node.size());
  if (expected.IsSequence()) {
    std::size_t i = 0;
    auto item = node.begin();
    for (const auto& want : expected) {
      if (item == node.end()) return path + ": too few items";
      if (auto d = difference(want, *item, path + "[" + std::to_string(i) + "]"); !d.empty()) return d;
      ++item;
      ++i;
    }
    if (item != node.end()) return path + ": too many items";
  }
  if (expected.IsMap()) {
    auto entry = node.begin();
    for (const auto& want : expected) {
      if (entry == node.end()) return path + ": too few entries";
      const std::string key = want.first.Scalar();
      if (auto d = difference(want.first, entry->first, path + ".key(" + key + ")"); !d.empty()) return d;
      if (auto d = difference(want.second, entry->second, path + "." + key); !d.empty()) return d;
      // Lookup by key finds what yaml-cpp finds.
      if (want.first.IsScalar()) {
        const YAML::Node found = expected[key];
        if (auto d = difference(found, node[key], path + "[\"" + key + "\"]"); !d.empty()) return d;
      }
      ++entry;
    }
    if (entry != node.end()) return path + ": too many entries";
  }
  return "";
}

}  // namespace

TEST_CASE("generator::YamlNode reads documents as YAML::Load does") {
  const std::vector<std::string> documents{
      "title: \"Filmavond\"\nstart: 2026-12-12T19:30\ninterests: [film, languages]\n",
      "location:\n  name: \"Filmhuis\"\n  lat: 52.1590\n  lon: 4.4890\ncapacity: 60\n",
      "title:\ndate: ~\npillar: null\nlocation: ~\nempty: ''\n",
      "start: &s 2026-12-12T19:30\nend: *s\nlocation: &loc {name: X, city: Leiden}\nextra: *loc\n",
      "? [a, b]\n: c\nlist: [1, {x: 1}, [y, [z]]]\n",
      "title: !!str 123\ncapacity: !!int 5\nmenu: true\n",
      "- a\n- b: c\n  d: e\n- [f]\n",
      "\"just text\"\n",
      "# only a comment\n",
      "",
      "description: >\n  folded\n  text\nbody: |\n  literal\n  text\n",
      "naam: \"تجربة\"\nназва: \"Зустріч\"\n",
  };
  for (const auto& text : documents) {
    CAPTURE(text);
    const YAML::Node expected = YAML::Load(text);
    const YamlNode node = YamlNode::load(text);
    CHECK(difference(expected, node, "root") == "");
  }
  // A key that is absent, and any key of what is not a map, is undefined.
  const YamlNode map = YamlNode::load("a: 1\n");
  CHECK_FALSE(map["b"]);
  CHECK(map["a"]);
  CHECK_FALSE(map["a"]["x"]);
  CHECK(YamlNode().IsNull());
  CHECK(YamlNode().Mark().is_null());
}

TEST_CASE("generator::YamlNode refuses what YAML::Load refuses at the same place") {
  const std::vector<std::string> documents{"a: [1, 2\n", "a: *unknown\n", "a: b: c\n", "{a: 1\n", "a:\n  - b\n  c: d\n"};
  for (const auto& text : documents) {
    CAPTURE(text);
    std::string expected = "accepted", found = "accepted";
    try {
      YAML::Load(text);
    } catch (const YAML::Exception& error) {
      expected = std::to_string(error.mark.line) + ":" + std::to_string(error.mark.column) + " " + error.msg;
    }
    try {
      YamlNode::load(text);
    } catch (const YAML::Exception& error) {
      found = std::to_string(error.mark.line) + ":" + std::to_string(error.mark.column) + " " + error.msg;
    }
    CHECK(expected != "accepted");
    CHECK(found == expected);
  }
}

namespace {

// "line:column message" of YamlNode's refusal (0-based, as yaml-cpp's marks), or "accepted".
std::string refusal(const std::string& text) {
  try {
    YamlNode::load(text);
  } catch (const YAML::Exception& error) {
    return std::to_string(error.mark.line) + ":" + std::to_string(error.mark.column) + " " + error.msg;
  }
  return "accepted";
}

}  // namespace

TEST_CASE("generator::YamlNode refuses a repeated key at its second place") {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"title: Eerste\ntitle: Tweede\npillar: culture\n", "1:0 duplicate key \"title\": expected each key once"},
      {"a: 1\nb: {x: 1, y: 2, x: 3}\n", "1:16 duplicate key \"x\": expected each key once"},
      {"- {k: 1}\n- {k: 2, k: 3}\n", "1:9 duplicate key \"k\": expected each key once"},
  };
  for (const auto& [text, expected] : cases) {
    CAPTURE(text);
    CHECK(refusal(text) == expected);
  }
  CHECK_NOTHROW(YamlNode::load("a: 1\nb: {a: 2}\nc: [{a: 3}, {a: 4}]\n"));  // the same key in other maps
}

TEST_CASE("generator::YamlNode refuses escapes that decode to control characters") {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"title: \"Film\\x01avond\"\n", "0:7 control character U+0001: expected text without control characters"},
      {"title: \"a\\0b\"\n", "0:7 control character U+0000: expected text without control characters"},
      {"title: \"\\u0085\"\n", "0:7 control character U+0085: expected text without control characters"},
      {"title: \"\\uFFFE\"\n", "0:7 U+FFFE is not a character: expected text"},
      {"\"k\\x07\": v\n", "0:0 control character U+0007: expected text without control characters"},
  };
  for (const auto& [text, expected] : cases) {
    CAPTURE(text);
    CHECK(refusal(text) == expected);
  }
  CHECK(YamlNode::load("title: \"tab\\there \\u00e9\"\n")["title"].Scalar() == "tab\there \xc3\xa9");
}

TEST_CASE("generator::find_yaml_mistake names no mistake in valid front matter") {
  using blendin::generator::find_yaml_mistake;
  const std::vector<std::string> valid = {
      "title: Samen koken\nstart: 2027-02-13T18:00\nonline: https://meet.example.org/a?b=c\nregistration: mailto:a@b.example\n",
      "location:\n  name: Huis\n  city: Utrecht\n  lat: 52.1\n  lon: 5.1\npillar: social\n",
      "location: {name: \"Huis: de Pit\", city: Utrecht}\ninterests: [cooking, music] # comment\n",
      "description: |\n  Tijd:19:00 uur, neem mee: een bord\n  met een\ttab\n  \"open quote\ntitle: X\n",
      "description: >-\n  een lange\n  zin: die doorloopt\ntitle: X\n",
      "board:\n  - name: A\n    role: voorzitter\n  - name: B\n    role: penningmeester\nfunders:\n- X\n- Y\n",
      "title: 'It''s ours'\nsubtitle: \"Zeg \\\"hallo\\\"\"\ntimes:\n  - 10:00\n  - 11:30\n",
      "title: Een zin\n  die doorloopt op de volgende regel\nweight: 1\n",
      "interests: [cooking,\n  music]\ntitle: X\n",
      "# only a comment\n\ntitle: X   # and one after\n",
  };
  for (const std::string& text : valid) {
    CAPTURE(text);
    REQUIRE_NOTHROW(YamlNode::load(text));
    const auto parsed = find_yaml_mistake(text, 1000, true);
    CHECK_MESSAGE(!parsed.has_value(), (parsed ? parsed->message : std::string()));
    const auto unparsed = find_yaml_mistake(text, 1000, false);
    CHECK_MESSAGE(!unparsed.has_value(), (unparsed ? unparsed->message : std::string()));
  }
}

TEST_CASE("generator::find_yaml_mistake points at the line yaml-cpp's mark passes") {
  using blendin::generator::find_yaml_mistake;
  // yaml-cpp notices these on a later line; the mistake is on line 0.
  for (const std::string text : {"title:Hallo\nweight: 1\n", "title: \"Hallo\nweight: 1\n", "title: [a, b\nweight: 1\n"}) {
    CAPTURE(text);
    int error_line = -1;
    try {
      YamlNode::load(text);
    } catch (const YAML::Exception& error) {
      error_line = error.mark.line;
    }
    const auto mistake = find_yaml_mistake(text, error_line < 0 ? 1000 : error_line, error_line < 0);
    REQUIRE(mistake);
    CHECK(mistake->line == 0);
  }
}
