#include "query/date_range.h"

#include <algorithm>

#include "text/date.h"
#include "text/trim.h"

namespace bodo {
namespace {

using text::days_in_month;
using text::scan_year_first_date;
using text::trim;
using text::YearFirstDate;

std::string two_digits(int v) { return {static_cast<char>('0' + v / 10), static_cast<char>('0' + v % 10)}; }

YearFirstDate parse_partial(std::string_view text) {
    std::string_view s = trim(text);
    std::string quoted = "'" + std::string(s) + "'";
    if (s.empty()) throw QuerySyntaxError("bad date '': the date is empty");
    auto date = scan_year_first_date(s, {.partial = true, .day_mark_optional = true});
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

std::string lower_of(const YearFirstDate& d) {
    return format(d.year, d.has_month ? d.month : 1, d.has_day ? d.day : 1);
}

std::string upper_of(const YearFirstDate& d) {
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
        YearFirstDate d = parse_partial(s);
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
