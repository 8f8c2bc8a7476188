#pragma once
/// @file
/// UTF-8: stepping through code points forwards and backwards, appending one, finding where a
/// character starts.

#include <cstddef>
#include <string>
#include <string_view>

namespace bodo::text {

/// What next_code_point() and code_point_before() return for bytes that are no well-formed
/// UTF-8: no code point at all (above U+10FFFF), so no character test matches it.
inline constexpr char32_t kNotUtf8 = 0xFFFFFFFF;

/// True for a UTF-8 continuation byte (10xxxxxx).
constexpr bool is_continuation_byte(char byte) noexcept { return (static_cast<unsigned char>(byte) & 0xC0) == 0x80; }

/// The code point starting at `s[i]` (`i` < `s.size()`), advancing `i` past it.
///
/// Well-formed as Unicode defines it: no overlong forms, no surrogates, nothing above U+10FFFF,
/// nothing cut off by the end of `s`. Any other byte yields kNotUtf8 and advances `i` by one.
char32_t next_code_point(std::string_view s, std::size_t& i) noexcept;

/// The code point ending just before `s[i]`, moving `i` back to its start.
///
/// When the bytes before `i` end no well-formed sequence (a character cut off at `i`, stray
/// continuation bytes), returns kNotUtf8 and moves `i` back over them: to the nearest byte that
/// is no continuation byte, at most four bytes. At `i` == 0, returns kNotUtf8 and leaves `i`.
char32_t code_point_before(std::string_view s, std::size_t& i) noexcept;

/// `at` moved back to the start of the character it falls in; `s.size()` when `at` is past the end.
std::size_t char_start(std::string_view s, std::size_t at) noexcept;

/// Appends `c` in UTF-8; a surrogate or a value above U+10FFFF is appended as U+FFFD.
void append_utf8(std::string& out, char32_t c);

/// `text` without the UTF-8 byte order mark some Windows tools put at the start of a file.
constexpr std::string_view without_byte_order_mark(std::string_view text) noexcept {
    return text.starts_with("\xEF\xBB\xBF") ? text.substr(3) : text;
}

}  // namespace bodo::text
