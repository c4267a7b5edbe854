// UTF-8 text as the core checks and quotes it: every string it reads from a
// pool, a request or a pair file, and every value it repeats in a message.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace blendin::core {

// The length of the well-formed UTF-8 sequence that starts at text[at] (1 to
// 4 bytes), or 0 when the bytes there are not UTF-8 (a stray continuation
// byte, an overlong form, a surrogate, beyond U+10FFFF, cut short).
std::size_t utf8_sequence_length(std::string_view text, std::size_t at);

// A control character: U+0000-U+001F, U+007F or U+0080-U+009F (C0, DEL, C1).
constexpr bool is_control_character(char32_t code_point) {
  return code_point < 0x20 || (code_point >= 0x7f && code_point <= 0x9f);
}

struct ControlCharacter {
  std::size_t byte = 0;  // where its encoding starts
  char32_t code_point = 0;
};
// The first control character of UTF-8 text, if any.
std::optional<ControlCharacter> find_control_character(std::string_view text);

// "U+001B"
std::string code_point_name(char32_t code_point);

// "holds the control character U+001B at byte 3: expected text without
// control characters": the one message for a field that holds one.
std::string control_character_problem(const ControlCharacter& control);

// Appends text as a JSON string literal: quotes and backslashes escaped,
// control characters as \n, \r, \t or \u00XX, every byte that is not UTF-8 as
// U+FFFD, everything else as it is. The one way the core quotes text, in JSON
// it writes and in messages, so that no value can end a message early or reach
// a terminal as a control sequence.
void append_quoted(std::string& out, std::string_view text);
std::string quoted(std::string_view text);

}  // namespace blendin::core
