// Small text helpers: text read from content, JSON in a script, XML/HTML escaping,
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

// JSON text (the core's serialiser writes it) made safe inside
// <script type="application/ld+json"> whatever the content: < > & U+2028
// U+2029 as \u escapes, which only strings can hold.
std::string script_safe_json(std::string_view json);
// & < > " and the apostrophe as given ("&#39;" in XML, "&apos;" where kainjow Mustache uses it).
std::string escape_markup(std::string_view text, std::string_view apostrophe);
std::string xml_escape(std::string_view text);  // & < > " '
// RFC 5545: escape \ ; , and newlines in TEXT values.
std::string ical_escape(std::string_view text);
// Appends "NAME:VALUE" folded at 75 octets (never inside a UTF-8 sequence), CRLF.
void ical_line(std::string& out, std::string_view name_and_params, std::string_view value);
// A heading's anchor: lower-case, spaces to '-', punctuation dropped, non-ASCII kept.
// FNV-1a, 64 bits, in 16 hexadecimal digits: it only has to tell whether
// bytes changed (a calendar's event, an asset's version), not resist an attacker.
std::string text_hash(std::string_view text);
std::string slugify(std::string_view text);
// Shortens to at most `limit` bytes at a word boundary, adding "…".
std::string shorten(std::string_view text, std::size_t limit);
std::string format_number(double value);
// Rendered Markdown without its first heading when that is an <h1> saying the
// page's title: templates print the title as the page's <h1> already.
std::string without_title_heading(std::string_view html, std::string_view title);

}  // namespace blendin::generator
