#include "readers/dates.h"

#include <algorithm>

#include "text/ascii.h"
#include "text/date.h"

namespace bodo::readers {

using text::ascii_number;
using text::format_date;
using text::is_valid_date;
using text::scan_year_first_date;

std::optional<std::string> parse_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    const auto year = ascii_number(text, 0, 4);
    const auto month = ascii_number(text, 5, 2);
    const auto day = ascii_number(text, 8, 2);
    if (!year || !month || !day || !is_valid_date(*year, *month, *day)) return std::nullopt;
    return std::string(text);
}

std::optional<std::string> parse_iso_timestamp_date(std::string_view text) {
    if (text.size() > 10 && text[10] != 'T' && text[10] != 't' && text[10] != ' ') return std::nullopt;
    return parse_iso_date(text.substr(0, std::min<std::size_t>(10, text.size())));
}

std::optional<std::string> parse_year_first_date(std::string_view text) {
    const auto date = scan_year_first_date(text, {.spaces = true, .time = true});
    if (!date || !is_valid_date(date->year, date->month, date->day)) return std::nullopt;
    return format_date(date->year, date->month, date->day);
}

std::optional<std::string> parse_us_datetime_date(std::string_view text) {
    if (text.size() < 10 || text[2] != '/' || text[5] != '/') return std::nullopt;
    if (text.size() > 10 && text[10] != ' ' && text[10] != 'T') return std::nullopt;
    const auto month = ascii_number(text, 0, 2);
    const auto day = ascii_number(text, 3, 2);
    const auto year = ascii_number(text, 6, 4);
    if (!year || !month || !day || !is_valid_date(*year, *month, *day)) return std::nullopt;
    return format_date(*year, *month, *day);
}

}  // namespace bodo::readers
