#pragma once
/// @file
/// Small text repairs shared by the readers: control characters, UTF-8 checks, legacy encodings.

#include <optional>
#include <string>
#include <string_view>

namespace bodo::readers {

/// True when `text` is well-formed UTF-8.
bool is_valid_utf8(std::string_view text) noexcept;

/// `text` decoded from CP949 (EUC-KR and its Windows extension, as older Korean documents are
/// often saved) into UTF-8; nothing when a byte sequence is not CP949, decodes to its
/// user-defined area or a C1 control, or the text has no Hangul (then it is no Korean text) or
/// is mostly well-formed UTF-8 (then it is UTF-8 with a few broken bytes).
std::optional<std::string> cp949_to_utf8(std::string_view text);

/// Removes NUL and other control characters (C0 except '\n' and '\t', DEL, C1) in place.
///
/// '\r' goes too, so "\r\n" line ends become "\n". Expects valid UTF-8.
void strip_control_characters(std::string& text);

/// True when `text` contains a NUL byte (the mark of a binary file).
bool has_nul_byte(std::string_view text) noexcept;

}  // namespace bodo::readers
