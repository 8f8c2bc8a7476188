#include <catch2/catch.hpp>

#include <string>

#include "query/date_range.h"

using bodo::DateRange;
using bodo::parse_date_range;
using bodo::QuerySyntaxError;

namespace {

DateRange range(const std::string& from, const std::string& to) { return DateRange{from, to}; }

std::string error_of(const std::string& spec) {
    try {
        parse_date_range(spec);
    } catch (const QuerySyntaxError& e) {
        return e.what();
    }
    return "(no error)";
}

}  // namespace

TEST_CASE("date range: a single date covers its whole period", "[date]") {
    CHECK(parse_date_range("2020") == range("20200101", "20201231"));
    CHECK(parse_date_range("2020-03") == range("20200301", "20200331"));
    CHECK(parse_date_range("2020-01-05") == range("20200105", "20200105"));
    CHECK(parse_date_range("2021-04") == range("20210401", "20210430"));
    CHECK(parse_date_range("  2020-01-05 ") == range("20200105", "20200105"));
}

TEST_CASE("date range: February follows the leap-year rules", "[date]") {
    CHECK(parse_date_range("2020-02") == range("20200201", "20200229"));
    CHECK(parse_date_range("2021-02") == range("20210201", "20210228"));
    CHECK(parse_date_range("2000-02") == range("20000201", "20000229"));  // divisible by 400
    CHECK(parse_date_range("1900-02") == range("19000201", "19000228"));  // divisible by 100 only
    CHECK(parse_date_range("2020-02-29") == range("20200229", "20200229"));
    CHECK_THROWS_AS(parse_date_range("2021-02-29"), QuerySyntaxError);
    CHECK_THROWS_AS(parse_date_range("1900-02-29"), QuerySyntaxError);
}

TEST_CASE("date range: other spellings of a date", "[date]") {
    CHECK(parse_date_range("2020.01.05") == range("20200105", "20200105"));
    CHECK(parse_date_range("2020.01.05.") == range("20200105", "20200105"));
    CHECK(parse_date_range("2020.1.5") == range("20200105", "20200105"));
    CHECK(parse_date_range("2020/1/5") == range("20200105", "20200105"));
    CHECK(parse_date_range("2020-1") == range("20200101", "20200131"));
    CHECK(parse_date_range("2020.06") == range("20200601", "20200630"));
    CHECK(parse_date_range("20200105") == range("20200105", "20200105"));
    CHECK(parse_date_range("202006") == range("20200601", "20200630"));
    CHECK(parse_date_range("2020년") == range("20200101", "20201231"));
    CHECK(parse_date_range("2020년6월") == range("20200601", "20200630"));
    CHECK(parse_date_range("2020년6월5일") == range("20200605", "20200605"));
    CHECK(parse_date_range("2020년6월5") == range("20200605", "20200605"));
}

TEST_CASE("date range: ranges with one or both bounds", "[date]") {
    CHECK(parse_date_range("2020-01..2020-06") == range("20200101", "20200630"));
    CHECK(parse_date_range("2020..") == range("20200101", ""));
    CHECK(parse_date_range("..2021-03-15") == range("", "20210315"));
    CHECK(parse_date_range("..2020-02") == range("", "20200229"));
    CHECK(parse_date_range("2019..2020") == range("20190101", "20201231"));
    CHECK(parse_date_range("2020..2020") == range("20200101", "20201231"));
    CHECK(parse_date_range("2020.01.05..2020.02") == range("20200105", "20200229"));
    CHECK(parse_date_range("2020.01.05...2020.02.01") == range("20200105", "20200201"));
    CHECK(parse_date_range("2020.01~2020.03") == range("20200101", "20200331"));
    CHECK(parse_date_range("20200101..20200630") == range("20200101", "20200630"));
    CHECK(parse_date_range("2020-01 .. 2020-06") == range("20200101", "20200630"));
}

