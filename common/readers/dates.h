#pragma once
/// @file
/// Calendar dates as the readers meet them: ISO dates and timestamps, US-style archive
/// dates, and English text that names only a month, a day and a weekday.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bodo::readers {

/// True for a real calendar date (leap years included), years 1000..9999.
bool is_valid_date(int year, int month, int day) noexcept;

/// Day of the week, 0 = Sunday .. 6 = Saturday (proleptic Gregorian).
int weekday(int year, int month, int day) noexcept;

/// "YYYY-MM-DD" for a valid date.
std::string format_date(int year, int month, int day);

/// Accepts exactly "YYYY-MM-DD" naming a real date; returns it unchanged.
std::optional<std::string> parse_iso_date(std::string_view text);

/// The date part of an ISO 8601 timestamp ("2020-01-01T11:00:00+09:00", or a bare date).
///
/// The local date is kept as written: the offset is the publisher's (Korea time).
std::optional<std::string> parse_iso_timestamp_date(std::string_view text);

/// A year-first date as exports write it, optionally followed by a time ("T…" or " 10:00"):
/// 2021-03-04, 2021-3-4, 2021.03.04, 2021. 3. 4., 2021/03/04, 20210304, 2021년 3월 4일. The
/// order is never in doubt with the year first; the date must be real.
std::optional<std::string> parse_year_first_date(std::string_view text);

/// The forms parse_year_first_date() reads, for error messages.
inline constexpr std::string_view kYearFirstForms = "year first: 2025-06-26, 2025. 6. 26., 2025년 6월 26일";

/// "MM/DD/YYYY" optionally followed by " HH:MM:SS" (the MSIT archive's approve_date).
std::optional<std::string> parse_us_datetime_date(std::string_view text);

/// Month number for an English month name or abbreviation ("Nov", "Nov.", "November", "Sept").
std::optional<int> english_month(std::string_view word) noexcept;

/// Four-digit years (1950..2099) written in `text`, in order of appearance.
std::vector<int> years_mentioned(std::string_view text);

/// Outcome of reading a date from English prose.
struct TextDate {
    std::string date;     ///< "YYYY-MM-DD", or empty when none could be established.
    std::string problem;  ///< Why `date` is empty (empty when a date was found or none was named).
};

/// The release date of an English page whose title says "(Nov. 20)" and whose body says
/// "November 20 (Friday)".
///
/// An explicit "November 20, 2020" wins. Otherwise the year is inferred: it must be one in which
/// that day falls on the stated weekday, near the latest year the text mentions (from two years
/// before it to one after), or else one of the mentioned years. Without a weekday, or when no
/// single year fits, the date stays empty and `problem` says why: dates are never guessed.
TextDate date_from_english_text(std::string_view title, std::string_view body);

}  // namespace bodo::readers
