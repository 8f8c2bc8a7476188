#include "metadata/prose_dates.h"

#include <algorithm>
#include <array>

#include "text/ascii.h"
#include "text/date.h"

namespace bodo::metadata {

using text::ascii_number;
using text::equals_ascii_nocase;
using text::format_date;
using text::is_ascii_digit;
using text::is_ascii_letter;
using text::is_valid_date;
using text::weekday;

namespace {

/// Weekday for an English day name or abbreviation ("Friday", "Fri", "Fri."), or -1.
int english_weekday(std::string_view word) noexcept {
    static constexpr std::array<std::string_view, 7> names = {
        "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
    if (!word.empty() && word.back() == '.') word.remove_suffix(1);
    if (word.size() < 3) return -1;
    for (int i = 0; i < 7; ++i) {
        const auto name = names[static_cast<std::size_t>(i)];
        // Whole name, or a prefix of at least three letters ("Thu", "Thurs", "Tues").
        if (word.size() <= name.size() && equals_ascii_nocase(word, name.substr(0, word.size()))) return i;
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
        if (!is_ascii_letter(text[i]) || (i > 0 && is_ascii_letter(text[i - 1]))) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && is_ascii_letter(text[end])) ++end;
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
        while (day_end < text.size() && is_ascii_digit(text[day_end]) && day_end - pos < 3) ++day_end;
        if (day_end == pos || day_end - pos > 2 || (day_end < text.size() && is_ascii_digit(text[day_end]))) {
            i = end;
            continue;
        }
        MonthDayMention mention;
        mention.month = *month;
        mention.day = *ascii_number(text, pos, day_end - pos);
        pos = day_end;
        // Ordinal suffixes: "November 20th".
        for (std::string_view suffix : {"st", "nd", "rd", "th"}) {
            if (text.substr(pos, 2) == suffix && (pos + 2 >= text.size() || !is_ascii_letter(text[pos + 2]))) {
                pos += 2;
                break;
            }
        }
        // ", 2020" or " 2020".
        std::size_t year_pos = pos;
        if (year_pos < text.size() && text[year_pos] == ',') ++year_pos;
        year_pos = skip_spaces(text, year_pos);
        if (const auto year = ascii_number(text, year_pos, 4);
            year && (year_pos + 4 >= text.size() || !is_ascii_digit(text[year_pos + 4])) && year_pos > pos) {
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

std::optional<int> english_month(std::string_view word) noexcept {
    static constexpr std::array<std::string_view, 12> names = {
        "january", "february", "march",     "april",   "may",      "june",
        "july",    "august",   "september", "october", "november", "december"};
    if (!word.empty() && word.back() == '.') word.remove_suffix(1);
    if (word.size() < 3) return std::nullopt;
    for (int i = 0; i < 12; ++i) {
        const auto name = names[static_cast<std::size_t>(i)];
        if (equals_ascii_nocase(word, name)) return i + 1;
        // Three-letter abbreviations, and "Sept".
        if ((word.size() == 3 || (i == 8 && word.size() == 4)) && equals_ascii_nocase(word, name.substr(0, word.size()))) {
            return i + 1;
        }
    }
    return std::nullopt;
}

std::vector<int> years_mentioned(std::string_view text) {
    std::vector<int> years;
    for (std::size_t i = 0; i + 4 <= text.size(); ++i) {
        if (i > 0 && (is_ascii_digit(text[i - 1]) || text[i - 1] == ',' || text[i - 1] == '.')) continue;
        const auto year = ascii_number(text, i, 4);
        if (!year || (i + 4 < text.size() && is_ascii_digit(text[i + 4]))) continue;
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

}  // namespace bodo::metadata
