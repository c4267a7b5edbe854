// Small text helpers: text read from content, JSON, XML/HTML escaping,
// iCalendar lines, URL slugs.
#pragma once

#include <blendin/generator/error.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace blendin::generator {

// The first thing in `text` that no output of the site can carry: a byte
// that is not UTF-8, a control character other than tab, line feed and
// carriage return (C0, DEL, C1), or the non-characters U+FFFE and U+FFFF
// (XML, HTML and iCalendar refuse them all).
struct TextProblem {
  std::size_t offset = 0;  // of the offending byte
  std::string message;     // what it is and what was expected
};
std::optional<TextProblem> find_text_problem(std::string_view text);

// Text read from a content or template file: drops a leading UTF-8 byte
// order mark, then reports the first TextProblem at file:line:column and
// returns false.
bool check_text(const std::string& file, std::string& text, DiagnosticList& errors);

// A compact JSON writer. `script_safe` also escapes < > & U+2028 U+2029 so the
// text can sit inside <script type="application/ld+json"> with any content.
class JsonWriter {
 public:
  explicit JsonWriter(bool script_safe = false) : script_safe_(script_safe) {}
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view name);
  JsonWriter& string(std::string_view value);
  JsonWriter& number(double value);
  JsonWriter& integer(long long value);
  JsonWriter& boolean(bool value);
  JsonWriter& null();
  // key + string, or key + null when empty
  JsonWriter& field_or_null(std::string_view name, const std::string& value);
  // Object members another JsonWriter wrote ("a":1,"b":2), added as they are.
  JsonWriter& members(std::string_view written);
  const std::string& str() const { return out_; }

 private:
  void separate();
  std::string out_;
  bool script_safe_;
  bool need_comma_ = false;
};

std::string json_quote(std::string_view value, bool script_safe = false);
// & < > " and the apostrophe as given ("&#39;" in XML, "&apos;" where kainjow Mustache uses it).
std::string escape_markup(std::string_view text, std::string_view apostrophe);
std::string xml_escape(std::string_view text);  // & < > " '
// RFC 5545: escape \ ; , and newlines in TEXT values.
std::string ical_escape(std::string_view text);
// Appends "NAME:VALUE" folded at 75 octets (never inside a UTF-8 sequence), CRLF.
void ical_line(std::string& out, std::string_view name_and_params, std::string_view value);
// A heading's anchor: lower-case, spaces to '-', punctuation dropped, non-ASCII kept.
std::string slugify(std::string_view text);
// Shortens to at most `limit` bytes at a word boundary, adding "…".
std::string shorten(std::string_view text, std::size_t limit);
std::string format_number(double value);

}  // namespace blendin::generator
