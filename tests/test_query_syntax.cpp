#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "query/query_syntax.h"
#include "text/utf8.h"

using bodo::Clause;
using bodo::ClauseKind;
using bodo::Field;
using bodo::parse_query;
using bodo::ParsedQuery;
using bodo::QuerySyntaxError;

namespace {

/// The parse in canonical syntax: the compact way to state what a query means.
std::string canon(const std::string& query) { return bodo::to_string(parse_query(query)); }

/// The clauses of a query made only of single-clause groups.
std::vector<Clause> clauses(const std::string& query) {
    std::vector<Clause> out;
    for (const auto& group : parse_query(query).groups) {
        REQUIRE(group.alternatives.size() == 1);
        out.push_back(group.alternatives.front());
    }
    return out;
}

bool valid_utf8(const std::string& s) {
    for (std::size_t i = 0; i < s.size();)
        if (bodo::text::next_code_point(s, i) == bodo::text::kNotUtf8) return false;
    return true;
}

/// What every successful parse must satisfy, whatever the input.
void check_invariants(const std::string& query) {
    INFO("query: " << query);
    ParsedQuery parsed = parse_query(query);
    for (const auto& group : parsed.groups) {
        REQUIRE_FALSE(group.alternatives.empty());
        for (const Clause& clause : group.alternatives) {
            CHECK_FALSE(clause.text.empty());
            CHECK(valid_utf8(clause.text));
            CHECK_FALSE((clause.excluded && clause.required));
            if (group.alternatives.size() > 1) CHECK_FALSE((clause.excluded || clause.required));
            if (clause.kind == ClauseKind::Word) CHECK(clause.text.find(' ') == std::string::npos);
            if (clause.kind == ClauseKind::Phrase) {
                CHECK(clause.text.front() != ' ');
                CHECK(clause.text.back() != ' ');
                CHECK(clause.text.find("  ") == std::string::npos);
            }
        }
    }
    std::string again = bodo::to_string(parsed);
    INFO("canonical: " << again);
    CHECK(valid_utf8(again));
    CHECK(parse_query(again) == parsed);
}

std::string error_of(const std::string& query, std::size_t* position = nullptr) {
    try {
        parse_query(query);
    } catch (const QuerySyntaxError& e) {
        if (position) *position = e.position();
        return e.what();
    }
    return "(no error)";
}

}  // namespace

TEST_CASE("query syntax: plain words keep their punctuation", "[query]") {
    auto words = clauses("반도체 전략 5G R&D COVID-19 K-방역 1조원 e-나라도움 U.S. 3.5%");
    std::vector<std::string> texts;
    for (const auto& clause : words) {
        CHECK(clause.kind == ClauseKind::Word);
        CHECK(clause.field == Field::Text);
        CHECK_FALSE(clause.excluded);
        CHECK_FALSE(clause.required);
        texts.push_back(clause.text);
    }
    CHECK(texts == std::vector<std::string>{"반도체", "전략", "5G", "R&D", "COVID-19", "K-방역", "1조원", "e-나라도움",
                                            "U.S.", "3.5%"});
    CHECK(parse_query("").empty());
    CHECK(parse_query("   \t\n ").empty());
    CHECK_FALSE(parse_query("a").empty());
}

TEST_CASE("query syntax: any Unicode space separates words", "[query]") {
    CHECK(canon("반도체\u3000전략") == "반도체 전략");          // ideographic space
    CHECK(canon("반도체\u00A0전략") == "반도체 전략");          // no-break space
    CHECK(canon("a\tb\nc\r\nd\u2003e\u202Ff") == "a b c d e f");
    CHECK(canon("a\u0001b") == "a b");                           // control characters too
    CHECK(canon("반\u200B도체 \uFEFF전략") == "반도체 전략");  // zero-width space and BOM are removed
    CHECK(canon("\u3000\u3000반도체\u3000") == "반도체");
}

