#pragma once
/// @file
/// ASCII character classes and case: for names, keywords and numbers that are ASCII by
/// definition (file extensions, option values, field names, dates). Text in general goes
/// through ICU (analysis/word_tokenizer.h).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace bodo::text {

/// True for '0'..'9' (a byte or a code point; a byte above 0x7F is none).
constexpr bool is_ascii_digit(char32_t c) noexcept { return c >= '0' && c <= '9'; }

/// True for 'a'..'z' and 'A'..'Z' (a byte or a code point; a byte above 0x7F is none).
constexpr bool is_ascii_letter(char32_t c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/// The number exactly `width` ASCII digits at `text[pos]` write; nothing when one is missing.
std::optional<int> ascii_number(std::string_view text, std::size_t pos, std::size_t width) noexcept;

/// `c` with 'A'..'Z' lowered; every other byte unchanged.
constexpr char ascii_lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

/// `s` with 'A'..'Z' lowered; every other byte (UTF-8 included) unchanged.
std::string ascii_lower(std::string_view s);

/// True when `a` and `b` are equal ignoring ASCII case.
bool equals_ascii_nocase(std::string_view a, std::string_view b) noexcept;

/// True when `text` ends with `suffix`, ignoring ASCII case.
bool ends_with_ascii_nocase(std::string_view text, std::string_view suffix) noexcept;

}  // namespace bodo::text
