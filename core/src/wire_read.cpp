// [SECTION] Text to JSON
// [SECTION] Where and why the parser stopped
// [SECTION] Fields
#include "wire_read.hpp"

#include <blendin/core/text.hpp>

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/value_stack.hpp>

#include <cmath>
#include <cstdint>
#include <cstdlib>

namespace blendin::core::wire {

namespace json = boost::json;

// [SECTION] Text to JSON

namespace {

// Builds a DOM like boost::json::parse, but reads every number from its text
// with strtod, which rounds correctly in glibc and in Emscripten's libc alike:
// Boost.JSON 1.81's own number parser can be one unit off in the last place,
// and a weight that changes on its way through JSON would change scores.
class ExactNumberHandler {
 public:
  static constexpr std::size_t max_object_size = std::size_t(-1);
  static constexpr std::size_t max_array_size = std::size_t(-1);
  static constexpr std::size_t max_key_size = std::size_t(-1);
  static constexpr std::size_t max_string_size = std::size_t(-1);

  json::value_stack stack;

  bool on_document_begin(boost::system::error_code&) { return true; }
  bool on_document_end(boost::system::error_code&) { return true; }
  bool on_object_begin(boost::system::error_code&) { return true; }
  bool on_object_end(std::size_t n, boost::system::error_code&) {
    stack.push_object(n);
    return true;
  }
  bool on_array_begin(boost::system::error_code&) { return true; }
  bool on_array_end(std::size_t n, boost::system::error_code&) {
    stack.push_array(n);
    return true;
  }
  bool on_key_part(json::string_view s, std::size_t, boost::system::error_code&) {
    stack.push_chars(s);
    return true;
  }
  bool on_key(json::string_view s, std::size_t, boost::system::error_code&) {
    stack.push_key(s);
    return true;
  }
  bool on_string_part(json::string_view s, std::size_t, boost::system::error_code&) {
    stack.push_chars(s);
    return true;
  }
  bool on_string(json::string_view s, std::size_t, boost::system::error_code&) {
    stack.push_string(s);
    return true;
  }
  bool on_number_part(json::string_view s, boost::system::error_code&) {
    number_.append(s.data(), s.size());
    return true;
  }
  bool on_int64(std::int64_t i, json::string_view, boost::system::error_code&) {
    number_.clear();
    stack.push_int64(i);
    return true;
  }
  bool on_uint64(std::uint64_t u, json::string_view, boost::system::error_code&) {
    number_.clear();
    stack.push_uint64(u);
    return true;
  }
  bool on_double(double, json::string_view s, boost::system::error_code&) {
    number_.append(s.data(), s.size());
    stack.push_double(std::strtod(number_.c_str(), nullptr));
    number_.clear();
    return true;
  }
  bool on_bool(bool b, boost::system::error_code&) {
    stack.push_bool(b);
    return true;
  }
  bool on_null(boost::system::error_code&) {
    stack.push_null();
    return true;
  }
  bool on_comment_part(json::string_view, boost::system::error_code&) { return true; }
  bool on_comment(json::string_view, boost::system::error_code&) { return true; }

