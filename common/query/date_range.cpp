#include "query/date_range.h"

#include <algorithm>
#include <cstddef>
#include <optional>

namespace bodo {
namespace {

/// A date as written; a part left out is absent, not zero.
struct PartialDate {
    int year = 0;
    int month = 0;
    int day = 0;
    bool has_month = false;
    bool has_day = false;
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

std::string_view trim(std::string_view s) {
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
    while (!s.empty() && space(s.back())) s.remove_suffix(1);
    return s;
}

/// Reads a run of 1..max_len ASCII digits at `pos`; nullopt when there is none or it is longer.
std::optional<int> read_number(std::string_view s, std::size_t& pos, std::size_t min_len, std::size_t max_len) {
    std::size_t start = pos;
    int value = 0;
    while (pos < s.size() && is_digit(s[pos])) {
        value = value * 10 + (s[pos] - '0');
        ++pos;
        if (pos - start > max_len) return std::nullopt;
    }
    if (pos - start < min_len) return std::nullopt;
    return value;
}

bool consume(std::string_view s, std::size_t& pos, std::string_view token) {
    if (s.substr(pos, token.size()) != token) return false;
    pos += token.size();
    return true;
}

/// Recognises the shape of a date without checking month and day ranges.
std::optional<PartialDate> scan_date(std::string_view s) {
    PartialDate date;
    if (std::all_of(s.begin(), s.end(), is_digit)) {  // YYYY, YYYYMM, YYYYMMDD
        auto number = [&](std::size_t at, std::size_t len) {
            int v = 0;
            for (std::size_t i = at; i < at + len; ++i) v = v * 10 + (s[i] - '0');
            return v;
        };
        if (s.size() != 4 && s.size() != 6 && s.size() != 8) return std::nullopt;
        date.year = number(0, 4);
        if (s.size() >= 6) {
            date.month = number(4, 2);
            date.has_month = true;
        }
        if (s.size() == 8) {
            date.day = number(6, 2);
            date.has_day = true;
        }
        return date;
    }
    std::size_t pos = 0;
    auto year = read_number(s, pos, 4, 4);
    if (!year) return std::nullopt;
    date.year = *year;
    if (pos == s.size() || (pos + 1 == s.size() && s[pos] == '.')) return date;  // "2020", "2020."

    // Korean: 2020년, 2020년1월, 2020년1월5일 (a trailing 일 is optional).
    if (consume(s, pos, "년")) {
        if (pos == s.size()) return date;
        auto month = read_number(s, pos, 1, 2);
        if (!month || !consume(s, pos, "월")) return std::nullopt;
        date.month = *month;
        date.has_month = true;
        if (pos == s.size()) return date;
        auto day = read_number(s, pos, 1, 2);
        if (!day) return std::nullopt;
        date.day = *day;
        date.has_day = true;
        consume(s, pos, "일");
        return pos == s.size() ? std::optional(date) : std::nullopt;
    }

    // 2020-1, 2020-01-05, 2020.01.05., 2020/1/5: one separator throughout.
    char sep = s[pos];
    if (sep != '-' && sep != '.' && sep != '/') return std::nullopt;
    ++pos;
    auto month = read_number(s, pos, 1, 2);
    if (!month) return std::nullopt;
    date.month = *month;
    date.has_month = true;
    if (pos < s.size() && s[pos] == sep && pos + 1 < s.size()) {
        ++pos;
        auto day = read_number(s, pos, 1, 2);
        if (!day) return std::nullopt;
        date.day = *day;
        date.has_day = true;
    }
    if (sep == '.' && pos + 1 == s.size() && s[pos] == '.') ++pos;  // "2020.01.05." as Koreans write it
    return pos == s.size() ? std::optional(date) : std::nullopt;
}

std::string two_digits(int v) { return {static_cast<char>('0' + v / 10), static_cast<char>('0' + v % 10)}; }

PartialDate parse_partial(std::string_view text) {
    std::string_view s = trim(text);
    std::string quoted = "'" + std::string(s) + "'";
    if (s.empty()) throw QuerySyntaxError("bad date '': the date is empty");
    auto date = scan_date(s);
    if (!date)
        throw QuerySyntaxError("bad date " + quoted +
                               ": expected YYYY, YYYY-MM or YYYY-MM-DD (also YYYY.MM.DD or YYYYMMDD)");
    if (date->has_month && (date->month < 1 || date->month > 12))
        throw QuerySyntaxError("bad date " + quoted + ": month must be 01–12");
    if (date->has_day) {
        int last = days_in_month(date->year, date->month);
        if (date->day < 1 || date->day > last)
            throw QuerySyntaxError("bad date " + quoted + ": day must be 01–" + two_digits(last) + " in " +
                                   std::to_string(date->year) + "-" + two_digits(date->month));
    }
    return *date;
}

/// "YYYYMMDD"; the year has four digits by construction (scan_date reads exactly four).
std::string format(int year, int month, int day) {
    return two_digits(year / 100) + two_digits(year % 100) + two_digits(month) + two_digits(day);
}

std::string lower_of(const PartialDate& d) {
    return format(d.year, d.has_month ? d.month : 1, d.has_day ? d.day : 1);
}

std::string upper_of(const PartialDate& d) {
    int month = d.has_month ? d.month : 12;
    return format(d.year, month, d.has_day ? d.day : days_in_month(d.year, month));
}

}  // namespace

bool DateRange::contains(std::string_view yyyymmdd) const {
    return (from.empty() || yyyymmdd >= from) && (to.empty() || yyyymmdd <= to);
}

DateRange parse_date_range(std::string_view spec) {
    std::string_view s = trim(spec);
    std::string quoted = "'" + std::string(s) + "'";
    if (s.empty()) throw QuerySyntaxError("bad date range '': the range is empty");

    // The separator is "..": in a run of dots the last two ("2020.01.05...2020.02" keeps the left's dot),
    // or "~" as often written in Korean.
    std::size_t sep = s.find("..");
    std::size_t sep_len = 2;
    if (sep != std::string_view::npos) {
        while (sep + 2 < s.size() && s[sep + 2] == '.') ++sep;
    } else {
        sep = s.find('~');
        sep_len = 1;
    }
    if (sep == std::string_view::npos) {
        PartialDate d = parse_partial(s);
        return {lower_of(d), upper_of(d)};
    }
    std::string_view left = trim(s.substr(0, sep));
    std::string_view right = trim(s.substr(sep + sep_len));
    if (right.find("..") != std::string_view::npos || right.find('~') != std::string_view::npos)
        throw QuerySyntaxError("bad date range " + quoted + ": more than one range separator");
    if (left.empty() && right.empty())
        throw QuerySyntaxError("bad date range " + quoted + ": give a start, an end or both");
    DateRange range;
    if (!left.empty()) range.from = lower_of(parse_partial(left));
    if (!right.empty()) range.to = upper_of(parse_partial(right));
    if (range.matches_nothing())
        throw QuerySyntaxError("bad date range " + quoted + ": the start is after the end");
    return range;
}

std::string date_lower_bound(std::string_view date) { return lower_of(parse_partial(date)); }

std::string date_upper_bound(std::string_view date) { return upper_of(parse_partial(date)); }

DateRange intersect(const DateRange& a, const DateRange& b) {
    DateRange r;
    r.from = std::max(a.from, b.from);  // "" sorts first, so an open side yields to the other
    if (a.to.empty() || b.to.empty())
        r.to = a.to.empty() ? b.to : a.to;
    else
        r.to = std::min(a.to, b.to);
    return r;
}

std::string to_string(const DateRange& range) { return range.from + ".." + range.to; }

}  // namespace bodo