TEST_CASE("date range: bad dates name the problem", "[date]") {
    CHECK(error_of("2020-13") == "bad date '2020-13': month must be 01–12");
    CHECK(error_of("2020-00") == "bad date '2020-00': month must be 01–12");
    CHECK_THAT(error_of("2020-04-31"), Catch::Contains("'2020-04-31'") && Catch::Contains("day must be 01–30"));
    CHECK_THAT(error_of("2020-01-00"), Catch::Contains("day must be 01–31"));
    CHECK_THAT(error_of("20201301"), Catch::Contains("month must be 01–12"));
    CHECK_THAT(error_of("20200230"), Catch::Contains("day must be 01–29"));
    CHECK_THAT(error_of("2021..2020"), Catch::Contains("'2021..2020'") && Catch::Contains("start is after the end"));
    CHECK_THAT(error_of("2020-06-02..2020-06-01"), Catch::Contains("start is after the end"));
    for (const char* bad : {"", " ", "..", "abc", "20", "202", "20201", "2020123", "202012345", "2020-", "2020-1-",
                            "2020-01-05-01", "2020-01/05", "2020-123", "2020-01-123", "2020..2021..2022", "1..2",
                            "２０２０", "2020-01-05T10:00", "-2020", "2020–2021"}) {
        INFO("spec: '" << bad << "'");
        CHECK_THROWS_AS(parse_date_range(bad), QuerySyntaxError);
    }
}

TEST_CASE("date range: QuerySyntaxError is a runtime_error without a position", "[date]") {
    try {
        parse_date_range("2020-13");
        FAIL("no error");
    } catch (const std::runtime_error& e) {
        auto* syntax = dynamic_cast<const QuerySyntaxError*>(&e);
        REQUIRE(syntax != nullptr);
        CHECK(syntax->position() == 0);
    }
}

TEST_CASE("date range: bounds for --since and --until", "[date]") {
    CHECK(bodo::date_lower_bound("2020") == "20200101");
    CHECK(bodo::date_upper_bound("2020") == "20201231");
    CHECK(bodo::date_lower_bound("2020-02") == "20200201");
    CHECK(bodo::date_upper_bound("2020-02") == "20200229");
    CHECK(bodo::date_upper_bound("2019-02") == "20190228");
    CHECK(bodo::date_upper_bound("2020-12") == "20201231");
    CHECK(bodo::date_lower_bound("2020-01-05") == "20200105");
    CHECK(bodo::date_upper_bound("2020-01-05") == "20200105");
    CHECK(bodo::date_upper_bound("2020.06.30") == "20200630");
    CHECK_THROWS_AS(bodo::date_lower_bound("2020-13"), QuerySyntaxError);
    CHECK_THROWS_AS(bodo::date_upper_bound("2020..2021"), QuerySyntaxError);
    CHECK_THROWS_AS(bodo::date_upper_bound(""), QuerySyntaxError);
}

TEST_CASE("date range: contains, intersect and to_string", "[date]") {
    DateRange first_half = parse_date_range("2020-01..2020-06");
    CHECK(first_half.contains("20200101"));
    CHECK(first_half.contains("20200630"));
    CHECK_FALSE(first_half.contains("20191231"));
    CHECK_FALSE(first_half.contains("20200701"));
    CHECK(DateRange{}.unbounded());
    CHECK(DateRange{}.contains("19990101"));
    CHECK(parse_date_range("2020..").contains("99991231"));
    CHECK_FALSE(parse_date_range("2020..").unbounded());

    CHECK(bodo::intersect(first_half, parse_date_range("2020-03..")) == range("20200301", "20200630"));
    CHECK(bodo::intersect(parse_date_range("..2020-03"), first_half) == range("20200101", "20200331"));
    CHECK(bodo::intersect(DateRange{}, first_half) == first_half);
    CHECK(bodo::intersect(DateRange{}, DateRange{}).unbounded());
    DateRange none = bodo::intersect(parse_date_range("2019"), parse_date_range("2021"));
    CHECK(none.matches_nothing());
    CHECK_FALSE(none.contains("20200101"));
    CHECK_FALSE(first_half.matches_nothing());

    CHECK(bodo::to_string(first_half) == "20200101..20200630");
    CHECK(bodo::to_string(parse_date_range("2020..")) == "20200101..");
    CHECK(bodo::to_string(parse_date_range("..2020")) == "..20201231");
    CHECK(parse_date_range(bodo::to_string(first_half)) == first_half);
}