TEST_CASE("query syntax: phrases", "[query]") {
    auto phrase = clauses("\"반도체  전략\"");
    REQUIRE(phrase.size() == 1);
    CHECK(phrase[0].kind == ClauseKind::Phrase);
    CHECK(phrase[0].text == "반도체 전략");

    CHECK(canon("“반도체 전략” 투자") == "\"반도체 전략\" 투자");
    CHECK(canon("「반도체 전략」") == "\"반도체 전략\"");
    CHECK(canon("『반도체 전략』") == "\"반도체 전략\"");
    CHECK(canon("“반도체 전략\"") == "\"반도체 전략\"");     // mixed quotes still pair
    CHECK(canon("＂반도체 전략＂") == "\"반도체 전략\"");     // fullwidth
    CHECK(canon("\"  a \u3000 b  \"") == "\"a b\"");            // spaces collapsed and trimmed
    CHECK(canon("\"a b\"c") == "\"a b\" c");                      // a closing quote ends the clause
    CHECK(canon("\"a OR b\" -c") == "\"a OR b\" -c");              // no syntax inside a phrase
    CHECK(canon("\"title:x -y\"") == "\"title:x -y\"");
    CHECK(canon("「그는 \"예\"라고」") == "「그는 \"예\"라고」");   // a double quote inside 「」
    CHECK(canon("\"a b") == "\"a b\"");                           // unclosed: to the end
    CHECK(canon("x \"a b") == "x \"a b\"");
    CHECK(canon("\"\" a") == "a");                                 // an empty phrase is dropped
    CHECK(canon("\"   \"") == "");
    CHECK(canon("\"") == "");
    CHECK(canon("5\" 화면") == "5\" 화면");                         // a quote inside a word stays in it
    CHECK(canon("\"one\"") == "\"one\"");                          // one word in quotes is still a phrase
}

TEST_CASE("query syntax: exclusion and requirement", "[query]") {
    auto parts = clauses("반도체 -중국 -\"수출 규제\" +전략 -title:속보 COVID-19");
    REQUIRE(parts.size() == 6);
    CHECK_FALSE(parts[0].excluded);
    CHECK((parts[1].excluded && parts[1].text == "중국" && parts[1].kind == ClauseKind::Word));
    CHECK((parts[2].excluded && parts[2].text == "수출 규제" && parts[2].kind == ClauseKind::Phrase));
    CHECK((parts[3].required && !parts[3].excluded && parts[3].text == "전략"));
    CHECK((parts[4].excluded && parts[4].field == Field::Title && parts[4].text == "속보"));
    CHECK((!parts[5].excluded && parts[5].text == "COVID-19"));

    CHECK(canon("a - b") == "a b");        // a lone sign is dropped
    CHECK(canon("a + b") == "a b");
    CHECK(canon("-") == "");
    CHECK(canon("-(-") == "");             // signs alone are no word (found by fuzz_query)
    CHECK(canon("m OR x(") == "m OR x(");  // parses back the same (found by fuzz_query)
    CHECK(canon("-((-S-") == "-S-");       // found by fuzz_query
    CHECK(canon("a -") == "a");
    CHECK(canon("--x") == "--x");          // doubled signs make a word
    CHECK(canon("+-x -+x") == "+-x -+x");
    CHECK(canon("－중국") == "-중국");     // fullwidth hyphen-minus
    CHECK(canon("−중국 ＋전략") == "-중국 +전략");
    CHECK(canon("-\"") == "");
    CHECK(canon("+\"a b\"") == "+\"a b\"");
    CHECK(canon("a-b -a-b") == "a-b -a-b");
}

TEST_CASE("query syntax: OR groups", "[query]") {
    ParsedQuery q = parse_query("반도체 OR 디스플레이 전략");
    REQUIRE(q.groups.size() == 2);
    REQUIRE(q.groups[0].alternatives.size() == 2);
    CHECK(q.groups[0].alternatives[0].text == "반도체");
    CHECK(q.groups[0].alternatives[1].text == "디스플레이");
    CHECK(q.groups[1].alternatives.size() == 1);

    CHECK(canon("a OR b OR c") == "a OR b OR c");
    CHECK(canon("a OR b c OR d") == "a OR b c OR d");
    CHECK(canon("a OR \"b c\" OR title:d") == "a OR \"b c\" OR title:d");
    CHECK(canon("a or b") == "a or b");           // lowercase is a word
    CHECK(canon("a Or b") == "a Or b");
    CHECK(canon("OR a") == "a");                  // dangling ORs are dropped
    CHECK(canon("a OR") == "a");
    CHECK(canon("OR") == "");
    CHECK(canon("OR OR OR") == "");
    CHECK(canon("a OR OR b") == "a OR b");
    CHECK(canon("a OR -b") == "a -b");            // no alternative of an exclusion
    CHECK(canon("-a OR b") == "-a b");
    CHECK(canon("+a OR b") == "a OR b");        // + means nothing among alternatives
    CHECK(canon("a OR date:2020 b") == "a b date:20200101..20201231");
    CHECK(canon("(a OR b) c") == "a OR b c");
    CHECK(canon("(a OR b) OR (c OR d)") == "a OR b OR c OR d");
    CHECK(canon("-OR +OR") == "-OR +OR");         // signed, it is a word
    CHECK(canon("\"OR\"") == "\"OR\"");
    CHECK(canon("ORACLE OR_ xOR") == "ORACLE OR_ xOR");
    CHECK(canon("a\u3000OR\u3000b") == "a OR b");
    // A signed OR is a word that takes no alternatives: unsigned, it would read back as syntax.
    CHECK(canon("+OR OR b") == "+OR b");
    CHECK(canon("a OR +OR") == "a +OR");
}

