#pragma once
/// @file
/// Trimming white space from the ends of a string. ASCII white space by default; callers that
/// trim fewer characters name them.

#include <string>
#include <string_view>

namespace bodo::text {

/// ASCII white space: space, tab, line feed, carriage return, form feed, vertical tab.
inline constexpr std::string_view kAsciiSpace = " \t\n\r\f\v";

/// `s` without the characters of `space` at its start.
std::string_view trim_start(std::string_view s, std::string_view space = kAsciiSpace) noexcept;

/// `s` without the characters of `space` at its end.
std::string_view trim_end(std::string_view s, std::string_view space = kAsciiSpace) noexcept;

/// `s` without the characters of `space` at either end.
std::string_view trim(std::string_view s, std::string_view space = kAsciiSpace) noexcept;

/// Trims `s` in place, as trim() does.
void trim_in_place(std::string& s, std::string_view space = kAsciiSpace);

}  // namespace bodo::text
