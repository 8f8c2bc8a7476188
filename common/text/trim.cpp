#include "text/trim.h"

namespace bodo::text {

std::string_view trim_start(std::string_view s, std::string_view space) noexcept {
    const auto first = s.find_first_not_of(space);
    return first == std::string_view::npos ? std::string_view() : s.substr(first);
}

std::string_view trim_end(std::string_view s, std::string_view space) noexcept {
    const auto last = s.find_last_not_of(space);
    return last == std::string_view::npos ? std::string_view() : s.substr(0, last + 1);
}

std::string_view trim(std::string_view s, std::string_view space) noexcept { return trim_end(trim_start(s, space), space); }

void trim_in_place(std::string& s, std::string_view space) {
    const auto kept = trim(s, space);
    if (kept.size() == s.size()) return;
    const auto offset = static_cast<std::size_t>(kept.data() - s.data());
    const auto length = kept.size();
    s.erase(0, offset);
    s.resize(length);
}

}  // namespace bodo::text
