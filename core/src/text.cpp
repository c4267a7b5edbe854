#include <blendin/core/text.hpp>

namespace blendin::core {

std::size_t utf8_sequence_length(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(at);
  if (lead < 0x80) return 1;
  // The second byte's range depends on the lead (RFC 3629): it rules out
  // overlong forms, surrogates and code points above U+10FFFF.
  std::size_t length;
  unsigned char low = 0x80, high = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf)
    length = 2;
  else if (lead == 0xe0)
    length = 3, low = 0xa0;
  else if (lead == 0xed)
    length = 3, high = 0x9f;
  else if (lead >= 0xe1 && lead <= 0xef)
    length = 3;
  else if (lead == 0xf0)
    length = 4, low = 0x90;
  else if (lead >= 0xf1 && lead <= 0xf3)
    length = 4;
  else if (lead == 0xf4)
    length = 4, high = 0x8f;
  else
    return 0;
  if (text.size() - at < length) return 0;
  if (byte(at + 1) < low || byte(at + 1) > high) return 0;
  for (std::size_t i = 2; i < length; ++i)
    if (byte(at + i) < 0x80 || byte(at + i) > 0xbf) return 0;
  return length;
}

std::optional<ControlCharacter> find_control_character(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7f) return ControlCharacter{i, c};
    // U+0080-U+009F are C2 80 to C2 9F.
    if (c == 0xc2 && i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9f) return ControlCharacter{i, next};
    }
  }
  return std::nullopt;
}

std::string code_point_name(char32_t code_point) {
  static const char hex[] = "0123456789ABCDEF";
  std::string digits;
  for (char32_t rest = code_point; rest != 0 || digits.size() < 4; rest >>= 4) digits.insert(digits.begin(), hex[rest & 15]);
  return "U+" + digits;
}

std::string control_character_problem(const ControlCharacter& control) {
  return "holds the control character " + code_point_name(control.code_point) + " at byte " + std::to_string(control.byte) +
         ": expected text without control characters";
}

void append_quoted(std::string& out, std::string_view text) {
  static const char hex[] = "0123456789abcdef";
  out += '"';
  std::size_t plain = 0;  // start of the run of bytes written as they are
  auto escape = [&](std::size_t at, std::size_t length, const char* replacement) {
    out.append(text.data() + plain, at - plain);
    out += replacement;
    plain = at + length;
  };
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x7f) {
      if (c == '"')
        escape(i, 1, "\\\"");
      else if (c == '\\')
        escape(i, 1, "\\\\");
      ++i;
      continue;
    }
    if (c == '\n' || c == '\r' || c == '\t') {
      escape(i, 1, c == '\n' ? "\\n" : c == '\r' ? "\\r" : "\\t");
      ++i;
      continue;
    }
    const std::size_t length = c < 0x80 ? 1 : utf8_sequence_length(text, i);
    if (length == 0) {
      escape(i, 1, "\xef\xbf\xbd");  // U+FFFD REPLACEMENT CHARACTER
      ++i;
      continue;
    }
    // C0 and DEL are one byte; C1 is C2 80 to C2 9F.
    const bool c1 = c == 0xc2 && static_cast<unsigned char>(text[i + 1]) <= 0x9f;
    if (length == 1 || c1) {
      const unsigned code_point = c1 ? static_cast<unsigned char>(text[i + 1]) : c;
      const char escaped[] = {'\\', 'u', '0', '0', hex[code_point >> 4], hex[code_point & 15], 0};
      escape(i, length, escaped);
    }
    i += length;
  }
  out.append(text.data() + plain, text.size() - plain);
  out += '"';
}

std::string quoted(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  append_quoted(out, text);
  return out;
}

}  // namespace blendin::core
