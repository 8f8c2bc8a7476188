#include "text/date.h"

#include <array>
#include <cstdio>

#include "text/ascii.h"

namespace bodo::text {

namespace {

/// Whether `rest` (not empty) is a time: T, t or a space, then spaces or tabs, then a digit.
bool is_time(std::string_view rest) noexcept {
    if (rest[0] != 'T' && rest[0] != 't' && rest[0] != ' ') return false;
    std::size_t pos = 1;
    while (pos < rest.size() && (rest[pos] == ' ' || rest[pos] == '\t')) ++pos;
    return pos < rest.size() && is_ascii_digit(rest[pos]);
}

}  // namespace

int days_in_month(int year, int month) noexcept {
    static constexpr std::array<int, 12> lengths = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap_year(year) ? 29 : lengths[static_cast<std::size_t>(month - 1)];
}

bool is_valid_date(int year, int month, int day) noexcept {
    if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
    return day <= days_in_month(year, month);
}

int weekday(int year, int month, int day) noexcept {
    // Sakamoto's method.
    static constexpr std::array<int, 12> offsets = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    if (month < 3) year -= 1;
    return (year + year / 4 - year / 100 + year / 400 + offsets[static_cast<std::size_t>(month - 1)] + day) % 7;
}

std::string format_date(int year, int month, int day) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
    return text;
}

std::optional<YearFirstDate> scan_year_first_date(std::string_view s, YearFirstOptions options) noexcept {
    std::size_t run = 0;  // the digits the text starts with
    while (run < s.size() && is_ascii_digit(s[run])) ++run;
    if (run < 4) return std::nullopt;
    YearFirstDate date;
    date.year = *ascii_number(s, 0, 4);
    std::size_t pos = 4;

    auto consume = [&](std::string_view token) {
        if (s.substr(pos, token.size()) != token) return false;
        pos += token.size();
        return true;
    };
    auto skip_spaces = [&] {
        if (!options.spaces) return;
        while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t')) ++pos;
    };
    // A month or a day: one or two digits, not followed by a third.
    auto read_part = [&](int& value) {
        std::size_t end = pos;
        while (end < s.size() && is_ascii_digit(s[end])) ++end;
        if (end == pos || end - pos > 2) return false;
        value = *ascii_number(s, pos, end - pos);
        pos = end;
        return true;
    };

    if (run == 8 || (run == 6 && options.partial)) {  // 20210304, 202103
        date.month = *ascii_number(s, 4, 2);
        date.has_month = true;
        if (run == 8) {
            date.day = *ascii_number(s, 6, 2);
            date.has_day = true;
        }
        pos = run;
    } else if (run != 4) {
        return std::nullopt;
    } else if (options.partial && (pos == s.size() || s.substr(pos) == ".")) {  // 2021, 2021.
        return date;
    } else if (consume("년")) {  // 2021년 3월 4일
        if (options.partial && pos == s.size()) return date;
        skip_spaces();
        if (!read_part(date.month) || !consume("월")) return std::nullopt;
        date.has_month = true;
        if (options.partial && pos == s.size()) return date;
        skip_spaces();
        if (!read_part(date.day)) return std::nullopt;
        date.has_day = true;
        if (!consume("일") && !options.day_mark_optional) return std::nullopt;
    } else {  // 2021-03-04, 2021-3-4, 2021.03.04, 2021. 3. 4., 2021/03/04: one separator throughout
        if (pos == s.size() || (s[pos] != '-' && s[pos] != '.' && s[pos] != '/')) return std::nullopt;
        const char separator = s[pos++];
        skip_spaces();
        if (!read_part(date.month)) return std::nullopt;
        date.has_month = true;
        // A separator that ends the text ends a partial date's month ("2021.03." as Koreans write it).
        if (pos < s.size() && s[pos] == separator && (pos + 1 < s.size() || !options.partial)) {
            ++pos;
            skip_spaces();
            if (!read_part(date.day)) return std::nullopt;
            date.has_day = true;
        } else if (!options.partial) {
            return std::nullopt;
        }
        if (separator == '.' && pos < s.size() && s[pos] == '.') ++pos;
    }
    if (pos < s.size() && !(options.time && date.has_day && is_time(s.substr(pos)))) return std::nullopt;
    return date;
}

}  // namespace bodo::text
