#include "yaml_fields.hpp"

#include "files.hpp"
#include "text.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <vector>

namespace fs = std::filesystem;

namespace blendin::generator {

std::string describe(const YamlNode& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: return "a map";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Null: return "nothing";
    case YAML::NodeType::Scalar: return "\"" + node.Scalar() + "\"";
    default: return "nothing";
  }
}

std::optional<std::string> get_string(const Place& place, const YamlNode& node, const std::string& key) {
  if (!node.IsScalar()) {
    place.at(node, key + ": expected a text, got " + describe(node));
    return std::nullopt;
  }
  return node.Scalar();
}

std::optional<bool> get_bool(const Place& place, const YamlNode& node, const std::string& key) {
  if (node.IsScalar()) {
    const std::string& s = node.Scalar();
    if (s == "true" || s == "True" || s == "TRUE") return true;
    if (s == "false" || s == "False" || s == "FALSE") return false;
  }
  place.at(node, key + ": expected true or false, got " + describe(node));
  return std::nullopt;
}

std::optional<double> get_number(const Place& place, const YamlNode& node, const std::string& key, double low, double high,
                                 const std::string& expected) {
  if (node.IsScalar()) {
    const std::string& s = node.Scalar();
    char* end = nullptr;
    const double value = std::strtod(s.c_str(), &end);
    if (!s.empty() && end && *end == '\0' && std::isfinite(value) && value >= low && value <= high) return value;
  }
  place.at(node, key + ": expected " + expected + ", got " + describe(node));
  return std::nullopt;
}

std::optional<std::string> get_pillar(const Place& place, const YamlNode& node) {
  auto s = get_string(place, node, "pillar");
  if (s && *s != "social" && *s != "culture" && *s != "work") {
    place.at(node, "pillar: expected one of social, culture, work, got \"" + *s + "\"");
    return std::nullopt;
  }
  return s;
}

bool looks_like_url(const std::string& s, bool allow_mailto) {
  return s.rfind("https://", 0) == 0 || s.rfind("http://", 0) == 0 || (allow_mailto && s.rfind("mailto:", 0) == 0);
}

namespace {

struct YamlLine {
  std::string_view text;  // without the line break
  int indent = 0;         // leading spaces
  bool blank = false;     // empty, spaces only, or a comment
};

std::vector<YamlLine> split_yaml_lines(std::string_view text) {
  std::vector<YamlLine> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    YamlLine line;
    line.text = text.substr(start, end - start);
    if (!line.text.empty() && line.text.back() == '\r') line.text.remove_suffix(1);
    while (static_cast<std::size_t>(line.indent) < line.text.size() && line.text[static_cast<std::size_t>(line.indent)] == ' ')
      ++line.indent;
    const std::string_view rest = line.text.substr(static_cast<std::size_t>(line.indent));
    line.blank = rest.empty() || rest.front() == '#';
    lines.push_back(line);
    if (end == text.size()) break;
    start = end + 1;
  }
  return lines;
}

// The length of a plain key at the start of `s` ("title" in "title: x"), 0 if none.
std::size_t plain_key_length(std::string_view s) {
  std::size_t n = 0;
  while (n < s.size() && (std::isalnum(static_cast<unsigned char>(s[n])) || s[n] == '_' || s[n] == '-' || s[n] == '.')) ++n;
  return n < s.size() && s[n] == ':' ? n : 0;
}

// Where the quote opening `value` closes on its line (the index of the
// closing quote), or npos; in single quotes '' is a quote written twice.
std::size_t closing_quote(std::string_view value) {
  const char quote = value.front();
  for (std::size_t i = 1; i < value.size(); ++i) {
    if (quote == '"' && value[i] == '\\') {
      ++i;
    } else if (value[i] == quote) {
      if (quote == '\'' && i + 1 < value.size() && value[i + 1] == '\'') {
        ++i;
        continue;
      }
      return i;
    }
  }
  return std::string_view::npos;
}

// Whether the brackets of a flow list or map opened at the start of `value`
// close on its line (quoted text skipped).
bool brackets_close(std::string_view value) {
  int depth = 0;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if ((c == '"' || c == '\'') &&
        (i == 0 || value[i - 1] == ' ' || value[i - 1] == '[' || value[i - 1] == '{' || value[i - 1] == ',')) {
      const std::size_t close = closing_quote(value.substr(i));
      if (close == std::string_view::npos) return false;
      i += close;
    } else if (c == '[' || c == '{') {
      ++depth;
    } else if (c == ']' || c == '}') {
      --depth;
    } else if (c == '#' && i > 0 && value[i - 1] == ' ' && depth > 0) {
      return false;
    }
  }
  return depth <= 0;
}

