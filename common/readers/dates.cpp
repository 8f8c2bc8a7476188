#include "readers/dates.h"

#include <algorithm>
#include <array>
#include <cstdio>

namespace bodo::readers {

namespace {

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
bool is_alpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

/// Parses exactly `width` digits at `text[pos]`.
std::optional<int> digits(std::string_view text, std::size_t pos, std::size_t width) noexcept {
    if (pos + width > text.size()) return std::nullopt;
    int value = 0;
    for (std::size_t i = pos; i < pos + width; ++i) {
        if (!is_digit(text[i])) return std::nullopt;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

bool equals_nocase(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
}

/// Weekday for an English day name or abbreviation ("Friday", "Fri", "Fri."), or -1.
int english_weekday(std::string_view word) noexcept {
    static constexpr std::array<std::string_view, 7> names = {
        "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
    if (!word.empty() && word.back() == '.') word.remove_suffix(1);
    if (word.size() < 3) return -1;
    for (int i = 0; i < 7; ++i) {
        const auto name = names[static_cast<std::size_t>(i)];
        // Whole name, or a prefix of at least three letters ("Thu", "Thurs", "Tues").
        if (word.size() <= name.size() && equals_nocase(word, name.substr(0, word.size()))) return i;
    }
    return -1;
}

/// "Month D[, YYYY][ (Weekday)]" found in a text.
struct MonthDayMention {
    int month = 0;
    int day = 0;
    int year = -1;     ///< -1 when not written next to the day.
    int weekday = -1;  ///< -1 when not written.
};

std::size_t skip_spaces(std::string_view text, std::size_t pos) noexcept {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
    return pos;
}

/// Every "Month D" in `text` (the month capitalised, so the verb "may" is not a month).
std::vector<MonthDayMention> month_day_mentions(std::string_view text) {
    std::vector<MonthDayMention> found;
    std::size_t i = 0;
    while (i < text.size()) {
        if (!is_alpha(text[i]) || (i > 0 && is_alpha(text[i - 1]))) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && is_alpha(text[end])) ++end;
        const auto word = text.substr(i, end - i);
        const auto month = english_month(word);
        if (!month || !(text[i] >= 'A' && text[i] <= 'Z')) {
            i = end;
            continue;
        }
        std::size_t pos = end;
        if (pos < text.size() && text[pos] == '.') ++pos;
        pos = skip_spaces(text, pos);
        std::size_t day_end = pos;
        while (day_end < text.size() && is_digit(text[day_end]) && day_end - pos < 3) ++day_end;
        if (day_end == pos || day_end - pos > 2 || (day_end < text.size() && is_digit(text[day_end]))) {
            i = end;
            continue;
        }
        MonthDayMention mention;
        mention.month = *month;
        mention.day = *digits(text, pos, day_end - pos);
        pos = day_end;
        // Ordinal suffixes: "November 20th".
        for (std::string_view suffix : {"st", "nd", "rd", "th"}) {
            if (text.substr(pos, 2) == suffix && (pos + 2 >= text.size() || !is_alpha(text[pos + 2]))) {
                pos += 2;
                break;
            }
        }
        // ", 2020" or " 2020".
        std::size_t year_pos = pos;
        if (year_pos < text.size() && text[year_pos] == ',') ++year_pos;
        year_pos = skip_spaces(text, year_pos);
        if (const auto year = digits(text, year_pos, 4);
            year && (year_pos + 4 >= text.size() || !is_digit(text[year_pos + 4])) && year_pos > pos) {
            mention.year = *year;
            pos = year_pos + 4;
        }
        // " (Friday)".
        std::size_t paren = skip_spaces(text, pos);
        if (paren < text.size() && text[paren] == '(') {
            const auto close = text.find(')', paren);
            if (close != std::string_view::npos && close - paren <= 12) {
                mention.weekday = english_weekday(text.substr(paren + 1, close - paren - 1));
            }
        }
        if (mention.day >= 1 && mention.day <= 31) found.push_back(mention);
        i = end;
    }
    return found;
}

}  // namespace

bool is_valid_date(int year, int month, int day) noexcept {
    if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
    static constexpr std::array<int, 12> lengths = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    const int length = lengths[static_cast<std::size_t>(month - 1)] + (month == 2 && leap ? 1 : 0);
    return day <= length;
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

std::optional<std::string> parse_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    const auto year = digits(text, 0, 4);
    const auto month = digits(text, 5, 2);
    const auto day = digits(text, 8, 2);
    if (!year || !month || !day || !is_valid_date(*year, *month, *day)) return std::nullopt;
    return std::string(text);
}

std::optional<std::string> parse_iso_timestamp_date(std::string_view text) {
    if (text.size() > 10 && text[10] != 'T' && text[10] != 't' && text[10] != ' ') return std::nullopt;
    return parse_iso_date(text.substr(0, std::min<std::size_t>(10, text.size())));
}

std::optional<std::string> parse_year_first_date(std::string_view text) {
    std::size_t pos = 0;
    // Reads 1..`width` digits at `pos`.
    auto number = [&](std::size_t width) -> std::optional<int> {
        int n = 0;
        std::size_t k = 0;
        for (; k < width && pos < text.size() && is_digit(text[pos]); ++k, ++pos) n = n * 10 + (text[pos] - '0');
        return k ? std::optional<int>(n) : std::nullopt;
    };
    auto skip = [&](std::string_view s) {
        if (text.substr(pos, s.size()) != s) return false;
        pos += s.size();
        return true;
    };
    const auto year = digits(text, 0, 4);
    if (!year) return std::nullopt;
    pos = 4;
    std::optional<int> month, day;
    if (pos < text.size() && is_digit(text[pos])) {  // 20210304
        month = digits(text, 4, 2);
        day = digits(text, 6, 2);
        pos = 8;
    } else if (skip("년")) {  // 2021년 3월 4일
        pos = skip_spaces(text, pos);
        month = number(2);
        if (!skip("월")) return std::nullopt;
        pos = skip_spaces(text, pos);
        day = number(2);
        if (!skip("일")) return std::nullopt;
    } else {  // 2021-03-04, 2021-3-4, 2021.03.04, 2021. 3. 4., 2021/03/04
        if (pos >= text.size() || std::string_view("-./").find(text[pos]) == std::string_view::npos) return std::nullopt;
        const char sep = text[pos++];
        pos = skip_spaces(text, pos);
        month = number(2);
        if (pos >= text.size() || text[pos++] != sep) return std::nullopt;
        pos = skip_spaces(text, pos);
        day = number(2);
        if (sep == '.' && pos < text.size() && text[pos] == '.') ++pos;
    }
    if (!month || !day || !is_valid_date(*year, *month, *day)) return std::nullopt;
    // Nothing after the date but a time.
    const std::string_view rest = text.substr(pos);
    if (!rest.empty()) {
        const std::size_t time = skip_spaces(rest, 1);
        if ((rest[0] != 'T' && rest[0] != 't' && rest[0] != ' ') || time >= rest.size() || !is_digit(rest[time]))
            return std::nullopt;
    }
    return format_date(*year, *month, *day);
}

std::optional<std::string> parse_us_datetime_date(std::string_view text) {
    if (text.size() < 10 || text[2] != '/' || text[5] != '/') return std::nullopt;
    if (text.size() > 10 && text[10] != ' ' && text[10] != 'T') return std::nullopt;
    const auto month = digits(text, 0, 2);
    const auto day = digits(text, 3, 2);
    const auto year = digits(text, 6, 4);
    if (!year || !month || !day || !is_valid_date(*year, *month, *day)) return std::nullopt;
    return format_date(*year, *month, *day);
}

std::optional<int> english_month(std::string_view word) noexcept {
    static constexpr std::array<std::string_view, 12> names = {
        "january", "february", "march",     "april",   "may",      "june",
        "july",    "august",   "september", "october", "november", "december"};
    if (!word.empty() && word.back() == '.') word.remove_suffix(1);
    if (word.size() < 3) return std::nullopt;
    for (int i = 0; i < 12; ++i) {
        const auto name = names[static_cast<std::size_t>(i)];
        if (equals_nocase(word, name)) return i + 1;
        // Three-letter abbreviations, and "Sept".
        if ((word.size() == 3 || (i == 8 && word.size() == 4)) && equals_nocase(word, name.substr(0, word.size()))) {
            return i + 1;
        }
    }
    return std::nullopt;
}

std::vector<int> years_mentioned(std::string_view text) {
    std::vector<int> years;
    for (std::size_t i = 0; i + 4 <= text.size(); ++i) {
        if (i > 0 && (is_digit(text[i - 1]) || text[i - 1] == ',' || text[i - 1] == '.')) continue;
        const auto year = digits(text, i, 4);
        if (!year || (i + 4 < text.size() && is_digit(text[i + 4]))) continue;
        if (*year >= 1950 && *year <= 2099) years.push_back(*year);
        i += 3;
    }
    return years;
}

TextDate date_from_english_text(std::string_view title, std::string_view body) {
    const auto in_title = month_day_mentions(title);
    const auto in_body = month_day_mentions(body);

    // The day the release is about: the title's "(Nov. 20)", else the body's first weekday-dated day.
    std::optional<MonthDayMention> target;
    if (!in_title.empty()) target = in_title.back();
    if (!target) {
        for (const auto& m : in_body) {
            if (m.weekday >= 0 || m.year > 0) {
                target = m;
                break;
            }
        }
    }
    if (!target) return {"", ""};
    const auto describe = [&] { return format_date(2000, target->month, target->day).substr(5); };

    // An explicit year next to the same month and day settles it; so does a weekday nearby.
    for (const auto& m : in_body) {
        if (m.month != target->month || m.day != target->day) continue;
        if (target->year < 0 && m.year > 0) target->year = m.year;
        if (target->weekday < 0 && m.weekday >= 0) target->weekday = m.weekday;
    }
    if (target->year > 0) {
        if (!is_valid_date(target->year, target->month, target->day)) {
            return {"", "invalid date " + format_date(target->year, target->month, target->day)};
        }
        return {format_date(target->year, target->month, target->day), ""};
    }
    if (target->weekday < 0) return {"", "no year for the date " + describe() + " (no weekday to infer it from)"};

    std::vector<int> mentioned = years_mentioned(title);
    const auto more = years_mentioned(body);
    mentioned.insert(mentioned.end(), more.begin(), more.end());
    if (mentioned.empty()) return {"", "no year for the date " + describe() + " (the text names no year)"};

    const auto fits = [&](int year) {
        return is_valid_date(year, target->month, target->day) &&
               weekday(year, target->month, target->day) == target->weekday;
    };
    // A given day falls on the same weekday only 5, 6 or 11 years apart, so four years hold one fit at most.
    const int latest = *std::max_element(mentioned.begin(), mentioned.end());
    std::vector<int> candidates;
    for (int year = latest - 2; year <= latest + 1; ++year) {
        if (fits(year)) candidates.push_back(year);
    }
    if (candidates.empty()) {
        std::sort(mentioned.begin(), mentioned.end());
        mentioned.erase(std::unique(mentioned.begin(), mentioned.end()), mentioned.end());
        for (int year : mentioned) {
            if (fits(year)) candidates.push_back(year);
        }
    }
    if (candidates.size() != 1) {
        return {"", (candidates.empty() ? "no year mentioned fits the date " : "ambiguous year for the date ") +
                        describe()};
    }
    return {format_date(candidates.front(), target->month, target->day), ""};
}

}  // namespace bodo::readers
