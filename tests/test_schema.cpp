// The prefix and slot table.
#include <catch2/catch.hpp>

#include <set>

#include "schema/schema.h"
#include "schema/stored_release.h"

using namespace bodo;

TEST_CASE("no field prefix begins another, and slots are unique", "[schema]") {
    std::set<Xapian::valueno> slots;
    for (const auto& a : kFields) {
        if (a.slot) CHECK(slots.insert(*a.slot).second);
        if (a.prefix.empty()) continue;
        for (const auto& b : kFields) {
            if (&a == &b || b.prefix.empty()) continue;
            INFO(a.prefix << " / " << b.prefix);
            CHECK_FALSE(b.prefix.starts_with(a.prefix));
        }
    }
}

TEST_CASE("term kinds never collide with words", "[schema]") {
    // Words are case-folded, markers upper case: "K뉴질랜드" (stem) is not the word "k뉴질랜드".
    CHECK(text_term(Field::Text, TermKind::Stem, "뉴질랜드") == "K뉴질랜드");
    CHECK(text_term(Field::Text, TermKind::Word, "k뉴질랜드") == "k뉴질랜드");
    CHECK(text_term(Field::Title, TermKind::Bigram, "정보") == "SG정보");
    CHECK(boolean_term(Field::Ministry, "외교부") == "XM외교부");
    const std::string long_url(300, 'u');
    CHECK(boolean_term(Field::Url, long_url).size() < 245);  // Xapian's term limit
    CHECK(boolean_term(Field::Url, long_url) != boolean_term(Field::Url, long_url + "x"));
}

TEST_CASE("a stored release decodes to what was stored", "[schema]") {
    Release r;
    r.id = "1";
    r.title = "제목";
    r.body = std::string("본문\n둘째 줄\0끝", 22);
    r.date = "2020-01-02";
    r.source = "a.jsonl";
    r.line = 7;
    const Release back = decode_release(encode_release(r));
    CHECK(back.body == r.body);
    CHECK(back.line == 7);
    CHECK(back.source == "a.jsonl");
    CHECK_THROWS(decode_release("garbage"));
    CHECK(fingerprint(r) == fingerprint(back));
    r.title = "다른 제목";
    CHECK(fingerprint(r) != fingerprint(back));
}
