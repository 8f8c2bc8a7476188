// Tests of the readers' date fields (ISO, export and archive formats) and of dates read from
// English prose (metadata/prose_dates.h).
#include <catch2/catch.hpp>

#include <string>

#include "metadata/prose_dates.h"
#include "readers/dates.h"
#include "text/date.h"

using namespace bodo::readers;
using namespace bodo::metadata;
using bodo::text::weekday;

TEST_CASE("dates: ISO dates and timestamps", "[readers][dates]") {
    CHECK(parse_iso_date("2020-01-01") == std::optional<std::string>("2020-01-01"));
    CHECK(parse_iso_date("2020-02-29").has_value());   // leap year
    CHECK_FALSE(parse_iso_date("2021-02-29"));          // not a leap year
    CHECK_FALSE(parse_iso_date("1900-02-29"));          // century rule
    CHECK(parse_iso_date("2000-02-29").has_value());   // 400-year rule
    CHECK_FALSE(parse_iso_date("2024-13-01"));
    CHECK_FALSE(parse_iso_date("2024-04-31"));
    CHECK_FALSE(parse_iso_date("2024-4-3"));
    CHECK_FALSE(parse_iso_date("20240403"));
    CHECK_FALSE(parse_iso_date(""));

    CHECK(parse_iso_timestamp_date("2020-01-01T11:00:00+09:00") == std::optional<std::string>("2020-01-01"));
    CHECK(parse_iso_timestamp_date("2020-01-01 11:00:00") == std::optional<std::string>("2020-01-01"));
    CHECK(parse_iso_timestamp_date("2020-01-01") == std::optional<std::string>("2020-01-01"));
    CHECK_FALSE(parse_iso_timestamp_date("2020-01-01X11"));
    CHECK_FALSE(parse_iso_timestamp_date("yesterday"));
}

TEST_CASE("dates: year-first dates as exports write them", "[readers][dates]") {
    for (const char* text : {"2021-03-04", "2021-3-4", "2021.03.04", "2021. 3. 4.", "2021.3.4", "2021/03/04", "20210304",
                             "2021년 3월 4일", "2021년3월4일", "2021-03-04T10:00:00+09:00", "2021-03-04 10:00:00",
                             "2021.03.04 10:00", "20210304T1000"}) {
        INFO(text);
        CHECK(parse_year_first_date(text) == std::optional<std::string>("2021-03-04"));
    }
    for (const char* text : {"2021-02-29", "2021-13-01", "2021-04-31", "2021-03", "2021", "2021-03-04x", "2021-03.04",
                             "2021/3/4/5", "2021-03-04 ", "2021-03-04  ", "2021-03-04 (목)", "2021년 3월", "210304",
                             "03/04/2021", "2021-003-04", "", "yesterday"}) {
        INFO(text);
        CHECK_FALSE(parse_year_first_date(text));
    }
    CHECK(parse_year_first_date("2024-02-29") == std::optional<std::string>("2024-02-29"));
}

TEST_CASE("dates: the MSIT archive's approve_date", "[readers][dates]") {
    CHECK(parse_us_datetime_date("01/01/2020 12:00:00") == std::optional<std::string>("2020-01-01"));
    CHECK(parse_us_datetime_date("06/26/2025 09:30:00") == std::optional<std::string>("2025-06-26"));
    CHECK(parse_us_datetime_date("12/31/2021") == std::optional<std::string>("2021-12-31"));
    CHECK_FALSE(parse_us_datetime_date("26/06/2025 09:30:00"));  // day first: month 26
    CHECK_FALSE(parse_us_datetime_date("2025-06-26"));
    CHECK_FALSE(parse_us_datetime_date("02/30/2024 00:00:00"));
}

TEST_CASE("dates: weekdays and English names", "[metadata][dates]") {
    CHECK(weekday(2020, 11, 20) == 5);  // Friday
    CHECK(weekday(2000, 1, 1) == 6);    // Saturday
    CHECK(weekday(2024, 2, 29) == 4);   // Thursday
    CHECK(english_month("Nov.") == 11);
    CHECK(english_month("November") == 11);
    CHECK(english_month("sept") == 9);
    CHECK(english_month("May") == 5);
    CHECK_FALSE(english_month("Novem"));
    CHECK_FALSE(english_month("No"));
    CHECK(years_mentioned("in 1997, since 2007 (2017) and 2021; tel 02-1234-56789, 1,997 won, 12000") ==
          std::vector<int>{1997, 2007, 2017, 2021});
}

TEST_CASE("dates: a date read from English prose", "[metadata][dates]") {
    SECTION("the year in which the day falls on the stated weekday") {
        // 2020 is not written: November 20 was a Friday in 2020, near the years the text names.
        const auto found = date_from_english_text(
            "Cooperation with New Zealand (Nov. 20)",
            "The ministry held the meeting on November 20 (Friday). The agreement was signed in 1997 and "
            "meetings held since 2007. Calls are planned for the first half of 2021.");
        CHECK(found.date == "2020-11-20");
        CHECK(found.problem.empty());
    }
    SECTION("an explicit year wins") {
        CHECK(date_from_english_text("Talks (Mar. 3)", "On March 3, 2023 the two sides met.").date == "2023-03-03");
        CHECK(date_from_english_text("Talks held on Jan. 5, 2021", "").date == "2021-01-05");
    }
    SECTION("the weekday must fit") {
        // November 20 is a Friday in 2020 and 2026 only near 2019-2022: a Thursday fits none.
        const auto found = date_from_english_text("Meeting (Nov. 20)", "Held on November 20 (Thursday) with 2021 plans.");
        CHECK(found.date.empty());
        CHECK_THAT(found.problem, Catch::Contains("no year mentioned fits"));
    }
    SECTION("without a weekday or a year nothing is guessed") {
        const auto found = date_from_english_text("Meeting (Nov. 20)", "Held on November 20 as planned for 2020.");
        CHECK(found.date.empty());
        CHECK_THAT(found.problem, Catch::Contains("no weekday"));
        const auto no_years = date_from_english_text("Meeting (Nov. 20)", "Held on November 20 (Fri).");
        CHECK(no_years.date.empty());
        CHECK_THAT(no_years.problem, Catch::Contains("names no year"));
    }
    SECTION("a text with no date at all") {
        const auto found = date_from_english_text("A headline", "No dates here, only the verb may.");
        CHECK(found.date.empty());
        CHECK(found.problem.empty());
    }
}
