#include "text/utf8.h"

#include <unicode/utf8.h>

#include <cstdint>

namespace bodo::text {

char32_t next_code_point(std::string_view s, std::size_t& i) noexcept {
    const auto byte = static_cast<unsigned char>(s[i]);
    std::size_t length = 0;
    char32_t c = 0;
    char32_t min = 0;  // the smallest code point of that length: below it, an overlong form
    if (byte < 0x80) {
        ++i;
        return byte;
    } else if (byte >= 0xC2 && byte <= 0xDF) {
        length = 2;
        c = byte & 0x1F;
        min = 0x80;
    } else if (byte >= 0xE0 && byte <= 0xEF) {
        length = 3;
        c = byte & 0x0F;
        min = 0x800;
    } else if (byte >= 0xF0 && byte <= 0xF4) {
        length = 4;
        c = byte & 0x07;
        min = 0x10000;
    }
    bool ok = length != 0 && i + length <= s.size();
    for (std::size_t k = 1; ok && k < length; ++k) {
        const char next = s[i + k];
        ok = is_continuation_byte(next);
        c = (c << 6) | (static_cast<unsigned char>(next) & 0x3F);
    }
    if (!ok || c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
        ++i;
        return kNotUtf8;
    }
    i += length;
    return c;
}

char32_t code_point_before(std::string_view s, std::size_t& i) noexcept {
    std::size_t start = i;
    while (start > 0 && i - start < 4) {
        --start;
        if (!is_continuation_byte(s[start])) break;
    }
    if (start == i) return kNotUtf8;
    std::size_t end = start;
    const char32_t c = next_code_point(s, end);
    const bool whole = end == i;
    i = start;
    return whole ? c : kNotUtf8;
}

std::size_t char_start(std::string_view s, std::size_t at) noexcept {
    if (at >= s.size()) return s.size();
    while (at > 0 && is_continuation_byte(s[at])) --at;
    return at;
}

void append_utf8(std::string& out, char32_t c) {
    if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = 0xFFFD;
    // ICU's encoder.
    char buf[U8_MAX_LENGTH];
    std::int32_t n = 0;
    U8_APPEND_UNSAFE(buf, n, static_cast<UChar32>(c));
    out.append(buf, static_cast<std::size_t>(n));
}

}  // namespace bodo::text
