// Text as Dear ImGui 1.86 must be given it. ImGui draws one glyph per code
// point from left to right and knows nothing of scripts, so every string it
// draws is laid out here first: in visual order by the Unicode Bidirectional
// Algorithm (UAX #9) with the paragraph direction given, Arabic and Persian
// letters joined into their presentation forms (U+FB50-U+FDFF,
// U+FE70-U+FEFF) with the lam-alef ligatures, mirrored brackets on the right
// to left side, and the invisible format characters (ZWNJ, ZWJ, bidi marks,
// isolates, soft hyphens) dropped once they have done their work.
//
// Input is logical UTF-8 as the site's strings and people's names hold it;
// bytes that are not UTF-8 become U+FFFD. A line feed (LF, CR, CRLF or U+2029)
// ends a paragraph; each paragraph is resolved on its own.
//
// [SECTION] Directions
// [SECTION] One line
// [SECTION] Wrapped lines
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace blendin::text {

// [SECTION] Directions

enum class Direction { ltr, rtl };

// rtl for the site's right-to-left languages (ar, fa), ltr for every other code.
Direction direction_of_language(std::string_view lang);

// The direction of the first strong letter of `text` (rules P2 and P3, as
// dir="auto" does; isolates skipped), or `fallback` when it has none: for
// text whose language is unknown, such as a name someone typed.
Direction direction_of_text(std::string_view text, Direction fallback);

// `value` between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE, as <bdi>
// does in HTML: put every value that comes from data (a name, a postcode, a
// URL, a number with its unit) into a translated sentence through it, so
// that "5612 CK Eindhoven" in an Arabic sentence keeps its own order and does
// not reorder the words around it. Without it the bidi algorithm would show
// "CK Eindhoven 5612", as a browser would.
std::string isolated(std::string_view value);

// [SECTION] One line

// The text as one line in visual order, UTF-8, ready for ImGui::TextUnformatted.
// Paragraphs (see above) come out one per line, joined with '\n'.
std::string visual_line(std::string_view logical_utf8, Direction paragraph);

// [SECTION] Wrapped lines

// The width of a code point as ImGui draws it (its advance), for example
// [&](char32_t c) { return font->GetCharAdvance(static_cast<ImWchar>(c)) * scale; }.
// It is asked only about code points that visual lines contain.
using Advance = std::function<float(char32_t)>;

struct VisualLine {
  std::string text;       // UTF-8 in visual order; no trailing break spaces
  float width = 0;        // the sum of the advances of text's code points
  std::size_t begin = 0;  // the bytes of the input the line shows: [begin, end)
  std::size_t end = 0;
};

// The text broken into lines no wider than `max_width` and each laid out as
// visual_line does. Breaks fall after spaces, after hyphens and dashes, at
// zero-width spaces and at soft hyphens (which then show as '-'); a word wider
// than a line is broken between characters, never between a letter and its
// combining marks. Lines are broken in logical order and only then reordered,
// one by one, as UAX #9 requires; Arabic joins within a line only. Every
// paragraph gives at least one line (an empty one for an empty paragraph).
// Align each line to the left in ltr, to the right in rtl.
std::vector<VisualLine> wrap(std::string_view logical_utf8, Direction paragraph, float max_width, const Advance& advance);

}  // namespace blendin::text