std::string in_quotes(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::string columns_list(const std::vector<int>& indents) {
  std::string out;
  for (std::size_t i = 0; i < indents.size(); ++i)
    out += (i == 0 ? "" : i + 1 == indents.size() ? " or " : ", ") + std::to_string(indents[i] + 1);
  return out;
}

}  // namespace

std::optional<YamlMistake> find_yaml_mistake(std::string_view text, int last_line, bool parsed) {
  const std::vector<YamlLine> lines = split_yaml_lines(text);
  // The next line that is not blank: a continuation of this one is more indented.
  auto next_ends_value = [&](std::size_t i, int indent) {
    for (std::size_t j = i + 1; j < lines.size(); ++j)
      if (!lines[j].blank) return lines[j].indent <= indent;
    return true;
  };
  // Whether the next line that is not blank is no "key:" line: parsed, a quote
  // left open took it into its text, which an editor may mean.
  auto next_is_text = [&](std::size_t i) {
    for (std::size_t j = i + 1; j < lines.size(); ++j)
      if (!lines[j].blank) return plain_key_length(lines[j].text.substr(static_cast<std::size_t>(lines[j].indent))) == 0;
    return true;
  };
  std::vector<int> levels;       // indents of the open maps, outermost first
  bool opens_block = false;      // the line before is "key:" with nothing after it
  int block_scalar_indent = -1;  // inside a | or > text: lines indented more than this
  const std::size_t last = std::min(lines.size(), static_cast<std::size_t>(std::max(last_line, 0)) + 1);
  for (std::size_t i = 0; i < last; ++i) {
    const YamlLine& line = lines[i];
    const int n = static_cast<int>(i);
    // Tabs: YAML indents with spaces only.
    for (std::size_t c = 0; !parsed && c < line.text.size() && (line.text[c] == ' ' || line.text[c] == '\t'); ++c)
      if (line.text[c] == '\t')
        return YamlMistake{n, static_cast<int>(c), "a tab: YAML indents with spaces only, expected spaces here"};
    if (line.blank) continue;
    if (block_scalar_indent >= 0) {
      if (line.indent > block_scalar_indent) continue;
      block_scalar_indent = -1;
    }
    int indent = line.indent;
    std::string_view rest = line.text.substr(static_cast<std::size_t>(indent));
    bool list_item = false;
    while (rest.size() >= 2 && rest[0] == '-' && rest[1] == ' ') {  // "- key: value" holds a map two columns in
      list_item = true;
      std::size_t skip = 2;
      while (skip < rest.size() && rest[skip] == ' ') ++skip;
      rest.remove_prefix(skip);
      indent += static_cast<int>(skip);
    }
    const std::size_t key_length = plain_key_length(rest);
    if (key_length == 0) {
      opens_block = false;
      continue;
    }
    const std::string_view key = rest.substr(0, key_length);
    const std::string_view after = rest.substr(key_length + 1);
    // "title:Hello": a key's colon wants a space after it (https://..., mailto:... and tel:... are no keys).
    // Parsed, such a line is a text where a key belongs: at a map's column, or first under "key:".
    const bool key_place = levels.empty() || opens_block || std::find(levels.begin(), levels.end(), indent) != levels.end();
    if (!after.empty() && after.front() != ' ' && std::isalpha(static_cast<unsigned char>(key.front())) &&
        !(after.front() == '/' && (key == "http" || key == "https")) && key != "mailto" && key != "tel" && (!parsed || key_place))
      return YamlMistake{n, indent + static_cast<int>(key_length) + 1,
                         "no space after " + in_quotes(std::string(key) + ":") + ": expected " +
                             in_quotes(std::string(key) + ": " + std::string(after)) +
                             ", a space between the colon and the value"};
    // Indentation: the keys of one map start in the same column.
    if (list_item) {
      while (!levels.empty() && levels.back() >= indent) levels.pop_back();
      levels.push_back(indent);
    } else if (levels.empty()) {
      levels.push_back(indent);
    } else if (indent > levels.back()) {
      if (!opens_block && !parsed)
        return YamlMistake{n, line.indent,
                           in_quotes(key) + " is indented further than the line before: expected it in column " +
                               std::to_string(levels.back() + 1) +
                               " like the keys beside it, or deeper only under a key that ends in a colon"};
      levels.push_back(indent);
    } else {
      const std::vector<int> open = levels;
      while (!levels.empty() && levels.back() > indent) levels.pop_back();
      if ((levels.empty() || levels.back() != indent) && !parsed) {
        return YamlMistake{n, line.indent,
                           in_quotes(key) + " is out of line with the keys above it: expected it in column " +
                               columns_list(open) + ", where the keys of the map it belongs to start"};
      }
    }
    std::size_t value_start = 0;
    while (value_start < after.size() && after[value_start] == ' ') ++value_start;
    const std::string_view value = after.substr(value_start);
    const int value_column = indent + static_cast<int>(key_length + 1 + value_start);
    opens_block = value.empty() || value.front() == '#';
    if (opens_block) continue;
    const char first = value.front();
    if (first == '|' || first == '>') {
      block_scalar_indent = line.indent;
      continue;
    }
    if (first == '"' || first == '\'') {
      const std::size_t close = closing_quote(value);
      if (close == std::string_view::npos) {
        if (parsed ? i + 1 < lines.size() && next_ends_value(i, line.indent) && !next_is_text(i)
                   : next_ends_value(i, line.indent))
          return YamlMistake{n, value_column,
                             "the quote " + std::string(1, first) + " that opens the value of " + in_quotes(key) +
                                 " is never closed: expected a closing " + std::string(1, first) + " at the end of the value"};
        continue;
      }
      if (parsed) continue;
      std::string_view tail = value.substr(close + 1);
      while (!tail.empty() && tail.front() == ' ') tail.remove_prefix(1);
      if (!tail.empty() && tail.front() != '#') {
        if (first == '\'')
          return YamlMistake{
              n, value_column + static_cast<int>(close),
              "the value of " + in_quotes(key) +
                  " ends its quotes here, before the text does: expected a ' inside single quotes written twice (''), or the "
                  "value in double quotes"};
        return YamlMistake{
            n, value_column + static_cast<int>(close),
            "the value of " + in_quotes(key) +
                " ends its quotes here, before the text does: expected a \" inside double quotes written as \\\", or the "
                "value in single quotes"};
      }
      continue;
    }
    if (parsed) continue;
    if (first == '[' || first == '{') {
      if (!brackets_close(value) && next_ends_value(i, line.indent))
        return YamlMistake{n, value_column,
                           std::string("the ") + first + " that opens the value of " + in_quotes(key) +
                               " is never closed: expected " +
                               (first == '[' ? "] at the end of the list, such as [cooking, music]"
                                             : "} at the end of the map, such as {name: Huis, city: Utrecht}")};
      continue;
    }
    // A plain value: ": " or a final ":" in it would start a map inside it.
    for (std::size_t c = 0; c < value.size(); ++c) {
      if (value[c] == '#' && c > 0 && value[c - 1] == ' ') break;  // a comment
      if (value[c] == ':' && (c + 1 == value.size() || value[c + 1] == ' '))
        return YamlMistake{n, value_column + static_cast<int>(c),
                           "a colon and a space inside the value of " + in_quotes(key) + ": expected the value in quotes, " +
                               std::string(key) + ": \"" + std::string(value) + "\""};
    }
  }
  return std::nullopt;
}

