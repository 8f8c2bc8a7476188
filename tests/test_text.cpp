// Tests of the text toolkit: UTF-8, ASCII case, trimming, Hangul ranges, calendar dates and the
// year-first date grammar.
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include "text/ascii.h"
#include "text/date.h"
#include "text/hangul.h"
#include "text/trim.h"
#include "text/utf8.h"

using namespace bodo::text;

namespace {

/// Every code point of `s` as next_code_point() reads it, with the byte offset each one starts at.
std::vector<std::pair<char32_t, std::size_t>> decode_all(std::string_view s) {
    std::vector<std::pair<char32_t, std::size_t>> out;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t at = i;
        const char32_t c = next_code_point(s, i);
        out.emplace_back(c, at);
    }
    return out;
}

using Decoded = std::vector<std::pair<char32_t, std::size_t>>;

}  // namespace

TEST_CASE("text: UTF-8 of one to four bytes decodes to its code points", "[text][utf8]") {
    // A (1 byte), é (2), 가 (3), 😀 U+1F600 (4).
    CHECK(decode_all("A\xC3\xA9\xEA\xB0\x80\xF0\x9F\x98\x80") ==
          Decoded{{U'A', 0}, {0xE9, 1}, {0xAC00, 3}, {0x1F600, 6}});
    CHECK(decode_all("\xF4\x8F\xBF\xBF") == Decoded{{0x10FFFF, 0}});  // the last code point
    CHECK(decode_all("\xEF\xBF\xBD") == Decoded{{0xFFFD, 0}});
    CHECK(decode_all("").empty());
}

TEST_CASE("text: ill-formed UTF-8 yields kNotUtf8 one byte at a time", "[text][utf8]") {
    CHECK(decode_all("\x80") == Decoded{{kNotUtf8, 0}});                       // a stray continuation byte
    CHECK(decode_all("\xC0\xAF") == Decoded{{kNotUtf8, 0}, {kNotUtf8, 1}});    // overlong '/'
    CHECK(decode_all("\xE0\x80\xAF") == Decoded{{kNotUtf8, 0}, {kNotUtf8, 1}, {kNotUtf8, 2}});  // overlong
    CHECK(decode_all("\xED\xA0\x80") == Decoded{{kNotUtf8, 0}, {kNotUtf8, 1}, {kNotUtf8, 2}});  // surrogate U+D800
    CHECK(decode_all("\xF4\x90\x80\x80").front() == std::pair<char32_t, std::size_t>{kNotUtf8, 0});  // above U+10FFFF
    CHECK(decode_all("\xF5\x80\x80\x80").size() == 4);
    CHECK(decode_all("\xFF") == Decoded{{kNotUtf8, 0}});
    // Cut off: 가 without its last byte, then ASCII.
    CHECK(decode_all("\xEA\xB0" "A") == Decoded{{kNotUtf8, 0}, {kNotUtf8, 1}, {U'A', 2}});
    // A lead byte followed by no continuation byte.
    CHECK(decode_all("\xEA" "AB") == Decoded{{kNotUtf8, 0}, {U'A', 1}, {U'B', 2}});
}

TEST_CASE("text: stepping back over UTF-8", "[text][utf8]") {
    const std::string s = "a\xEA\xB0\x80\xF0\x9F\x98\x80";  // a 가 😀
    std::size_t i = s.size();
    CHECK(code_point_before(s, i) == 0x1F600);
    CHECK(i == 4);
    CHECK(code_point_before(s, i) == 0xAC00);
    CHECK(i == 1);
    CHECK(code_point_before(s, i) == U'a');
    CHECK(i == 0);
    CHECK(code_point_before(s, i) == kNotUtf8);
    CHECK(i == 0);

    // A character cut off at `i` is stepped over whole, back to its lead byte.
    std::size_t cut = 3;  // inside 가
    CHECK(code_point_before(s, cut) == kNotUtf8);
    CHECK(cut == 1);
    // Stray continuation bytes: at most four are stepped over.
    const std::string stray = "x\x80\x80\x80\x80\x80";
    std::size_t j = stray.size();
    CHECK(code_point_before(stray, j) == kNotUtf8);
    CHECK(j == 2);
}

TEST_CASE("text: the start of the character a byte falls in", "[text][utf8]") {
    const std::string s = "a\xEA\xB0\x80" "b";  // a 가 b
    CHECK(char_start(s, 0) == 0);
    CHECK(char_start(s, 1) == 1);
    CHECK(char_start(s, 2) == 1);
    CHECK(char_start(s, 3) == 1);
    CHECK(char_start(s, 4) == 4);
    CHECK(char_start(s, 5) == s.size());
    CHECK(char_start(s, 99) == s.size());
}