TEST_CASE("query syntax: AND requires both sides, NOT excludes", "[query]") {
    ParsedQuery q = parse_query("반도체 AND 전략");
    REQUIRE(q.groups.size() == 2);  // not three: AND is no word to search for
    CHECK(q.groups[0].alternatives.front().required);
    CHECK(q.groups[1].alternatives.front().required);
    CHECK(canon("a AND b c") == "+a +b c");
    CHECK(canon("a AND b AND c") == "+a +b +c");
    CHECK(canon("a NOT b") == "a -b");
    CHECK(canon("NOT b a") == "-b a");
    CHECK(canon("a AND NOT b") == "a -b");          // nothing to require beside an exclusion
    CHECK(canon("a NOT date:2020") == "a -date:20200101..20201231");
    CHECK(canon("a OR b AND c") == "a OR b c");     // alternatives cannot be required
    CHECK(canon("a AND b OR c") == "+a b OR c");
    CHECK(canon("AND a") == "a");                   // dangling operators are dropped
    CHECK(canon("a AND") == "a");
    CHECK(canon("a NOT") == "a");
    CHECK(canon("a and b not c") == "a and b not c");  // lowercase: words
    CHECK(canon("+AND -NOT \"AND\"") == "+AND -NOT \"AND\"");
    CHECK(canon("+AND OR b") == "+AND b");
}

TEST_CASE("query syntax: fields", "[query]") {
    auto parts = clauses("title:반도체 title:\"반도체 전략\" ministry:과학기술정보통신부 ministry:\"산업통상자원부\" "
                         "dept:전파정책기획과 department:반도체과");
    REQUIRE(parts.size() == 6);
    CHECK((parts[0].field == Field::Title && parts[0].kind == ClauseKind::Word && parts[0].text == "반도체"));
    CHECK((parts[1].field == Field::Title && parts[1].kind == ClauseKind::Phrase && parts[1].text == "반도체 전략"));
    CHECK((parts[2].field == Field::Ministry && parts[2].text == "과학기술정보통신부"));
    CHECK((parts[3].field == Field::Ministry && parts[3].kind == ClauseKind::Phrase));
    CHECK((parts[4].field == Field::Department && parts[4].text == "전파정책기획과"));
    CHECK((parts[5].field == Field::Department && parts[5].text == "반도체과"));

    CHECK(canon("TITLE:a Title:b DEPT:c") == "title:a title:b dept:c");
    CHECK(canon("title：반도체") == "title:반도체");          // fullwidth colon
    CHECK(canon("title:「반도체 전략」") == "title:\"반도체 전략\"");
    CHECK(canon("title:a:b") == "title:a:b");
    CHECK(canon("title:-a") == "title:-a");                     // a sign after the colon is text
    CHECK(canon("(title:a OR title:b)") == "title:a OR title:b");
}

