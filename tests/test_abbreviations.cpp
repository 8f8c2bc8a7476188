// Abbreviations that releases define themselves.
#include <catch2/catch.hpp>

#include "metadata/abbreviations.h"
#include "metadata/ministries.h"

using bodo::AbbreviationTable;
using bodo::find_abbreviations;

TEST_CASE("Korean definitions with 이하 are found", "[abbreviations]") {
    const auto found = find_abbreviations("과학기술정보통신부(이하 '과기정통부')는 오늘 발표했다. 한국과학기술기획평가원(이하 “KISTEP”)과 함께");
    REQUIRE(found.size() == 2);
    CHECK(found[0].short_form == "과기정통부");
    CHECK(found[0].long_form == "과학기술정보통신부");
    CHECK(found[1].short_form == "KISTEP");
    CHECK(found[1].long_form == "한국과학기술기획평가원");
}

TEST_CASE("English acronyms are matched to the words before them", "[abbreviations]") {
    const auto found = find_abbreviations("The Ministry of Science and ICT (MSIT) held the Joint Committee (JCST) today.");
    REQUIRE(found.size() == 2);
    CHECK(found[0].short_form == "MSIT");
    CHECK(found[0].long_form == "Ministry of Science and ICT");
    CHECK(found[1].short_form == "JCST");
    CHECK(found[1].long_form == "Joint Committee");
}

TEST_CASE("parentheses that define nothing are ignored", "[abbreviations]") {
    CHECK(find_abbreviations("회의(3월 17일)를 열었다 (사진 참고) (AI)").empty());
    CHECK(find_abbreviations("unbalanced ( parenthesis").empty());
}

TEST_CASE("the table keeps the most frequent long form and round-trips", "[abbreviations]") {
    AbbreviationTable t;
    t.add({"과기정통부", "과학기술정보통신부"}, 3);
    t.add({"과기정통부", "과학기술부"});
    t.add({"MSIT", "Ministry of Science and ICT"});
    CHECK(t.expand("과기정통부") == "과학기술정보통신부");
    CHECK(t.expand("msit") == "Ministry of Science and ICT");  // keys are normalized
    CHECK(t.expand("없음").empty());
    CHECK(t.shorten("과학기술정보통신부") == std::vector<std::string>{"과기정통부"});
    AbbreviationTable copy;
    copy.merge(t.serialize());
    copy.merge("garbage line\nx\ty\tnotanumber\n");
    CHECK(copy.serialize() == t.serialize());
}

TEST_CASE("ministries are known by their other names", "[abbreviations][ministries]") {
    CHECK(bodo::metadata::ministry_by_any_name("MSIT") == "과학기술정보통신부");
    CHECK(bodo::metadata::ministry_by_any_name("과기정통부") == "과학기술정보통신부");
    CHECK(bodo::metadata::ministry_by_any_name("Ministry of Science and ICT") == "과학기술정보통신부");
    CHECK(bodo::metadata::ministry_by_any_name("산림청") == "산림청");
    CHECK(bodo::metadata::ministry_by_any_name("MOU").empty());  // a memorandum, not 통일부
    const auto aliases = bodo::metadata::ministry_aliases("산업통상자원부");
    CHECK(std::find(aliases.begin(), aliases.end(), "산업부") != aliases.end());
    CHECK(std::find(aliases.begin(), aliases.end(), "MOTIE") != aliases.end());
}

TEST_CASE("a release is filed under the government body its field or text names", "[ministries]") {
    using bodo::metadata::ministry_filing;
    // The field names a body: its Korean name, whatever the text says.
    auto filing = ministry_filing("과기정통부", "환경부 발표", "");
    CHECK(filing.ministry == "과학기술정보통신부");
    CHECK_FALSE(filing.field_replaced);
    // An empty field: the first body the title names, else the body's opening.
    filing = ministry_filing("", "산림청, 봄철 산불 대비", "환경부와 함께");
    CHECK(filing.ministry == "산림청");
    CHECK_FALSE(filing.field_replaced);
    CHECK(ministry_filing("", "봄철 산불 대비", "환경부와 함께").ministry == "환경부");
    // Debris in the field is replaced, and said to be.
    filing = ministry_filing("수천억원", "", "환경부는 오늘");
    CHECK(filing.ministry == "환경부");
    CHECK(filing.field_replaced);
    // Named nowhere, or named only past the body's opening: the field stays.
    CHECK(ministry_filing("수천억원", "제목", "본문").ministry.empty());
    CHECK(ministry_filing("", "제목", std::string(2000, ' ') + "환경부").ministry.empty());
}