TEST_CASE("text: appending code points in UTF-8", "[text][utf8]") {
    std::string out;
    for (char32_t c : {char32_t{'A'}, char32_t{0xE9}, char32_t{0xD7A3}, char32_t{0x1F600}}) append_utf8(out, c);
    CHECK(out == "A\xC3\xA9\xED\x9E\xA3\xF0\x9F\x98\x80");
    // What cannot be encoded becomes U+FFFD.
    std::string bad;
    append_utf8(bad, 0xD800);
    append_utf8(bad, 0x110000);
    append_utf8(bad, kNotUtf8);
    CHECK(bad == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    // Round trip through the decoder.
    std::string round;
    const std::string text = "과학 MSIT 😀 ㄱ";
    for (std::size_t i = 0; i < text.size();) append_utf8(round, next_code_point(text, i));
    CHECK(round == text);
}

TEST_CASE("text: ASCII case and classes", "[text][ascii]") {
    CHECK(ascii_lower('A') == 'a');
    CHECK(ascii_lower('Z') == 'z');
    CHECK(ascii_lower('@') == '@');  // just before 'A'
    CHECK(ascii_lower('[') == '[');  // just after 'Z'
    CHECK(ascii_lower("JSON Trec 과학 ÀB") == "json trec 과학 Àb");  // only ASCII letters change
    CHECK(equals_ascii_nocase("November", "NOVEMBER"));
    CHECK_FALSE(equals_ascii_nocase("Nov", "Novem"));
    CHECK(ends_with_ascii_nocase("archive.TAR.ZST", ".tar.zst"));
    CHECK(ends_with_ascii_nocase("x", ""));
    CHECK_FALSE(ends_with_ascii_nocase("zst", ".zst"));
    CHECK(is_ascii_digit('0'));
    CHECK(is_ascii_digit('9'));
    CHECK_FALSE(is_ascii_digit('a'));
    CHECK(is_ascii_letter('q'));
    CHECK_FALSE(is_ascii_letter('1'));
    CHECK_FALSE(is_ascii_letter('\xC3'));  // a UTF-8 lead byte, negative as a char
    CHECK_FALSE(is_ascii_letter(0x141));   // Ł: its low byte is 'A'
    CHECK(ascii_number("x2021y", 1, 4) == 2021);
    CHECK(ascii_number("0304", 0, 2) == 3);
    CHECK_FALSE(ascii_number("20a1", 0, 4));
    CHECK_FALSE(ascii_number("2021", 2, 4));  // past the end
    CHECK_FALSE(ascii_number("2021", 9, 1));
}

TEST_CASE("text: trimming white space", "[text][trim]") {
    CHECK(trim(" \t\r\n\f\vword \v\f\n\r\t ") == "word");
    CHECK(trim("  inner  space  ") == "inner  space");
    CHECK(trim(" \t \n").empty());
    CHECK(trim("").empty());
    // Only ASCII white space: U+3000 and NBSP stay.
    CHECK(trim("\u3000단어\u00A0 ") == "\u3000단어\u00A0");
    // A narrower set, as the abbreviation table's and stub file's trimming use.
    CHECK(trim("\f word \v", " \t\n\r") == "\f word \v");
    CHECK(trim_start(" \t x \r", " \t") == "x \r");
    CHECK(trim_end(" \t x \r", " \t\r") == " \t x");
    std::string body = "\n\n  첫째 문단\n\n둘째 문단 \n";
    trim_in_place(body);
    CHECK(body == "첫째 문단\n\n둘째 문단");
    std::string blank = " \n ";
    trim_in_place(blank);
    CHECK(blank.empty());
}

TEST_CASE("text: Hangul syllable and jamo ranges", "[text][hangul]") {
    CHECK(is_hangul_syllable(U'가'));  // U+AC00
    CHECK(is_hangul_syllable(U'힣'));  // U+D7A3
    CHECK_FALSE(is_hangul_syllable(0xABFF));
    CHECK_FALSE(is_hangul_syllable(0xD7A4));
    CHECK_FALSE(is_hangul_syllable(U'ㄱ'));
    CHECK(kFirstHangulSyllable == U'가');
    CHECK(kFirstHangulSyllable + kHangulSyllableCount - 1 == U'힣');
    CHECK(is_hangul_jamo(0x1100));  // ᄀ
    CHECK(is_hangul_jamo(0x11FF));
    CHECK_FALSE(is_hangul_jamo(0x1200));
    CHECK_FALSE(is_hangul_jamo(U'가'));
    CHECK(is_hangul_compatibility_jamo(U'ㄱ'));  // U+3131
    CHECK(is_hangul_compatibility_jamo(0x3130));
    CHECK(is_hangul_compatibility_jamo(0x318F));
    CHECK_FALSE(is_hangul_compatibility_jamo(0x3190));
    CHECK_FALSE(is_hangul_compatibility_jamo(kNotUtf8));
}

TEST_CASE("text: leap years, month lengths and valid dates", "[text][date]") {
    CHECK(is_leap_year(2024));
    CHECK(is_leap_year(2000));  // the 400-year rule
    CHECK_FALSE(is_leap_year(1900));  // the century rule
    CHECK_FALSE(is_leap_year(2021));
    CHECK(days_in_month(2024, 2) == 29);
    CHECK(days_in_month(2021, 2) == 28);
    CHECK(days_in_month(2021, 4) == 30);
    CHECK(days_in_month(2021, 12) == 31);
    CHECK(is_valid_date(2024, 2, 29));
    CHECK_FALSE(is_valid_date(2021, 2, 29));
    CHECK_FALSE(is_valid_date(2021, 4, 31));
    CHECK_FALSE(is_valid_date(2021, 13, 1));
    CHECK_FALSE(is_valid_date(2021, 0, 1));
    CHECK_FALSE(is_valid_date(2021, 1, 0));
    CHECK_FALSE(is_valid_date(999, 1, 1));  // four-digit years only
    CHECK(weekday(2020, 11, 20) == 5);  // Friday
    CHECK(format_date(2021, 3, 4) == "2021-03-04");
}

namespace {

/// "Y-M-D" with absent parts as "_", or "none".
std::string shape(std::string_view text, YearFirstOptions options) {
    const auto d = scan_year_first_date(text, options);
    if (!d) return "none";
    return std::to_string(d->year) + "-" + (d->has_month ? std::to_string(d->month) : "_") + "-" +
           (d->has_day ? std::to_string(d->day) : "_");
}

constexpr YearFirstOptions kExport{.spaces = true, .time = true};
constexpr YearFirstOptions kQuery{.partial = true, .day_mark_optional = true};

}  // namespace

TEST_CASE("text: the year-first date grammar, full dates", "[text][date]") {
    for (const char* text : {"2021-03-04", "2021-3-4", "2021.03.04", "2021.3.4.", "2021/03/04", "2021/3/4", "20210304",
                             "2021년3월4일"}) {
        INFO(text);
        CHECK(shape(text, {}) == "2021-3-4");
        CHECK(shape(text, kExport) == "2021-3-4");
        CHECK(shape(text, kQuery) == "2021-3-4");
    }
    // The shape only: the calendar is the caller's to check.
    CHECK(shape("2021-02-29", {}) == "2021-2-29");
    CHECK(shape("2021-13-45", {}) == "2021-13-45");
    for (const char* text : {"", "2021", "202103", "2021-03", "2021.", "2021년", "2021년 3월", "21-03-04", "2021-03.04",
                             "2021/3/4/5", "2021-003-04", "2021-03-004", "2021-03-", "2021--03-04", "20210304x",
                             "2021030", "202103041", "x2021-03-04", " 2021-03-04", "2021 -03-04", "2021년3월4",
                             "2021년3월4일 ", "2021-03-04T10:00", "２０２１-03-04"}) {
        INFO(text);
        CHECK(shape(text, {}) == "none");
    }
}

TEST_CASE("text: the year-first date grammar as exports write it", "[text][date]") {
    for (const char* text : {"2021. 3. 4.", "2021년 3월 4일", "2021년\t3월 4일", "2021-03-04T10:00:00+09:00",
                             "2021-03-04t10", "2021-03-04 10:00", "2021.3.4. 10:00", "20210304T1000",
                             "2021년 3월 4일 09:00", "2021-03-04 \t 9"}) {
        INFO(text);
        CHECK(shape(text, kExport) == "2021-3-4");
        CHECK(shape(text, {}) == "none");
    }
    for (const char* text : {"2021 .3.4", "2021-03-04 ", "2021-03-04  ", "2021-03-04 (목)", "2021-03-04X10", "2021년 3월", "2021-03",
                             "2021", "2021년 3월 4"}) {
        INFO(text);
        CHECK(shape(text, kExport) == "none");
    }
}

TEST_CASE("text: the year-first date grammar as queries write it", "[text][date]") {
    CHECK(shape("2021", kQuery) == "2021-_-_");
    CHECK(shape("2021.", kQuery) == "2021-_-_");
    CHECK(shape("2021년", kQuery) == "2021-_-_");
    CHECK(shape("202103", kQuery) == "2021-3-_");
    CHECK(shape("2021-03", kQuery) == "2021-3-_");
    CHECK(shape("2021/3", kQuery) == "2021-3-_");
    CHECK(shape("2021.03.", kQuery) == "2021-3-_");
    CHECK(shape("2021년3월", kQuery) == "2021-3-_");
    CHECK(shape("2021년3월4", kQuery) == "2021-3-4");
    for (const char* text : {"2021-03-", "2021-", "2021..", "2021-03-04 10:00", "2021. 3. 4.", "2021년 3월 4일", "20213",
                             "2021030", "2021/03-04", "2021.03.04..", "2021-03-04."}) {
        INFO(text);
        CHECK(shape(text, kQuery) == "none");
    }
}
