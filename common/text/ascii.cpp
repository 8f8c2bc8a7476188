#include "text/ascii.h"

namespace bodo::text {

std::optional<int> ascii_number(std::string_view text, std::size_t pos, std::size_t width) noexcept {
    if (pos > text.size() || width > text.size() - pos) return std::nullopt;
    int value = 0;
    for (std::size_t i = pos; i < pos + width; ++i) {
        if (!is_ascii_digit(text[i])) return std::nullopt;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = ascii_lower(c);
    return out;
}

bool equals_ascii_nocase(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
    }
    return true;
}

bool ends_with_ascii_nocase(std::string_view text, std::string_view suffix) noexcept {
    return suffix.size() <= text.size() && equals_ascii_nocase(text.substr(text.size() - suffix.size()), suffix);
}

}  // namespace bodo::text
