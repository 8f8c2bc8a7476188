#pragma once
/// @file
/// Dates read from English prose: a page that names only a month, a day and a weekday.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bodo::metadata {

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

}  // namespace bodo::metadata
