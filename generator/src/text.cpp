// [SECTION] text from content  [SECTION] JSON  [SECTION] XML  [SECTION] iCalendar
// [SECTION] slugs and summaries
#include "text.hpp"

#include <blendin/core/text.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace blendin::generator {

// [SECTION] text from content
std::optional<TextProblem> find_text_problem(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c >= 0x20 && c < 0x7f) || c == '\t' || c == '\n' || c == '\r') {
      ++i;
      continue;
    }
    const std::size_t length = core::utf8_sequence_length(text, i);
    if (length == 0) {
      char byte[8];
      std::snprintf(byte, sizeof byte, "0x%02X", c);
      return TextProblem{i, "invalid UTF-8 (byte " + std::string(byte) + "): expected UTF-8 text"};
    }
    char32_t code_point = length == 1 ? c : c & (0x7f >> length);
    for (std::size_t k = 1; k < length; ++k) code_point = (code_point << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3f);
    if (core::is_control_character(code_point))
      return TextProblem{i,
                         "control character " + core::code_point_name(code_point) + ": expected text without control characters"};
    if (code_point == 0xfffe || code_point == 0xffff)
      return TextProblem{i, core::code_point_name(code_point) + " is not a character: expected text"};
    i += length;
  }
  return std::nullopt;
}

bool check_text(const std::string& file, std::string& text, DiagnosticList& errors) {
  const std::string_view bom = "\xEF\xBB\xBF";
  const bool has_bom = text.compare(0, bom.size(), bom) == 0;
  const auto problem = find_text_problem(std::string_view(text).substr(has_bom ? bom.size() : 0));
  if (problem) {
    const std::size_t offset = problem->offset + (has_bom ? bom.size() : 0);
    const std::size_t newline = offset == 0 ? std::string::npos : text.rfind('\n', offset - 1);
    const std::size_t line_start = newline == std::string::npos ? 0 : newline + 1;
    const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
    const int column = static_cast<int>(offset - line_start) + 1;
    errors.add(file, line, column, problem->message);
    return false;
  }
  if (has_bom) text.erase(0, bom.size());
  return true;
}

// [SECTION] JSON
std::string script_safe_json(std::string_view json) {
  std::string out;
  out.reserve(json.size());
  for (std::size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (c == '<' || c == '>' || c == '&') {
      out += c == '<' ? "\\u003c" : c == '>' ? "\\u003e" : "\\u0026";
    } else if (json.compare(i, 3, "\u2028") == 0 || json.compare(i, 3, "\u2029") == 0) {
      out += json[i + 2] == '\xa8' ? "\\u2028" : "\\u2029";
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::string format_number(double value) {
  if (!std::isfinite(value)) return "null";
  char buffer[32];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  (void)error;
  return std::string(buffer, end);
}

// [SECTION] XML
std::string escape_markup(std::string_view text, std::string_view apostrophe) {
  std::size_t extra = 0;
  for (const char c : text)
    if (c == '&' || c == '<' || c == '>' || c == '"' || c == '\'') extra += 5;
  if (extra == 0) return std::string(text);  // most text: one copy, no scan-and-append
  std::string out;
  out.reserve(text.size() + extra);
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += apostrophe; break;
      default: out += c;
    }
  }
  return out;
}

std::string xml_escape(std::string_view text) { return escape_markup(text, "&#39;"); }

// [SECTION] iCalendar
std::string ical_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        out += "\\n";
        break;
      case '\n': out += "\\n"; break;
      default: out += c;
    }
  }
  return out;
}

void ical_line(std::string& out, std::string_view name_and_params, std::string_view value) {
  std::string line;
  line.reserve(name_and_params.size() + value.size() + 1);
  line.append(name_and_params).append(1, ':').append(value);
  // Fold: at most 75 octets per physical line; continuation lines start with a
  // space, which counts toward their 75. Never cut a UTF-8 sequence.
  std::size_t pos = 0;
  std::size_t limit = 75;
  while (line.size() - pos > limit) {
    std::size_t cut = pos + limit;
    while (cut > pos && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    if (cut == pos) cut = pos + limit;  // not UTF-8 (content is checked on reading): cut anywhere, but go on
    out.append(line, pos, cut - pos);
    out += "\r\n ";
    pos = cut;
    limit = 74;
  }
  out.append(line, pos, std::string::npos);
  out += "\r\n";
}

// [SECTION] slugs and summaries
std::string slugify(std::string_view text) {
  std::string out;
  bool dash = false;
  for (const char ch : text) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) {
      if (dash && !out.empty()) out += '-';
      dash = false;
      out += static_cast<char>(c);
    } else if (c >= 'A' && c <= 'Z') {
      if (dash && !out.empty()) out += '-';
      dash = false;
      out += static_cast<char>(c - 'A' + 'a');
    } else if (c == ' ' || c == '-' || c == '_' || c == '\t') {
      dash = true;
    }
  }
  return out.empty() ? "section" : out;
}

std::string without_title_heading(std::string_view html, std::string_view title) {
  std::size_t start = 0;
  while (start < html.size() && (html[start] == '\n' || html[start] == ' ')) ++start;
  if (html.compare(start, 3, "<h1") != 0 || start + 3 >= html.size() || (html[start + 3] != '>' && html[start + 3] != ' '))
    return std::string(html);
  const std::size_t open_end = html.find('>', start);
  const std::size_t close = html.find("</h1>", start);
  if (open_end == std::string_view::npos || close == std::string_view::npos || close < open_end) return std::string(html);
  std::string text;  // the heading's text, its inline tags (<em>, <code>) left out
  bool in_tag = false;
  for (std::size_t i = open_end + 1; i < close; ++i) {
    if (html[i] == '<') in_tag = true;
    if (!in_tag) text += html[i];
    if (html[i] == '>') in_tag = false;
  }
  if (text != escape_markup(title, "'")) return std::string(html);
  std::size_t rest = close + 5;
  while (rest < html.size() && html[rest] == '\n') ++rest;
  return std::string(html.substr(rest));
}

std::string shorten(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return std::string(text);
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  const std::size_t space = text.rfind(' ', cut);
  if (space != std::string_view::npos && space > limit / 2) cut = space;
  std::string out(text.substr(0, cut));
  while (!out.empty() && (out.back() == ' ' || out.back() == ',' || out.back() == '.')) out.pop_back();
  return out + "…";
}

std::string text_hash(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
  return buffer;
}

}  // namespace blendin::generator
