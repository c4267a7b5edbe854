// Reading YAML fields with the position of every mistake: the one way the
// loader reads site.yaml, data/, i18n/ and front matter.
#pragma once

#include "model.hpp"
#include "yaml_node.hpp"

#include <charconv>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace blendin::generator {

// Where an error is reported: file plus the line offset of the YAML text in it.
struct Place {
  const std::string& file;
  int line_offset;  // file line of YAML line 0, minus 1
  DiagnosticList& errors;

  void at(const YamlNode& node, std::string message) const {
    const TextPosition where = position(node);
    errors.add(where.file, where.line, where.column, std::move(message));
  }
  TextPosition position(const YamlNode& node) const {
    const YAML::Mark mark = node.Mark();
    if (mark.is_null()) return {file, line_offset + 1, 1};
    return {file, mark.line + 1 + line_offset, mark.column + 1};
  }
  // A required key that is missing has no line of its own: it is reported at
  // line 1, column 1, where the front matter (or the YAML file) opens.
  void missing(std::string message) const { errors.add(file, 1, 1, std::move(message)); }
};

// What a node holds, for messages: "a map", "a list", "nothing", "\"text\"".
std::string describe(const YamlNode& node);

std::optional<std::string> get_string(const Place& place, const YamlNode& node, const std::string& key);
std::optional<bool> get_bool(const Place& place, const YamlNode& node, const std::string& key);
// A whole number from `low` to `high`, read at the width it is stored in.
template <typename Integer>
std::optional<Integer> get_int(const Place& place, const YamlNode& node, const std::string& key, Integer low, Integer high) {
  if (node.IsScalar()) {
    const std::string& s = node.Scalar();
    Integer value{};
    const auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (!s.empty() && error == std::errc() && end == s.data() + s.size() && value >= low && value <= high) return value;
  }
  place.at(node, key + ": expected a whole number from " + std::to_string(low) + " to " + std::to_string(high) + ", got " +
                     describe(node));
  return std::nullopt;
}

std::optional<double> get_number(const Place& place, const YamlNode& node, const std::string& key, double low, double high,
                                 const std::string& expected);
// One of social, culture, work.
std::optional<std::string> get_pillar(const Place& place, const YamlNode& node);

bool looks_like_url(const std::string& s, bool allow_mailto);

// A mistake editors often make in YAML, found in the text itself because
// yaml-cpp's mark often points at the line after it: a missing space after a
// key's colon, a tab in the indentation, a key indented out of line, a quote
// or bracket never closed, a colon and space inside an unquoted value. Line
// and column from 0 in `text`.
struct YamlMistake {
  int line = 0, column = 0;
  std::string message;  // what is wrong and what is expected, in an editor's words
};
// The first such mistake in `text` up to line `last_line` (the line yaml-cpp
// stopped at), or nothing. With `parsed` (yaml-cpp read the text), only the
// mistakes YAML takes silently: a quote left open, which takes the next
// "key: value" line into its text, and a missing space after a key's colon
// where a key belongs, which makes "key:value" a text.
std::optional<YamlMistake> find_yaml_mistake(std::string_view text, int last_line, bool parsed);

// Reports YAML that yaml-cpp refused: the editor's mistake when one is found
// (find_yaml_mistake), else yaml-cpp's own message and mark. `line_offset`
// as in Place.
void report_yaml_error(const std::string& file, int line_offset, std::string_view text, const YAML::Exception& error,
                       DiagnosticList& errors);

// `relative` under `root` (content/ or templates/), which must stay inside
// it; nothing when it cannot be read (the error is reported).
std::optional<YamlNode> load_yaml_file(const std::filesystem::path& root, const std::string& relative, const std::string& display,
                                       DiagnosticList& errors);

// A content file's path as messages show it.
std::string display_of(const Site& site, const std::string& relative);

}  // namespace blendin::generator
