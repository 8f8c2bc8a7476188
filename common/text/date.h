#pragma once
/// @file
/// Calendar dates: leap years, month lengths, weekdays, and the year-first grammar dates are
/// written in both in exports (readers/dates.h) and in queries (query/date_range.h).

#include <optional>
#include <string>
#include <string_view>

namespace bodo::text {

/// True for a leap year of the Gregorian calendar (2000 and 2024 are, 1900 and 2021 are not).
constexpr bool is_leap_year(int year) noexcept { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

/// The number of days in `month` (1..12) of `year`.
int days_in_month(int year, int month) noexcept;

/// True for a real calendar date (leap years included), years 1000..9999.
bool is_valid_date(int year, int month, int day) noexcept;

/// Day of the week, 0 = Sunday .. 6 = Saturday (proleptic Gregorian).
int weekday(int year, int month, int day) noexcept;

/// "YYYY-MM-DD" for a valid date.
std::string format_date(int year, int month, int day);

/// A date as written year first; a part left out is absent, not zero.
struct YearFirstDate {
    int year = 0;
    int month = 0;
    int day = 0;
    bool has_month = false;
    bool has_day = false;
};

/// What scan_year_first_date() accepts beyond a full date with nothing around it.
struct YearFirstOptions {
    /// A year or a year and month alone: 2021, 2021., 202103, 2021-03, 2021.03., 2021년, 2021년3월.
    bool partial = false;
    /// The day without its 일: 2021년3월4.
    bool day_mark_optional = false;
    /// Spaces or tabs after a separator, 년 and 월: 2021. 3. 4., 2021년 3월 4일.
    bool spaces = false;
    /// A time after a full date: T, t or a space, then (after more spaces) a digit and anything:
    /// 2021-03-04T10:00:00+09:00, 2021.3.4. 10:00.
    bool time = false;
};

/// The shape of a year-first date, its month and day not checked against the calendar.
///
/// The year is four digits. Then, all digits: 20210304 (or 202103, partial); or one separator
/// (-, . or /) throughout, with months and days of one or two digits: 2021-03-04, 2021-3-4,
/// 2021/03/04, 2021.3.4 with an optional final dot (2021.3.4.); or Korean: 2021년3월4일. Nothing
/// else may come before or after, except what `options` allow.
std::optional<YearFirstDate> scan_year_first_date(std::string_view text, YearFirstOptions options = {}) noexcept;

}  // namespace bodo::text