void report_yaml_error(const std::string& file, int line_offset, std::string_view text, const YAML::Exception& error,
                       DiagnosticList& errors) {
  const int error_line = error.mark.is_null() ? std::numeric_limits<int>::max() - 1 : error.mark.line;
  if (auto mistake = find_yaml_mistake(text, error_line, false))
    errors.add(file, mistake->line + 1 + line_offset, mistake->column + 1, std::move(mistake->message));
  else
    errors.add(file, error.mark.line + 1 + line_offset, error.mark.column + 1, "YAML: " + error.msg);
}

std::optional<YamlNode> load_yaml_file(const fs::path& root, const std::string& relative, const std::string& display,
                                       DiagnosticList& errors) {
  try {
    std::string problem;
    const auto path = resolve_inside(root, relative, problem);
    if (!path) {
      errors.add(display, 0, 0, problem + ", expected a file inside " + root.generic_string());
      return std::nullopt;
    }
    std::string text = read_file(*path);
    if (!check_text(display, text, errors)) return std::nullopt;
    try {
      YamlNode root = YamlNode::load(text);
      if (auto mistake = find_yaml_mistake(text, std::numeric_limits<int>::max() - 1, true)) {
        errors.add(display, mistake->line + 1, mistake->column + 1, std::move(mistake->message));
        return std::nullopt;
      }
      return root;
    } catch (const YAML::Exception& error) {
      report_yaml_error(display, 0, text, error, errors);
    }
  } catch (const std::exception& error) {
    errors.add(display, 0, 0, error.what());
  }
  return std::nullopt;
}

std::string display_of(const Site& site, const std::string& relative) {
  std::string base = site.content_display;
  if (!base.empty() && base.back() != '/') base += '/';
  return base + relative;
}

}  // namespace blendin::generator
