// One paragraph resolved by FriBidi: its bidi levels (UAX #9, rules P2 to I2,
// with the paragraph direction given), and any line of it in visual order.
#pragma once

#include <blendin/text/layout.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <fribidi.h>

namespace blendin::text::detail {

// A code point that ImGui must not draw: format characters that only steer
// the bidi algorithm or joining (ZWNJ, ZWJ, LRM, RLM, ALM, embeddings,
// overrides, isolates), other boundary-neutral ones (ZWSP, soft hyphen, BOM
// and the filler FriBidi leaves where a lam-alef ligature took two letters,
// C0 controls but tab) and variation selectors.
bool is_invisible(char32_t code_point);

class Paragraph {
 public:
  Paragraph(std::u32string_view logical, Direction direction);

  std::size_t size() const { return logical_.size(); }
  // Combining marks and other non-spacing marks: they stay with their letter.
  bool is_mark(std::size_t i) const { return types_[i] == FRIBIDI_TYPE_NSM; }

  // The code points of [begin, end) as drawn, in logical order: Arabic joined
  // and shaped within [begin, end), mirrored where the level is right to left.
  std::u32string shaped(std::size_t begin, std::size_t end) const;

  // The line [begin, end) in visual order, invisible code points dropped. With
  // `hyphen_at_end` the last code point (a soft hyphen) shows as '-'.
  std::u32string visual(std::size_t begin, std::size_t end, bool hyphen_at_end = false) const;

 private:
  std::vector<FriBidiChar> shape(std::size_t begin, std::size_t end, std::vector<FriBidiLevel>& levels) const;

  std::vector<FriBidiChar> logical_;  // FriBidi's own code point type: no cast between char32_t and it
  std::vector<FriBidiCharType> types_;
  std::vector<FriBidiLevel> levels_;
  FriBidiParType base_ = FRIBIDI_PAR_LTR;
};

}  // namespace blendin::text::detail
