// UTF-8 to code points and back, and the paragraphs of a text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace blendin::text::detail {

struct CodePoints {
  std::u32string text;             // bytes that are not UTF-8 become U+FFFD, one per byte
  std::vector<std::size_t> bytes;  // where each code point starts in the input, and the input's size last
};
CodePoints decode_utf8(std::string_view utf8);

void append_utf8(std::string& out, char32_t code_point);

struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
};
// The paragraphs of `text`, their separators (LF, CR, CRLF, U+2029) left out.
std::vector<Span> paragraphs(std::u32string_view text);

}  // namespace blendin::text::detail