 private:
  std::string number_;
};

}  // namespace

json::value parse_exact(std::initializer_list<std::string_view> pieces, boost::system::error_code& code, std::size_t& stopped,
                        json::storage_ptr storage) {
  json::basic_parser<ExactNumberHandler> parser{json::parse_options{}};
  parser.handler().stack.reset(std::move(storage));
  std::size_t left = pieces.size();
  stopped = 0;
  for (std::string_view piece : pieces) {
    const bool more = --left > 0;
    const std::size_t used = parser.write_some(more, piece.data(), piece.size(), code);
    stopped += used;
    if (code) return nullptr;
    // The parser stops reading where the document ends: the rest must be nothing.
    if (used != piece.size()) {
      code = json::error::extra_data;
      return nullptr;
    }
  }
  return parser.handler().stack.release();
}

json::value parse_document(std::string_view text, const char* what, json::storage_ptr storage) {
  boost::system::error_code code;
  std::size_t stopped = 0;
  json::value document = parse_exact({text}, code, stopped, std::move(storage));
  if (code) throw Refused({json_syntax_error(text, stopped, code, what)});
  return document;
}

void check_version(const json::object& object, const char* what) {
  const json::value* version = object.if_contains("version");
  if (!version || !version->is_int64() || version->get_int64() != format_version)
    throw Refused(Problem{std::string("(") + what + ")", "version", "expected 1, the wire format version this build reads"});
}

// [SECTION] Where and why the parser stopped

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
// A character of a number or of true, false, null (or of a misspelling of one).
bool is_token_char(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '+' || c == '.';
}

// What the grammar allows next.
enum class Expect { value, value_or_close, key, key_or_close, colon, comma_or_close, end };

struct Scan {
  Expect expect = Expect::value;  // at `token`
  bool in_object = false;         // the innermost open container is an object
  std::size_t token = 0;          // where the token that holds the stop starts (the stop itself when between tokens)
  bool in_string = false;         // the stop is inside a string
  bool in_token = false;          // the stop is inside a number or literal
};

// Follows the structure of text[0, stopped): the parser accepted all of it,
// so a scan of brackets, strings and tokens knows where it is.
Scan scan_to(std::string_view text, std::size_t stopped) {
  Scan scan;
  std::string containers;  // '{' and '[' open at this point
  auto after_value = [&] { return containers.empty() ? Expect::end : Expect::comma_or_close; };
  std::size_t i = 0;
  while (i < stopped) {
    const char c = text[i];
    if (is_space(c)) {
      ++i;
      continue;
    }
    scan.token = i;
    if (c == '{' || c == '[') {
      containers += c;
      scan.expect = c == '{' ? Expect::key_or_close : Expect::value_or_close;
      ++i;
    } else if (c == '}' || c == ']') {
      if (!containers.empty()) containers.pop_back();
      scan.expect = after_value();
      ++i;
    } else if (c == ',') {
      scan.expect = !containers.empty() && containers.back() == '{' ? Expect::key : Expect::value;
      ++i;
    } else if (c == ':') {
      scan.expect = Expect::value;
      ++i;
    } else if (c == '"') {
      std::size_t end = i + 1;
      while (end < stopped && text[end] != '"') end += text[end] == '\\' ? 2 : 1;
      if (end >= stopped) {
        scan.in_string = true;
        break;
      }
      const bool key = scan.expect == Expect::key || scan.expect == Expect::key_or_close;
      scan.expect = key ? Expect::colon : after_value();
      i = end + 1;
    } else {
      std::size_t end = i;
      while (end < stopped && is_token_char(text[end])) ++end;
      if (end >= stopped) {
        scan.in_token = true;
        break;
      }
      scan.expect = after_value();
      i = std::max(end, i + 1);
    }
  }
  if (!scan.in_string && !scan.in_token) scan.token = stopped;
  scan.in_object = !containers.empty() && containers.back() == '{';
  return scan;
}

const char* expected_text(Expect expect, bool in_object) {
  switch (expect) {
    case Expect::value: return "expected a value";
    case Expect::value_or_close: return "expected a value or a closing bracket";
    case Expect::key: return "expected a key in quotes";
    case Expect::key_or_close: return "expected a key in quotes or a closing brace";
    case Expect::colon: return "expected a colon";
    case Expect::comma_or_close:
      return in_object ? "expected a comma or a closing brace" : "expected a comma or a closing bracket";
    case Expect::end: return "expected the end of the text";
  }
  return "expected a value";
}

// What the text holds at `at`: the end, a byte that is not UTF-8, a whole
// token, or one character.
std::string found_at(std::string_view text, std::size_t at) {
  if (at >= text.size()) return "the end of the text";
  if (text.substr(at, 3) == "\xef\xbb\xbf") return "a byte order mark (U+FEFF); save the text as UTF-8 without one";
  const std::size_t length = utf8_sequence_length(text, at);
  if (length == 0) {
    static const char hex[] = "0123456789ABCDEF";
    const auto byte = static_cast<unsigned char>(text[at]);
    return std::string("the byte 0x") + hex[byte >> 4] + hex[byte & 15] + ", which is not UTF-8";
  }
  std::size_t end = at + length;
  if (is_token_char(text[at]))
    while (end < text.size() && end - at < 40 && is_token_char(text[end])) ++end;
  return quoted(text.substr(at, end - at));
}

// Why a string stopped the parser at `stopped`.
std::string string_problem(std::string_view text, std::size_t stopped, const boost::system::error_code& code) {
  if (stopped >= text.size()) return "the text ends inside a string";
  if (code == json::error::expected_hex_digit || code == json::error::illegal_leading_surrogate ||
      code == json::error::illegal_trailing_surrogate || code == json::error::expected_utf16_escape)
    return "a \\u escape in a string is not 4 hex digits of a character or of a UTF-16 surrogate pair";
  const auto c = static_cast<unsigned char>(text[stopped]);
  if (c < 0x20)
    return "a string holds the control character " + code_point_name(c) + ": write it as an escape (\\n, \\t, \\u00XX)";
  if (utf8_sequence_length(text, stopped) == 0) return "a string holds " + found_at(text, stopped);
  // A string ends early only after a \u escape of a lone leading surrogate.
  if (text[stopped] == '"') return "a \\u escape in a string is a UTF-16 leading surrogate without its trailing one";
  if (text[stopped] == '\\' || (stopped > 0 && text[stopped - 1] == '\\'))
    return "a string holds an escape that JSON does not have: expected \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX";
  return "unexpected " + found_at(text, stopped) + " in a string";
}

}  // namespace

