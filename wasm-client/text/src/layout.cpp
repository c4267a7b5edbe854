// [SECTION] Directions
// [SECTION] One line
#include <blendin/text/layout.hpp>

#include "code_points.hpp"
#include "paragraph.hpp"

#include <fribidi.h>

namespace blendin::text {

// [SECTION] Directions

Direction direction_of_language(std::string_view lang) { return lang == "ar" || lang == "fa" ? Direction::rtl : Direction::ltr; }

Direction direction_of_text(std::string_view text, Direction fallback) {
  const detail::CodePoints decoded = detail::decode_utf8(text);
  const auto& code_points = decoded.text;
  int isolates = 0;  // rule P2 skips what lies between an isolate initiator and its PDI
  for (const char32_t c : code_points) {
    const FriBidiCharType type = fribidi_get_bidi_type(c);
    if (type == FRIBIDI_TYPE_LRI || type == FRIBIDI_TYPE_RLI || type == FRIBIDI_TYPE_FSI) {
      ++isolates;
    } else if (type == FRIBIDI_TYPE_PDI) {
      if (isolates > 0) --isolates;
    } else if (type == FRIBIDI_TYPE_BS) {
      break;  // the first paragraph decides
    } else if (isolates == 0 && FRIBIDI_IS_LETTER(type)) {
      return FRIBIDI_IS_RTL(type) ? Direction::rtl : Direction::ltr;
    }
  }
  return fallback;
}

std::string isolated(std::string_view value) {
  std::string out = "\u2068";  // FIRST STRONG ISOLATE
  out += value;
  out += "\u2069";  // POP DIRECTIONAL ISOLATE
  return out;
}

// [SECTION] One line

std::string visual_line(std::string_view logical_utf8, Direction direction) {
  const detail::CodePoints decoded = detail::decode_utf8(logical_utf8);
  const std::u32string_view code_points = decoded.text;
  std::string out;
  out.reserve(logical_utf8.size() + 8);
  bool first = true;
  for (const detail::Span span : detail::paragraphs(code_points)) {
    if (!first) out += '\n';
    first = false;
    const detail::Paragraph paragraph(code_points.substr(span.begin, span.end - span.begin), direction);
    for (const char32_t c : paragraph.visual(0, paragraph.size())) detail::append_utf8(out, c);
  }
  return out;
}

}  // namespace blendin::text
