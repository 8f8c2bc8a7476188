#pragma once
/// @file
/// Dates as the readers meet them in a format's date fields: ISO dates and timestamps, the
/// year-first dates of exports, US-style archive dates. (Dates in prose: metadata/prose_dates.h;
/// the calendar and the year-first grammar: text/date.h.)

#include <optional>
#include <string>
#include <string_view>

namespace bodo::readers {

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

}  // namespace bodo::readers
