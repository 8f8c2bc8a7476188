#include "readers/text_clean.h"

#include <cstring>

#include <simdjson.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include "text/hangul.h"

namespace bodo::readers {

std::optional<std::string> cp949_to_utf8(std::string_view text) {
    // Read as UTF-8, a file with a few broken bytes is mostly well-formed characters; CP949
    // Korean is mostly not (its lead bytes B0..BF are UTF-8 continuation bytes). Such a file is
    // not CP949, which would read it as a jumble of Hanja and Hangul.
    std::size_t well_formed = 0, broken = 0;
    for (std::size_t i = 0; i < text.size();) {
        const auto b = static_cast<unsigned char>(text[i]);
        const std::size_t n = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 0;
        bool ok = n > 1 && i + n <= text.size() && b >= 0xC2 && b <= 0xF4;
        for (std::size_t k = 1; ok && k < n; ++k) ok = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
        if (n == 1) {
            ++i;
        } else if (ok) {
            ++well_formed;
            i += n;
        } else {
            ++broken;
            ++i;
        }
    }
    if (broken * 4 < well_formed) return std::nullopt;
    UErrorCode status = U_ZERO_ERROR;
    UConverter* converter = ucnv_open("windows-949", &status);
    if (U_FAILURE(status)) return std::nullopt;
    // Stop at the first byte sequence CP949 does not define instead of substituting it.
    ucnv_setToUCallBack(converter, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
    std::u16string utf16(text.size() + 1, u'\0');
    const int32_t length = ucnv_toUChars(converter, utf16.data(), static_cast<int32_t>(utf16.size()), text.data(),
                                         static_cast<int32_t>(text.size()), &status);
    ucnv_close(converter);
    if (U_FAILURE(status)) return std::nullopt;
    // CP949 gives meaning to almost any byte pair; its user-defined area (private use) and C1
    // controls are where garbage lands. Korean text has Hangul.
    bool hangul = false;
    for (int32_t i = 0; i < length; ++i) {
        const char16_t c = utf16[static_cast<std::size_t>(i)];
        if ((c >= 0xE000 && c <= 0xF8FF) || (c >= 0x80 && c <= 0x9F)) return std::nullopt;
        hangul = hangul || text::is_hangul_syllable(c);
    }
    if (!hangul) return std::nullopt;
    std::string utf8;
    icu::UnicodeString(false, utf16.data(), length).toUTF8String(utf8);
    return utf8;
}

bool is_valid_utf8(std::string_view text) noexcept {
    return simdjson::validate_utf8(text.data(), text.size());
}

namespace {

/// Whether byte `i` starts a character strip_control_characters removes, and its length.
std::size_t control_length(const std::string& s, std::size_t i) noexcept {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20) return (c == '\n' || c == '\t') ? 0 : 1;
    if (c == 0x7f) return 1;
    // C1 controls U+0080..U+009F are encoded C2 80..C2 9F.
    if (c == 0xc2 && i + 1 < s.size()) {
        const auto d = static_cast<unsigned char>(s[i + 1]);
        if (d >= 0x80 && d <= 0x9f) return 2;
    }
    return 0;
}

}  // namespace

void strip_control_characters(std::string& text) {
    // Fast path: most texts have nothing to strip, so look before copying.
    std::size_t i = 0;
    while (i < text.size() && control_length(text, i) == 0) ++i;
    if (i == text.size()) return;
    std::size_t out = i;
    while (i < text.size()) {
        const std::size_t n = control_length(text, i);
        if (n > 0) {
            i += n;
        } else {
            text[out++] = text[i++];
        }
    }
    text.resize(out);
}

bool has_nul_byte(std::string_view text) noexcept {
    return std::memchr(text.data(), '\0', text.size()) != nullptr;
}

}  // namespace bodo::readers
