#include "code_points.hpp"

#include <blendin/core/text.hpp>

namespace blendin::text::detail {

CodePoints decode_utf8(std::string_view utf8) {
  CodePoints out;
  out.text.reserve(utf8.size());
  out.bytes.reserve(utf8.size() + 1);
  for (std::size_t at = 0; at < utf8.size();) {
    out.bytes.push_back(at);
    const std::size_t length = core::utf8_sequence_length(utf8, at);
    if (length == 0) {
      out.text.push_back(U'\uFFFD');
      ++at;
      continue;
    }
    // The lead byte keeps 7, 5, 4 or 3 bits; every continuation byte 6.
    static constexpr unsigned char lead_mask[] = {0, 0x7f, 0x1f, 0x0f, 0x07};
    char32_t code_point = static_cast<unsigned char>(utf8[at]) & lead_mask[length];
    for (std::size_t i = 1; i < length; ++i) code_point = (code_point << 6) | (static_cast<unsigned char>(utf8[at + i]) & 0x3f);
    out.text.push_back(code_point);
    at += length;
  }
  out.bytes.push_back(utf8.size());
  return out;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xc0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3f));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xe0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (c & 0x3f));
  } else {
    out += static_cast<char>(0xf0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3f));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (c & 0x3f));
  }
}

std::vector<Span> paragraphs(std::u32string_view text) {
  std::vector<Span> out;
  std::size_t begin = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char32_t c = text[i];
    if (c != U'\n' && c != U'\r' && c != U'\u2029') continue;
    out.push_back({begin, i});
    if (c == U'\r' && i + 1 < text.size() && text[i + 1] == U'\n') ++i;
    begin = i + 1;
  }
  out.push_back({begin, text.size()});
  return out;
}

}  // namespace blendin::text::detail
