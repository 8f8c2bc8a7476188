#include "readers/text_clean.h"

#include <cstring>

#include <simdjson.h>

namespace bodo::readers {

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

std::string_view trim(std::string_view text) noexcept {
    constexpr std::string_view space = " \t\r\n\f\v";
    const auto first = text.find_first_not_of(space);
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(space);
    return text.substr(first, last - first + 1);
}

void trim_in_place(std::string& text) {
    const auto kept = trim(text);
    if (kept.size() == text.size()) return;
    const auto offset = static_cast<std::size_t>(kept.data() - text.data());
    const auto length = kept.size();
    text.erase(0, offset);
    text.resize(length);
}

bool has_nul_byte(std::string_view text) noexcept {
    return std::memchr(text.data(), '\0', text.size()) != nullptr;
}

bool ends_with_nocase(std::string_view text, std::string_view suffix) noexcept {
    if (suffix.size() > text.size()) return false;
    const auto tail = text.substr(text.size() - suffix.size());
    for (std::size_t i = 0; i < suffix.size(); ++i) {
        char a = tail[i];
        char b = suffix[i];
        if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
        if (b >= 'A' && b <= 'Z') b = static_cast<char>(b - 'A' + 'a');
        if (a != b) return false;
    }
    return true;
}

}  // namespace bodo::readers
