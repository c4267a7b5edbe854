// Line breaking: lines are cut in logical order on the widths of the shaped
// paragraph, then each is reordered on its own (UAX #9, section 3.4).
#include <blendin/text/layout.hpp>

#include "code_points.hpp"
#include "paragraph.hpp"

namespace blendin::text {

namespace {

constexpr char32_t soft_hyphen = 0x00AD;

// Spaces that a line may end with (they hang past its end and are not drawn);
// no-break spaces (U+00A0, U+2007, U+202F) are not among them.
bool is_break_space(char32_t c) {
  return c == U' ' || c == U'\t' || c == 0x1680 || (c >= 0x2000 && c <= 0x200A && c != 0x2007) || c == 0x205F || c == 0x3000;
}

// Whether a line may start at `next` after `c` (a small part of UAX #14:
// after spaces, zero-width spaces, soft hyphens, hyphens and dashes, the
// Ethiopic word space; a hyphen-minus before a digit is a sign).
bool may_break_between(char32_t c, char32_t next) {
  if (is_break_space(next)) return false;
  if (is_break_space(c) || c == 0x200B || c == soft_hyphen) return true;
  if (c == U'-') return !(next >= U'0' && next <= U'9');
  return c == 0x2010 || c == 0x2012 || c == 0x2013 || c == 0x2014 || c == 0x1361;
}

struct LineCut {
  std::size_t begin = 0;
  std::size_t end = 0;  // trailing break spaces left out
  bool hyphen = false;  // ends at a soft hyphen, which then shows
};

class Breaker {
 public:
  Breaker(std::u32string_view text, const detail::Paragraph& paragraph, float max_width, const Advance& advance)
      : text_(text), paragraph_(paragraph), max_width_(max_width) {
    const std::u32string shaped = paragraph.shaped(0, paragraph.size());
    widths_.resize(shaped.size());
    for (std::size_t i = 0; i < shaped.size(); ++i) widths_[i] = detail::is_invisible(shaped[i]) ? 0.0f : advance(shaped[i]);
    hyphen_width_ = advance(U'-');
  }

  std::vector<LineCut> cut() {
    const std::size_t n = text_.size();
    for (std::size_t segment = 0; segment < n;) {
      std::size_t next = segment + 1;
      while (next < n && !may_break_between(text_[next - 1], text_[next])) ++next;
      place(segment, next);
      segment = next;
    }
    if (open_ || lines_.empty()) lines_.push_back(line_);
    return lines_;
  }

 private:
  float width_of(std::size_t begin, std::size_t end) const {
    float sum = 0;
    for (std::size_t i = begin; i < end; ++i) sum += widths_[i];
    return sum;
  }

  // The segment [begin, end) runs from one break opportunity to the next.
  void place(std::size_t begin, std::size_t end) {
    std::size_t content_end = end;
    while (content_end > begin && is_break_space(text_[content_end - 1])) --content_end;
    const bool hyphen = content_end > begin && text_[content_end - 1] == soft_hyphen && end < text_.size();
    const float content = width_of(begin, content_end) + (hyphen ? hyphen_width_ : 0.0f);
    if (open_ && width_ + content > max_width_) {
      lines_.push_back(line_);
      open_ = false;
      width_ = 0;
    }
    if (!open_) {
      line_ = {begin, begin, false};
      begin = split_overlong(begin, content_end, hyphen ? hyphen_width_ : 0.0f);
      open_ = true;
    }
    line_.end = content_end;
    line_.hyphen = hyphen;
    width_ += width_of(begin, end);
  }

  // Cuts off whole lines from a word wider than a line, between characters
  // (never before a mark); returns where the rest begins, now the line's start.
  std::size_t split_overlong(std::size_t begin, std::size_t end, float tail) {
    while (width_of(begin, end) + tail > max_width_) {
      std::size_t cut = begin + 1;
      while (cut < end && paragraph_.is_mark(cut)) ++cut;  // at least one letter with its marks
      float width = width_of(begin, cut);
      for (std::size_t next = cut; next < end;) {
        std::size_t after = next + 1;
        while (after < end && paragraph_.is_mark(after)) ++after;
        width += width_of(next, after);
        if (width > max_width_) break;
        next = cut = after;
      }
      if (cut >= end) break;
      lines_.push_back({begin, cut, false});
      begin = cut;
      line_.begin = begin;
    }
    return begin;
  }

  std::u32string_view text_;
  const detail::Paragraph& paragraph_;
  float max_width_;
  std::vector<float> widths_;
  float hyphen_width_ = 0;
  std::vector<LineCut> lines_;
  LineCut line_;
  bool open_ = false;  // line_ holds a segment (perhaps only spaces, at the paragraph's start)
  float width_ = 0;    // of line_, with the spaces after its last segment
};

}  // namespace

std::vector<VisualLine> wrap(std::string_view logical_utf8, Direction direction, float max_width, const Advance& advance) {
  const detail::CodePoints decoded = detail::decode_utf8(logical_utf8);
  const std::u32string_view code_points = decoded.text;
  std::vector<VisualLine> out;
  for (const detail::Span span : detail::paragraphs(code_points)) {
    const std::u32string_view text = code_points.substr(span.begin, span.end - span.begin);
    const detail::Paragraph paragraph(text, direction);
    for (const LineCut& cut : Breaker(text, paragraph, max_width, advance).cut()) {
      VisualLine line;
      for (const char32_t c : paragraph.visual(cut.begin, cut.end, cut.hyphen)) {
        detail::append_utf8(line.text, c);
        line.width += advance(c);
      }
      line.begin = decoded.bytes[span.begin + cut.begin];
      line.end = decoded.bytes[span.begin + cut.end];
      out.push_back(std::move(line));
    }
  }
  return out;
}

}  // namespace blendin::text
