// [SECTION] text from content  [SECTION] JSON  [SECTION] XML  [SECTION] iCalendar
// [SECTION] slugs and summaries
#include "text.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace blendin::generator {

// [SECTION] text from content
std::optional<TextProblem> find_text_problem(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  auto hex = [](unsigned value, int digits) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%0*X", digits, value);
    return std::string(buffer);
  };
  for (std::size_t i = 0; i < size;) {
    const unsigned char c = bytes[i];
    if (c >= 0x20 && c < 0x7f) {
      ++i;
      continue;
    }
    if (c < 0x80) {
      if (c == '\t' || c == '\n' || c == '\r') {
        ++i;
        continue;
      }
      return TextProblem{i, "control character U+" + hex(c, 4) + ": expected text without control characters"};
    }
    // A multi-byte sequence: its length, and the range its second byte must
    // fall in (which excludes overlong forms, surrogates and code points
    // above U+10FFFF).
    int length = 0;
    unsigned char low = 0x80, high = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) length = 2;
    else if (c == 0xE0) length = 3, low = 0xA0;
    else if (c == 0xED) length = 3, high = 0x9F;
    else if (c >= 0xE1 && c <= 0xEF) length = 3;
    else if (c == 0xF0) length = 4, low = 0x90;
    else if (c >= 0xF1 && c <= 0xF3) length = 4;
    else if (c == 0xF4) length = 4, high = 0x8F;
    bool valid = length > 0 && i + static_cast<std::size_t>(length) <= size;
    for (int k = 1; valid && k < length; ++k) {
      const unsigned char next = bytes[i + static_cast<std::size_t>(k)];
      valid = k == 1 ? (next >= low && next <= high) : (next & 0xC0) == 0x80;
    }
    if (!valid) return TextProblem{i, "invalid UTF-8 (byte 0x" + hex(c, 2) + "): expected UTF-8 text"};
    unsigned code_point = c & (0x7F >> length);
    for (int k = 1; k < length; ++k) code_point = (code_point << 6) | (bytes[i + static_cast<std::size_t>(k)] & 0x3F);
    if (code_point <= 0x9F)
      return TextProblem{i, "control character U+" + hex(code_point, 4) + ": expected text without control characters"};
    if (code_point == 0xFFFE || code_point == 0xFFFF)
      return TextProblem{i, "U+" + hex(code_point, 4) + " is not a character: expected text"};
    i += static_cast<std::size_t>(length);
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
std::string json_quote(std::string_view value, bool script_safe) {
  std::string out;
  out.reserve(value.size() + 2);
  out += '"';
  for (std::size_t i = 0; i < value.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(value[i]);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
          out += buffer;
        } else if (script_safe && (c == '<' || c == '>' || c == '&')) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
          out += buffer;
        } else if (script_safe && c == 0xE2 && i + 2 < value.size() && static_cast<unsigned char>(value[i + 1]) == 0x80 &&
                   (static_cast<unsigned char>(value[i + 2]) == 0xA8 || static_cast<unsigned char>(value[i + 2]) == 0xA9)) {
          out += static_cast<unsigned char>(value[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
          i += 2;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
  return out;
}

std::string format_number(double value) {
  if (!std::isfinite(value)) return "null";
  char buffer[32];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  (void)error;
  return std::string(buffer, end);
}

void JsonWriter::separate() {
  if (need_comma_) out_ += ',';
  need_comma_ = true;
}
JsonWriter& JsonWriter::begin_object() { separate(); out_ += '{'; need_comma_ = false; return *this; }
JsonWriter& JsonWriter::end_object() { out_ += '}'; need_comma_ = true; return *this; }
JsonWriter& JsonWriter::begin_array() { separate(); out_ += '['; need_comma_ = false; return *this; }
JsonWriter& JsonWriter::end_array() { out_ += ']'; need_comma_ = true; return *this; }
JsonWriter& JsonWriter::key(std::string_view name) {
  separate();
  out_ += json_quote(name, script_safe_);
  out_ += ':';
  need_comma_ = false;
  return *this;
}
JsonWriter& JsonWriter::string(std::string_view value) { separate(); out_ += json_quote(value, script_safe_); return *this; }
JsonWriter& JsonWriter::number(double value) { separate(); out_ += format_number(value); return *this; }
JsonWriter& JsonWriter::integer(long long value) { separate(); out_ += std::to_string(value); return *this; }
JsonWriter& JsonWriter::boolean(bool value) { separate(); out_ += value ? "true" : "false"; return *this; }
JsonWriter& JsonWriter::null() { separate(); out_ += "null"; return *this; }
JsonWriter& JsonWriter::members(std::string_view written) {
  if (written.empty()) return *this;
  separate();
  out_ += written;
  return *this;
}
JsonWriter& JsonWriter::field_or_null(std::string_view name, const std::string& value) {
  key(name);
  return value.empty() ? null() : string(value);
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

}  // namespace blendin::generator