TEST_CASE("query syntax: the field names are the field table's", "[query]") {
    // The parser reads its vocabulary from schema.h's kFields: every name and alias there is a
    // field of the query language, and nothing else is.
    int named = 0;
    for (const auto& spec : bodo::kFields) {
        for (std::string_view name : {spec.name, spec.alias}) {
            if (name.empty() || spec.field == Field::Date) continue;
            ++named;
            const ParsedQuery q = parse_query(std::string(name) + ":반도체");
            REQUIRE(q.groups.size() == 1);
            CHECK(q.groups[0].alternatives[0].field == spec.field);
            CHECK(canon(std::string(name) + ":반도체") == std::string(spec.name) + ":반도체");
        }
    }
    CHECK(named == 4);  // title, ministry, dept, department
    CHECK(parse_query("date:2021").dates.size() == 1);
    CHECK(canon("year:2021") == "year:2021");  // a value slot, but no name of the query language
    CHECK(!bodo::field_by_query_name("year"));
    CHECK(!bodo::field_by_query_name(""));
}

TEST_CASE("query syntax: unknown fields and colons are words", "[query]") {
    CHECK(canon("foo:bar") == "foo:bar");
    CHECK(canon("http://example.com/a?b=c") == "http://example.com/a?b=c");
    CHECK(canon("10:30 회의") == "10:30 회의");
    CHECK(canon(":") == ":");
    CHECK(canon("a : b") == "a : b");
    CHECK(canon("::") == "::");
    CHECK(canon(":title") == ":title");
    CHECK(canon("x:title:a") == "x:title:a");
    CHECK(canon("titles:a") == "titles:a");
    CHECK(canon("제목:반도체") == "제목:반도체");
    auto parts = clauses("foo:\"bar baz\"");
    REQUIRE(parts.size() == 2);  // not a field, so the quote is inside a word
    CHECK(parts[0].text == "foo:\"bar");
    CHECK(parts[1].text == "baz\"");
}

TEST_CASE("query syntax: date clauses become filters", "[query]") {
    ParsedQuery q = parse_query("반도체 date:2020-01..2020-06");
    REQUIRE(q.groups.size() == 1);
    REQUIRE(q.dates.size() == 1);
    CHECK(q.dates[0] == bodo::DateRange{"20200101", "20200630"});
    CHECK(q.excluded_dates.empty());

    q = parse_query("date:2020 -date:2020-02 DATE:..2020-06-15");
    CHECK(q.groups.empty());
    CHECK_FALSE(q.empty());
    REQUIRE(q.dates.size() == 2);
    CHECK(q.dates[0] == bodo::DateRange{"20200101", "20201231"});
    CHECK(q.dates[1] == bodo::DateRange{"", "20200615"});
    REQUIRE(q.excluded_dates.size() == 1);
    CHECK(q.excluded_dates[0] == bodo::DateRange{"20200201", "20200229"});

    CHECK(canon("date:\"2020 .. 2021\"") == "date:20200101..20211231");
    CHECK(canon("(date:2020)") == "date:20200101..20201231");
    CHECK(canon("date:2020.01.05.") == "date:20200105..20200105");
}

TEST_CASE("query syntax: parentheses group nothing and never fail", "[query]") {
    CHECK(canon("((") == "");
    CHECK(canon("()") == "");
    CHECK(canon(")") == "");
    CHECK(canon("(a b)") == "a b");
    CHECK(canon("((a") == "a");
    CHECK(canon("a))") == "a");
    CHECK(canon("f(x)") == "f(x)");
    CHECK(canon("f(x))") == "f(x)");
    CHECK(canon("(주)삼성") == "주)삼성");
    CHECK(canon("(-a)") == "-a");
    CHECK(canon("-(a)") == "-a");
    CHECK(canon("(\"a b\")") == "\"a b\"");
}