Problem json_syntax_error(std::string_view text, std::size_t stopped, const boost::system::error_code& code, const char* what) {
  stopped = std::min(stopped, text.size());
  Problem problem{std::string("(") + what + ")", "", ""};
  problem.byte = stopped;
  problem.line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < stopped; ++i)
    if (text[i] == '\n') {
      ++problem.line;
      line_start = i + 1;
    }
  // Characters, not bytes: UTF-8 continuation bytes do not count.
  problem.column = 1;
  for (std::size_t i = line_start; i < stopped; ++i) problem.column += (static_cast<unsigned char>(text[i]) & 0xc0) != 0x80;

  std::string message;
  if (code == json::error::too_deep) {
    message = "nested deeper than " + std::to_string(json::parse_options{}.max_depth) + " objects and lists";
  } else if (code == json::error::exponent_overflow) {
    message = "a number's exponent is too large";
  } else {
    const Scan scan = scan_to(text, stopped);
    if (scan.in_string)
      message = string_problem(text, stopped, code);
    else
      message = std::string(expected_text(scan.expect, scan.in_object)) + ", got " + found_at(text, scan.token);
  }
  problem.message = "JSON syntax: " + message;
  return problem;
}

// [SECTION] Fields

const char* kind_name(const json::value& value) {
  switch (value.kind()) {
    case json::kind::null: return "null";
    case json::kind::bool_: return "a boolean";
    case json::kind::int64:
    case json::kind::uint64: return "an integer";
    case json::kind::double_: return "a number";
    case json::kind::string: return "a string";
    case json::kind::array: return "a list";
    case json::kind::object: return "an object";
  }
  return "?";
}

std::string number_text(double number) {
  if (std::isinf(number)) return number > 0 ? "infinity" : "-infinity";
  std::string text;
  append_json(text, number);
  return text;
}

std::optional<std::string> FieldReader::string(const char* field, bool required) {
  const json::value* value = find(field);
  if (!value || value->is_null()) {
    if (required) error(field, "missing: expected a string");
    return std::nullopt;
  }
  if (!value->is_string()) {
    error(field, std::string("expected a string, got ") + kind_name(*value));
    return std::nullopt;
  }
  return std::string(value->get_string());
}

std::optional<double> FieldReader::number(const char* field, bool required) {
  const json::value* value = find(field);
  if (!value || value->is_null()) {
    if (required) error(field, "missing: expected a number");
    return std::nullopt;
  }
  if (!value->is_number()) {
    error(field, std::string("expected a number, got ") + kind_name(*value));
    return std::nullopt;
  }
  return value->to_number<double>();
}

std::optional<int> FieldReader::integer(const char* field, bool required, WholeRange range) {
  const json::value* value = find(field);
  if (!value || value->is_null()) {
    if (required) error(field, "missing: " + expected_whole_number(range));
    return std::nullopt;
  }
  // Compared at the width the parser read: int64, uint64 (above int64's
  // range, so never in range) or a double that may be whole.
  std::string got;
  switch (value->kind()) {
    case json::kind::int64:
      if (range.contains(value->get_int64())) return int(value->get_int64());
      got = std::to_string(value->get_int64());
      break;
    case json::kind::uint64: got = std::to_string(value->get_uint64()); break;
    case json::kind::double_: {
      const double number = value->get_double();
      if (std::trunc(number) == number && number >= range.min && number <= range.max) return int(number);
      got = number_text(number);
      break;
    }
    default: got = kind_name(*value); break;
  }
  error(field, expected_whole_number(range) + ", got " + got);
  return std::nullopt;
}

std::optional<bool> FieldReader::boolean(const char* field) {
  const json::value* value = find(field);
  if (!value || value->is_null()) return std::nullopt;
  if (!value->is_bool()) {
    error(field, std::string("expected true or false, got ") + kind_name(*value));
    return std::nullopt;
  }
  return value->get_bool();
}

std::vector<std::string> FieldReader::strings(const char* field, bool required) {
  std::vector<std::string> out;
  const json::value* value = find(field);
  if (!value || value->is_null()) {
    if (required) error(field, "missing: expected a list of strings");
    return out;
  }
  if (!value->is_array()) {
    error(field, std::string("expected a list of strings, got ") + kind_name(*value));
    return out;
  }
  const auto& array = value->get_array();
  for (std::size_t i = 0; i < array.size(); ++i) {
    if (!array[i].is_string())
      error(std::string(field) + "[" + std::to_string(i) + "]", std::string("expected a string, got ") + kind_name(array[i]));
    else
      out.emplace_back(array[i].get_string());
  }
  return out;
}

}  // namespace blendin::core::wire
