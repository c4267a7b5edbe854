#include "paragraph.hpp"

#include <cstddef>
#include <new>

namespace blendin::text::detail {

namespace {

constexpr char32_t filler = 0xFEFF;  // FRIBIDI_CHAR_FILL

// FriBidi forms lam-alef ligatures only when the two letters touch; a mark on
// the lam (لَا) leaves them apart, which Arabic never writes. These join them
// across marks: the lam's initial (isolated ligature) or medial (final
// ligature) form, and the alef's final form.
char32_t lam_alef(char32_t lam, char32_t alef) {
  const bool initial = lam == 0xFEDF;
  if (!initial && lam != 0xFEE0) return 0;
  switch (alef) {
    case 0xFE82: return initial ? 0xFEF5 : 0xFEF6;  // alef with madda above
    case 0xFE84: return initial ? 0xFEF7 : 0xFEF8;  // alef with hamza above
    case 0xFE88: return initial ? 0xFEF9 : 0xFEFA;  // alef with hamza below
    case 0xFE8E: return initial ? 0xFEFB : 0xFEFC;  // alef
    default: return 0;
  }
}

}  // namespace

bool is_invisible(char32_t c) {
  if (c == U'\t') return false;
  if (c == 0x200E || c == 0x200F || c == 0x061C) return true;  // LRM, RLM, ALM
  if ((c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF) || c == 0x034F) return true;
  const FriBidiCharType type = fribidi_get_bidi_type(c);
  return FRIBIDI_IS_EXPLICIT_OR_BN(type) || FRIBIDI_IS_ISOLATE(type);
}

Paragraph::Paragraph(std::u32string_view logical, Direction direction)
    : logical_(logical.begin(), logical.end()),
      types_(logical.size()),
      levels_(logical.size()),
      base_(direction == Direction::rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR) {
  if (logical.empty()) return;
  const FriBidiChar* text = logical_.data();
  const auto length = static_cast<FriBidiStrIndex>(logical.size());
  fribidi_get_bidi_types(text, length, types_.data());
  std::vector<FriBidiBracketType> brackets(logical.size());
  fribidi_get_bracket_types(text, length, types_.data(), brackets.data());
  // FriBidi answers 0 only when it could not allocate.
  if (fribidi_get_par_embedding_levels_ex(types_.data(), brackets.data(), length, &base_, levels_.data()) == 0)
    throw std::bad_alloc();
}

std::vector<FriBidiChar> Paragraph::shape(std::size_t begin, std::size_t end, std::vector<FriBidiLevel>& levels) const {
  const auto from = static_cast<std::ptrdiff_t>(begin), to = static_cast<std::ptrdiff_t>(end);
  std::vector<FriBidiChar> out(logical_.begin() + from, logical_.begin() + to);
  levels.assign(levels_.begin() + from, levels_.begin() + to);
  if (out.empty()) return out;
  FriBidiChar* text = out.data();
  const auto length = static_cast<FriBidiStrIndex>(out.size());
  const FriBidiCharType* types = types_.data() + begin;
  std::vector<FriBidiArabicProp> joining(out.size());
  fribidi_get_joining_types(text, length, joining.data());
  fribidi_join_arabic(types, length, levels.data(), joining.data());
  fribidi_shape(FRIBIDI_FLAG_SHAPE_MIRRORING | FRIBIDI_FLAGS_ARABIC, levels.data(), length, joining.data(), text);

  for (std::size_t lam = 0; lam + 2 < out.size(); ++lam) {
    std::size_t alef = lam + 1;
    while (alef < out.size() && types[alef] == FRIBIDI_TYPE_NSM) ++alef;
    if (alef == lam + 1 || alef == out.size() || levels[alef] != levels[lam]) continue;
    if (const char32_t ligature = lam_alef(out[lam], out[alef])) {
      out[lam] = ligature;
      out[alef] = filler;
    }
  }
  return out;
}

std::u32string Paragraph::shaped(std::size_t begin, std::size_t end) const {
  std::vector<FriBidiLevel> levels;
  const std::vector<FriBidiChar> line = shape(begin, end, levels);
  return {line.begin(), line.end()};
}

std::u32string Paragraph::visual(std::size_t begin, std::size_t end, bool hyphen_at_end) const {
  std::vector<FriBidiLevel> levels;
  std::vector<FriBidiChar> line = shape(begin, end, levels);
  if (line.empty()) return {};
  const FriBidiCharType* types = types_.data() + begin;
  std::vector<FriBidiCharType> hyphenated;
  if (hyphen_at_end) {
    // The hyphen belongs to the word it ends: the soft hyphen's level was its
    // letter's, and it must not count as trailing white space (rule L1).
    line.back() = U'-';
    hyphenated.assign(types, types + line.size());
    hyphenated.back() = FRIBIDI_TYPE_ON;
    if (line.size() >= 2) levels.back() = levels[line.size() - 2];
    types = hyphenated.data();
  }
  // Marks stay before their letter in a right-to-left run, where ImGui draws
  // them over the letter that follows: the Arabic font's marks have no
  // advance and lie to the right of the pen (see docs/text-layout.md).
  const FriBidiFlags flags = 0;
  if (fribidi_reorder_line(flags, types, static_cast<FriBidiStrIndex>(line.size()), 0, base_, levels.data(), line.data(),
                           nullptr) == 0)
    throw std::bad_alloc();
  std::u32string out;
  out.reserve(line.size());
  for (const FriBidiChar c : line)
    if (!is_invisible(c)) out.push_back(c);
  return out;
}

}  // namespace blendin::text::detail