TEST_CASE("query syntax: the only errors are bad dates and empty field values", "[query]") {
    std::size_t position = 99;
    CHECK_THAT(error_of("title:", &position), Catch::Contains("'title:'") && Catch::Contains("character 1"));
    CHECK(position == 1);
    // Positions count characters, not bytes.
    CHECK_THAT(error_of("반도체 title:", &position), Catch::Contains("character 5"));
    CHECK(position == 5);
    CHECK_THAT(error_of("a -ministry: b", &position), Catch::Contains("'-ministry:'"));
    CHECK(position == 3);
    CHECK_THAT(error_of("title:\"\""), Catch::Contains("empty value"));
    CHECK_THAT(error_of("title:\"  "), Catch::Contains("empty value"));
    CHECK_THAT(error_of("dept:)"), Catch::Contains("empty value"));
    CHECK_THAT(error_of("department:"), Catch::Contains("empty value"));
    CHECK_THAT(error_of("date:"), Catch::Contains("empty value"));

    std::string message = error_of("반도체 date:2020-13", &position);
    CHECK_THAT(message, Catch::Contains("month must be 01–12") && Catch::Contains("'date:2020-13'") &&
                            Catch::Contains("character 5"));
    CHECK(position == 5);
    CHECK_THAT(error_of("date:.."), Catch::Contains("give a start, an end or both"));
    CHECK_THAT(error_of("date:2021..2020"), Catch::Contains("start is after the end"));
    CHECK_THAT(error_of("date:yesterday"), Catch::Contains("'yesterday'"));
    CHECK_THAT(error_of("date:2020-02-30"), Catch::Contains("day must be 01–29"));
    CHECK_THROWS_AS(parse_query("-date:13"), QuerySyntaxError);
    CHECK_THROWS_AS(parse_query("title:"), std::runtime_error);
}

TEST_CASE("query syntax: ordinary text never fails", "[query]") {
    const std::vector<std::string> tricky = {
        "a 가 b", "Girls Day 제8회", "\"unclosed", "unclosed\"", "-", "+", "--", "OR", "a OR", "OR a", ":", "::",
        "http://example.com", "((", "))", "(()", "a (b", "a) b", "😀", "👩‍👩‍👧 가족", "🇰🇷 태극기",
        std::string("\xff\xfe"), std::string("a\x80z"), std::string("\xe4\xb8"), std::string("\xc0\xaf"),
        std::string("\xed\xa0\x80"), std::string("\xf4\x90\x80\x80"), std::string("ab\0cd", 5),
        "\"a\"\"b\"", "\"\"\"", "“", "”", "「", "」", "『a", "a」", "\"a OR b", "a OR \"b", "OR OR",
        "- - -", "-\"\"", "+\"", "-(", "R&D 5G", "COVID-19 K-방역 1조원", "10:30", "a:b:c", "::title",
        "title :a", "title\u3000:a", "e-mail", "C++ C#", "a.b.c", "ｔｉｔｌｅ:a", "\\", "\\\"a\"", "'a b'",
        "‘a’", "a\u200b", "\u200b", "\u00ad", "-\u200b", "OR\u200b", "\u3000", "\t\n", "%", "*", "a*", "~", "^",
        "!", "NOT a", "AND", "a AND b", "a && b", "a || b", "[a]", "{a}", "<a>", "title",
        "(title:a OR (ministry:\"b c\")) -dept:d", "+date:2020", std::string(2000, '('), std::string(2000, '"'),
        std::string(1000, '-') + "x",
    };
    for (const auto& query : tricky) {
        INFO("query: " << query);
        CHECK_NOTHROW(parse_query(query));
        check_invariants(query);
    }
    CHECK(canon("a 가 b") == "a 가 b");
    CHECK(canon("Girls Day 제8회") == "Girls Day 제8회");
    CHECK(canon("\"unclosed") == "\"unclosed\"");
    CHECK(canon("a\x80z") == "a\uFFFDz");  // invalid bytes become U+FFFD
    CHECK(canon("\xed\xa0\x80") == "\uFFFD\uFFFD\uFFFD");
}

TEST_CASE("query syntax: random junk either parses or gives a QuerySyntaxError", "[query]") {
    const std::vector<std::string> pieces = {
        "a", "가", "반도체", " ", "\u3000", "\u00A0", "\"", "“", "”", "「", "」", "-", "+", "－", "OR", "or", ":",
        "：", "(", ")", "title:", "ministry:", "dept:", "date:", "2020", "-01", "..", "~", "😀", "\xff", "\xe4",
        "\u200b", "x:y", "\t",
    };
    std::mt19937 random(20240611);
    std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
    std::uniform_int_distribution<int> length(0, 12);
    int parsed = 0;
    for (int round = 0; round < 3000; ++round) {
        std::string query;
        for (int k = length(random); k > 0; --k) query += pieces[pick(random)];
        try {
            parse_query(query);
        } catch (const QuerySyntaxError& e) {
            INFO("query: " << query);
            CHECK(e.position() >= 1);
            continue;
        }
        ++parsed;
        check_invariants(query);
    }
    CHECK(parsed > 1000);
}
